// No key, password, console URL or credential in toString, JSON.stringify or util.inspect.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, test } from 'node:test';

import * as vpskit from '../../dist/node.js';
import { KEY, startMock } from '../mock.js';

let mock;
before(async () => { mock = await startMock(); await mock.reset(); });
after(() => mock.stop());

const SECRETS = [KEY, 'PasswordKuat123!', 'token=', 'Gen-', 'panel-fsrv', 'InitialRootPw1!'];

function assertHidden(label, value) {
  const texts = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 10, showHidden: true }), `${value}`];
  for (const text of texts) for (const secret of SECRETS) assert.ok(!text.includes(secret), `${label}: ${secret} shown in ${text.slice(0, 200)}`);
}

test('clients, results, errors and requests never show secrets', async () => {
  const c = new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: mock.baseUrl });
  const session = await c.getConsole('fsrv_111');
  const generated = await c.resetPassword('fsrv_111');
  const creds = await c.listCredentials('fsrv_111');
  const custom = await c.resetPassword('fsrv_158', { password: 'PasswordKuat123!' });
  const op = vpskit.operations.reinstall('fsrv_158', { osId: '1109', password: 'PasswordKuat123!' });
  const request = vpskit.operations.buildRequest(op, new vpskit.Config({ key: KEY }));
  let error;
  try { await c.getConsole('fsrv_158'); } catch (e) { error = e; }
  for (const [label, value] of Object.entries({ client: c, session, url: session.url, generated, creds, custom, op, request, error, config: new vpskit.Config({ key: KEY }) })) {
    assertHidden(label, value);
  }
  const logged = [];
  const original = console.log;
  console.log = (...args) => logged.push(args.map((a) => inspect(a, { depth: 10 })).join(' '));
  try { console.log(c, session, creds, request, op); } finally { console.log = original; }
  for (const secret of SECRETS) assert.ok(!logged.join('\n').includes(secret));
  assert.ok(session.url.expose().includes('token='), 'reachable explicitly');
  assert.ok(request.headers.some(([k, v]) => k === 'Authorization' && v === `Bearer ${KEY}`), 'the transport gets the key');
});
