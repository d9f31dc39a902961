// Every operation against the mock over real fetch on loopback; errors; preflight; VPS.org.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import * as vpskit from '../../dist/node.js';
import { KEY, TOKEN, startMock } from '../mock.js';

let mock;
before(async () => { mock = await startMock(); });
after(() => mock.stop());
beforeEach(() => mock.reset());

const FAST = { baseDelayMs: 10, maxDelayMs: 40 };
const client = (options = {}) => new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: mock.baseUrl, retry: FAST, ...options });

test('every FaithServer operation', async () => {
  const c = client();
  const servers = await c.listServers();
  assert.deepEqual(servers.slice(0, 3).map((s) => s.id), ['fsrv_111', 'fsrv_112', 'fsrv_158']);
  assert.equal(servers[0].product, 'Premium VPS Multi-region');
  assert.ok(servers[0].allowedActions.includes('console'));
  assert.equal((await c.getServer('fsrv_111')).name, 'VPS AMD 1');
  assert.equal((await c.getStatus('fsrv_111')).status, 'running');
  assert.equal((await c.getOverview('fsrv_220')).ipAddress, '203.0.113.220');
  assert.equal((await c.stop('fsrv_111')).message, 'Stop command accepted.');
  assert.equal((await c.start('fsrv_111')).message, 'Start command accepted.');
  assert.equal((await c.reboot('fsrv_158')).providerResponse.status, 1);
  assert.equal((await c.wakeOnLan('fsrv_221')).action, 'wol');
  const consoleSession = await c.getConsole('fsrv_111');
  assert.ok(consoleSession.url instanceof vpskit.Secret);
  assert.ok(consoleSession.url.expose().includes('token='));
  await c.enableRescue('fsrv_111');
  assert.equal((await c.getRescueStatus('fsrv_111')).pendingReboot, true);
  await c.disableRescue('fsrv_111');
  assert.deepEqual((await c.listImages('fsrv_158')).images.map((i) => i.id), ['1109', '1024', '1056', '100001']);
  const job = await c.reinstall('fsrv_111', { imageId: 'UBUNTU_24_04_64BIT' });
  assert.equal((await c.waitForJob(job.jobId, { pollIntervalMs: 10 })).status, 'completed');
  await c.reinstall('fsrv_158', { osId: 1109, password: 'PasswordKuat123!' });
  const generated = (await c.resetPassword('fsrv_111')).providerResponse.password;
  assert.ok(generated instanceof vpskit.Secret && generated.expose().startsWith('Gen-'));
  await c.resetPassword('fsrv_158', { password: 'PasswordKuat123!' });
  const creds = await c.listCredentials('fsrv_111');
  assert.ok(creds[0].password.equals(generated));
  assert.equal((await c.getCredential('fsrv_111', 'panel', 'admin')).username, 'admin');
  assert.equal((await c.getTraffic('fsrv_111', { period: 'month' })).period, 'month');
  assert.equal((await c.getTraffic('fsrv_158', { month: 202605 })).month, '202605');
  assert.equal((await c.listIps('fsrv_158'))[0].version, 4);
  assert.equal(typeof (await c.getMonitor('fsrv_158')).cpuPercent, 'number');
  assert.ok((await c.listTasks('fsrv_158')).some((t) => t.action === 'reboot'));
  assert.ok((await c.listServerActions('fsrv_111')).some((e) => e.action === 'reinstall'));
  assert.ok((await c.listLogs()).length > 0);
  assert.equal((await c.listJobs()).length, 2);
  assert.equal((await c.getJob(job.jobId)).id, job.jobId);
  assert.equal((await c.raw('GET', '/servers/fsrv_111')).body.data.id, 'fsrv_111');
  for (const r of await mock.requests()) {
    assert.equal(r.authorization, 'bearer');
    assert.ok(!r.keyInQuery && !r.keyInBody && !r.knownKeyInUrl);
  }
});

test('documented errors and the preflight', async () => {
  const c = client();
  await assert.rejects(c.getConsole('fsrv_158'), (e) => vpskit.isVpskitError(e, 'not_allowed') && e.message === 'console is not available for Budget VPS');
  await assert.rejects(c.reinstall('fsrv_158', { imageId: 'UBUNTU_24_04_64BIT' }), (e) => e.kind === 'validation');
  await assert.rejects(c.getServer('fsrv_900'), (e) => e.kind === 'not_found' && e.status === 404 && e.code === 'server_not_found');
  await assert.rejects(client({ preflight: false }).getConsole('fsrv_158'), (e) => e.code === 'console_not_available');
  await assert.rejects(new vpskit.FaithServerClient({ apiKey: 'fs_test_mock_revoked_key_0002', baseUrl: mock.baseUrl }).listServers(), (e) => e.kind === 'auth' && e.code === 'invalid_api_key');
  await assert.rejects(c.getServer('..'), (e) => e.kind === 'validation');
  assert.throws(() => new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: 'http://api.faithserver.com/api/v1' }), (e) => e.kind === 'validation');
  const saved = process.env.FAITHSERVER_API_KEY;
  delete process.env.FAITHSERVER_API_KEY;
  assert.throws(() => new vpskit.FaithServerClient(), (e) => e.kind === 'auth' && e.message.includes('FAITHSERVER_API_KEY'));
  process.env.FAITHSERVER_API_KEY = KEY;
  assert.ok((await new vpskit.FaithServerClient({ baseUrl: mock.baseUrl }).listServers()).length > 0);
  if (saved === undefined) delete process.env.FAITHSERVER_API_KEY; else process.env.FAITHSERVER_API_KEY = saved;
});

test('VPS.org account, permissions and expiry', async () => {
  const me = await new vpskit.VpsOrgClient({ token: TOKEN, baseUrl: mock.baseUrl }).getAccount();
  assert.equal(me.account.email, 'john@example.com');
  assert.equal(me.token.name, 'Production Deploy Key');
  assert.ok(vpskit.allows(me.token.permissions, 'dns:create'));
  assert.ok(!vpskit.allows(me.token.permissions, 'servers:delete'));
  assert.equal(vpskit.expiresWithin(me.token, 7), false);
  const expiring = await new vpskit.VpsOrgClient({ token: 'vps_test_mock_expiring_0003', baseUrl: mock.baseUrl }).getAccount();
  assert.equal(vpskit.expiresWithin(expiring.token, 7), true);
  await assert.rejects(new vpskit.VpsOrgClient({ token: 'vps_test_mock_expired_0004', baseUrl: mock.baseUrl }).getAccount(), (e) => e.kind === 'auth' && e.status === 401);
});

test('an injected fetch carries every request', async () => {
  const seen = [];
  const fetch = (url, init) => { seen.push([init.method, url]); return globalThis.fetch(url, init); };
  const c = client({ fetch });
  await c.reboot('fsrv_111');
  assert.deepEqual(seen.map(([m, u]) => `${m} ${u.slice(mock.baseUrl.length)}`), ['GET /servers/fsrv_111', 'POST /servers/fsrv_111/reboot']);
});
