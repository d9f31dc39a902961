// The clients drive the core's flow against the mock: cancellation (before, mid-request, mid-wait),
// per-call timeouts, progress while waiting, and clear errors for bad options.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import * as vpskit from '../../dist/node.js';
import { KEY, startMock } from '../mock.js';

let mock;
before(async () => { mock = await startMock(); });
after(() => mock.stop());
beforeEach(() => mock.reset());

const client = (options = {}) => new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: mock.baseUrl, ...options });
const until = async (check) => { for (let i = 0; i < 300 && !(await check()); i += 1) await new Promise((r) => setTimeout(r, 10)); };

test('an already-aborted signal sends nothing at all', async () => {
  const signal = AbortSignal.abort();
  await assert.rejects(client().reboot('fsrv_111', { signal }), (e) => vpskit.isVpskitError(e, 'aborted') && e.message.includes('reboot'));
  await assert.rejects(client().waitForJob('job_1', { signal }), (e) => vpskit.isVpskitError(e, 'aborted'));
  assert.deepEqual(await mock.requests(), []);
});

test('aborting mid-request aborts the request in flight and sends nothing more', async () => {
  await mock.fault('slow', { delayMs: 3000, pathPrefix: '/servers/fsrv_111/reboot' });
  const controller = new AbortController();
  const started = Date.now();
  const call = client().reboot('fsrv_111', { signal: controller.signal });
  await until(async () => (await mock.sent('POST', '/servers/fsrv_111/reboot')) === 1);
  controller.abort();
  await assert.rejects(call, (e) => vpskit.isVpskitError(e, 'aborted'));
  assert.ok(Date.now() - started < 2500, 'the call stopped at once');
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual((await mock.requests()).map((r) => `${r.method} ${r.path}`), ['GET /api/v1/servers/fsrv_111', 'POST /api/v1/servers/fsrv_111/reboot']);
});

test('aborting during a retry sleep sends nothing more', async () => {
  await mock.fault('rate_limit', { retryAfter: 5, pathPrefix: '/servers' });
  const controller = new AbortController();
  const call = client({ preflight: false }).listServers({ signal: controller.signal });
  await until(async () => (await mock.sent('GET', '/servers')) === 1);
  controller.abort();
  await assert.rejects(call, (e) => vpskit.isVpskitError(e, 'aborted'));
  assert.equal(await mock.sent('GET', '/servers'), 1);
});

test('waitForJob reports each unfinished poll, and stops when aborted between polls', async () => {
  const c = client();
  const job = await c.reinstall('fsrv_111', { imageId: 'UBUNTU_24_04_64BIT' });
  const seen = [];
  const done = await c.waitForJob(job.jobId, { pollIntervalMs: 10, onUpdate: (j) => seen.push([j.status, j.progress]) });
  assert.equal(done.status, 'completed');
  assert.deepEqual(seen, [['running', 50]]);

  const again = await c.reinstall('fsrv_111', { imageId: 'UBUNTU_24_04_64BIT' });
  const controller = new AbortController();
  const wait = c.waitForJob(again.jobId, { pollIntervalMs: 5_000, signal: controller.signal, onUpdate: () => controller.abort() });
  await assert.rejects(wait, (e) => vpskit.isVpskitError(e, 'aborted'));
  assert.equal(await mock.sent('GET', `/jobs/${again.jobId}`), 1);
});

test('a per-call timeout overrides the client one', async () => {
  await mock.fault('slow', { delayMs: 1500, pathPrefix: '/servers' });
  const c = client({ preflight: false, retry: { maxAttempts: 1 } });
  await assert.rejects(c.listServers({ timeoutMs: 100 }), (e) => e.kind === 'transport' && e.message.includes('timed out'));
});

test('bad options are validation errors, and nothing is sent', async () => {
  await assert.rejects(client().listServers({ timeoutMs: 0 }), (e) => vpskit.isVpskitError(e, 'validation') && e.message.includes('timeoutMs'));
  await assert.rejects(client().listServers({ signal: 'stop' }), (e) => vpskit.isVpskitError(e, 'validation') && e.message.includes('AbortSignal'));
  await assert.rejects(client().waitForJob('job_1', { pollIntervalMs: -1 }), (e) => vpskit.isVpskitError(e, 'validation') && e.message.includes('pollIntervalMs'));
  await assert.rejects(client().waitForJob('job_1', { onUpdate: 3 }), (e) => vpskit.isVpskitError(e, 'validation'));
  assert.throws(() => client({ timeoutMs: -5 }), (e) => vpskit.isVpskitError(e, 'validation'));
  // The core reads the options objects (serde-wasm-bindgen): a wrong type is refused, named.
  assert.throws(() => client({ retry: { maxAttempts: 2.5 } }), (e) => vpskit.isVpskitError(e, 'validation') && e.message.startsWith('retry: ') && e.message.includes('expected a whole number'));
  assert.throws(() => client({ preflight: 'no' }), (e) => vpskit.isVpskitError(e, 'validation') && e.message.includes('boolean'));
  assert.throws(() => new vpskit.Config({ key: 'fs_live_x', api: 'faithsrever' }), (e) => vpskit.isVpskitError(e, 'validation') && !e.message.includes('fs_live_x'));
  assert.deepEqual(await mock.requests(), []);
});

test('a server already read is checked without reading it again', async () => {
  const c = client();
  const servers = Object.fromEntries((await c.listServers()).map((s) => [s.id, s]));
  await mock.clearRequests();
  assert.equal((await c.reboot(servers.fsrv_111)).message, 'Reboot command accepted.');
  await assert.rejects(c.getConsole(servers.fsrv_158), (e) => vpskit.isVpskitError(e, 'not_allowed'));
  assert.deepEqual((await mock.requests()).map((r) => `${r.method} ${r.path}`), ['POST /api/v1/servers/fsrv_111/reboot']);
});

test('a short detail falls back to the server list', async () => {
  await mock.fault('short_detail');
  assert.equal((await client().reboot('fsrv_111')).message, 'Reboot command accepted.');
  assert.deepEqual((await mock.requests()).map((r) => `${r.method} ${r.path}`),
    ['GET /api/v1/servers/fsrv_111', 'GET /api/v1/servers', 'POST /api/v1/servers/fsrv_111/reboot']);
});

test('request ids and the rate-limit state surface', async () => {
  const c = client();
  assert.equal(c.rateLimit, null);
  await c.listServers();
  assert.equal(c.rateLimit.limit, 600);
  assert.equal(c.rateLimit.resetSeconds, 60);
  const error = await c.getServer('fsrv_900').catch((e) => e);
  assert.match(error.requestId, /^req_/);
  assert.ok(String(error).includes(error.requestId) && JSON.stringify(error).includes(error.requestId));
  await mock.fault('rate_limit', { retryAfter: 3600, pathPrefix: '/servers' });
  await assert.rejects(c.listServers(), (e) => vpskit.isVpskitError(e, 'rate_limited'));
  assert.equal(c.rateLimit.remaining, 0);
});

test('onEvent sees each exchange, redacted', async () => {
  const events = [];
  const c = client({ onEvent: (e) => events.push(e) });
  await c.reboot('fsrv_111');
  const console = (await c.getConsole('fsrv_111')).url.expose();
  const job = await c.reinstall('fsrv_158', { osId: '1109', password: 'PasswordKuat123!' });
  await c.waitForJob(job.jobId, { pollIntervalMs: 10 });
  await c.resetPassword('fsrv_158', { password: 'AnotherPass456!' });
  const generated = (await c.resetPassword('fsrv_111')).providerResponse.password.expose();
  assert.deepEqual(events.slice(0, 2).map((e) => [e.method, e.path, e.purpose, e.decision]), [
    ['GET', '/api/v1/servers/fsrv_111', 'preflight_detail', 'continue'],
    ['POST', '/api/v1/servers/fsrv_111/reboot', 'call', 'done'],
  ]);
  assert.ok(events.every((e) => /^req_/.test(e.requestId) && e.durationMs >= 0 && Object.isFrozen(e)));
  assert.ok(events.some((e) => e.decision === 'poll_again' && e.afterMs === 10));
  const text = JSON.stringify(events);
  for (const secret of [KEY, console, 'PasswordKuat123!', 'AnotherPass456!', generated]) assert.ok(!text.includes(secret), 'an event shows a secret');
  assert.throws(() => client({ onEvent: 'log' }), (e) => vpskit.isVpskitError(e, 'validation'));
});

const IDS = ['fsrv_111', 'fsrv_112', 'fsrv_158', 'fsrv_900', '..', 'fsrv_220'];
const maxInFlight = async () => (await mock.stats()).maxInFlight;

test('bulk runs one action over many servers within the caps', async () => {
  await mock.fault('slow', { delayMs: 150, count: 100 });
  const c = client({ preflight: false });
  const outcomes = await c.bulk('reboot', IDS, { concurrency: 2 });
  assert.deepEqual(outcomes.map((o) => o.serverId), IDS);
  assert.equal(outcomes[0].result.message, 'Reboot command accepted.');
  assert.ok(vpskit.isVpskitError(outcomes[3].error, 'not_found') && vpskit.isVpskitError(outcomes[4].error, 'validation'));
  assert.ok((await maxInFlight()) <= 2);
  assert.equal(await mock.sent('POST', '/servers/fsrv_111/reboot'), 1);
  await mock.reset();
  await mock.fault('slow', { delayMs: 100, count: 100 });
  const capped = client({ preflight: false, maxConcurrency: 1 });
  const statuses = await capped.bulk('getStatus', IDS.slice(0, 3), { concurrency: 3 });
  assert.ok(statuses.every((o) => o.ok));
  assert.equal(await maxInFlight(), 1);
});

test('a 429 slows every call of the client, and maxRequestsPerSecond spaces requests', async () => {
  const c = client({ preflight: false });
  await mock.fault('rate_limit', { retryAfter: 1, pathPrefix: '/servers/fsrv_111/status' });
  const first = c.getStatus('fsrv_111');
  await until(async () => (await mock.sent('GET', '/servers/fsrv_111/status')) === 1);
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  await c.getStatus('fsrv_112');
  assert.ok(Date.now() - started >= 600, `the other call went after ${Date.now() - started} ms`);
  await first;
  const paced = client({ preflight: false, maxRequestsPerSecond: 10 });
  const t0 = Date.now();
  for (let i = 0; i < 4; i += 1) await paced.getStatus('fsrv_111');
  assert.ok(Date.now() - t0 >= 290);
});

test('bad bulk input and bad limits are validation errors, nothing sent', async () => {
  const c = client();
  for (const [action, options] of [['reboot', { concurrency: 0 }], ['reboot', { concurrency: -1 }], ['listServers', {}], ['explode', {}]]) {
    await assert.rejects(c.bulk(action, IDS, options), (e) => vpskit.isVpskitError(e, 'validation'), action);
  }
  for (const options of [{ maxConcurrency: 0 }, { maxConcurrency: 1.5 }, { maxRequestsPerSecond: 0 }, { maxRequestsPerSecond: '3' }]) {
    assert.throws(() => client(options), (e) => vpskit.isVpskitError(e, 'validation'), JSON.stringify(options));
  }
  assert.deepEqual(await mock.requests(), []);
});

test('waitForJobs shares one poll schedule', async () => {
  const c = client();
  const a = (await c.reinstall('fsrv_111', { imageId: 'UBUNTU_24_04_64BIT' })).jobId;
  const b = (await c.reinstall('fsrv_158', { osId: '1109', password: 'PasswordKuat123!' })).jobId;
  const seen = [];
  const outcomes = await c.waitForJobs([a, 'job_missing', b], { pollIntervalMs: 10, onUpdate: (j) => seen.push(j.id) });
  assert.deepEqual(outcomes.map((o) => [o.jobId, o.ok]), [[a, true], ['job_missing', false], [b, true]]);
  assert.equal(outcomes[0].job.status, 'completed');
  assert.ok(vpskit.isVpskitError(outcomes[1].error, 'not_found'));
  assert.deepEqual(seen, [a, b]);
});
