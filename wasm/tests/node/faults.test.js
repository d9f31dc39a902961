// The mock's faults end to end: retried GETs, POSTs never sent twice, timeouts, broken connections.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import * as vpskit from '../../dist/node.js';
import { KEY, startMock } from '../mock.js';

let mock;
before(async () => { mock = await startMock(); });
after(() => mock.stop());
beforeEach(() => mock.reset());

const FAST = { baseDelayMs: 10, maxDelayMs: 40 };
const client = (options = {}) => new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: mock.baseUrl, retry: FAST, preflight: false, ...options });

test('GET is retried through 429 (Retry-After honoured), 503 and an HTML 502', async () => {
  await mock.fault('rate_limit', { retryAfter: 1, pathPrefix: '/servers' });
  await mock.fault('status', { status: 503, pathPrefix: '/servers' });
  await mock.fault('html', { pathPrefix: '/servers' });
  const started = Date.now();
  assert.equal((await client().listServers()).length, 6);
  assert.ok(Date.now() - started >= 1000);
  assert.equal(await mock.sent('GET', '/servers'), 4);
});

test('a POST is never sent twice after a 5xx, a dropped connection or a truncated answer', async () => {
  const c = client();
  await mock.fault('status', { status: 502, method: 'POST' });
  await assert.rejects(c.reboot('fsrv_111'), (e) => e.kind === 'server' && e.status === 502);
  await mock.fault('drop', { method: 'POST' });
  await assert.rejects(c.reboot('fsrv_111'), (e) => e.kind === 'transport' && e.cause !== undefined);
  await mock.fault('truncate', { method: 'POST' });
  await assert.rejects(c.reboot('fsrv_111'), (e) => e.kind === 'transport' || e.kind === 'decode');
  assert.equal(await mock.sent('POST', '/servers/fsrv_111/reboot'), 3);
});

test('a POST refused with 429 and Retry-After is sent again', async () => {
  await mock.fault('rate_limit', { retryAfter: 1, method: 'POST' });
  assert.equal((await client().reboot('fsrv_111')).message, 'Reboot command accepted.');
  assert.equal(await mock.sent('POST', '/servers/fsrv_111/reboot'), 2);
});

test('GET recovers from a dropped connection and a truncated body', async () => {
  await mock.fault('drop', { pathPrefix: '/jobs' });
  await mock.fault('truncate', { pathPrefix: '/jobs' });
  assert.deepEqual(await client().listJobs(), []);
  assert.equal(await mock.sent('GET', '/jobs'), 3);
});

test('5xx and HTML errors when retries run out; 500 is not retried', async () => {
  await mock.fault('html', { count: 10 });
  await assert.rejects(client().listServers(), (e) => e.kind === 'server' && e.status === 502 && e.message.includes('text/html'));
  assert.equal(await mock.sent('GET', '/servers'), 4);
  await mock.clearFaults();
  await mock.fault('status', { status: 500 });
  await assert.rejects(client().listServers(), (e) => e.status === 500);
  assert.equal(await mock.sent('GET', '/servers'), 5);
});

test('a slow answer aborts with a timeout', async () => {
  await mock.fault('slow', { delayMs: 1500 });
  await assert.rejects(client({ timeoutMs: 300, retry: { maxAttempts: 1 } }).listServers(), (e) => e.kind === 'transport' && e.message.includes('timed out'));
});

test('a redirect to another host is not followed (the key stays home)', async () => {
  await mock.fault('redirect', { count: 10 });
  await assert.rejects(client().listServers(), (e) => e.kind === 'server' && e.status === 302);
  assert.equal(await mock.sent('GET', '/servers'), 1);
});
