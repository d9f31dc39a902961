// A user's node:test suite on the mock, through `vpskit/testing` (the README's example first).
// README:start
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMock } from 'vpskit/testing';

let mock;
before(async () => { mock = await startMock(); });
after(() => mock.stop());

test('a 503 on the fleet is retried', async () => {
  await mock.fault('status', { status: 503, pathPrefix: '/servers', method: 'GET' });
  assert.equal((await mock.faithServerClient().listServers()).length, 6);
  assert.deepEqual((await mock.requests()).map((r) => r.status), [503, 200]);
});
// README:end

test('a POST that met a 502 is not sent again', async () => {
  await mock.reset();
  await mock.fault('status', { status: 502, method: 'POST' });
  const client = mock.faithServerClient({ preflight: false });
  await assert.rejects(client.reboot('fsrv_111'), (e) => e.kind === 'server' && e.status === 502);
  assert.equal(await mock.sent('POST', '/servers/fsrv_111/reboot'), 1);
  assert.ok((await mock.requests()).every((r) => r.authorization === 'bearer' && !r.keyInQuery));
});
