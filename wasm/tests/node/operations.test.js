// The operation builders and the clients' methods generated from the core's table.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as vpskit from '../../dist/node.js';

const refuses = (name) => (e) => e instanceof vpskit.VpskitError && e.kind === 'validation' && e.message.includes(`\`${name}\``);

test('an optional arguments object refuses a member its operation does not take', async () => {
  const { operations } = vpskit;
  assert.throws(() => operations.resetPassword('fsrv_158', { password: 'PasswordKuat123!', signal: AbortSignal.timeout(1000) }), refuses('signal'));
  assert.equal(operations.resetPassword('fsrv_158', { password: 'PasswordKuat123!' }).name, 'reset_password');
  let sent = 0;
  const client = new vpskit.FaithServerClient({ apiKey: 'fs_live_x', fetch: async () => { sent += 1; throw new Error('unreachable'); } });
  // A method of the client rejects (it never throws at the call), and nothing is sent.
  const call = client.reinstall('fsrv_158', { imageId: 'UBUNTU_24_04_64BIT', timeoutMs: 5 });
  await assert.rejects(call, refuses('timeoutMs'));
  assert.equal(sent, 0);
});

test('a text argument of digits takes a number, and get_credential sends its type', () => {
  const { operations } = vpskit;
  const reinstall = JSON.parse(operations.reinstall('fsrv_158', { osId: 1109, password: 'PasswordKuat123!' }).callJson());
  assert.deepEqual(reinstall.args, { id: 'fsrv_158', os_id: '1109', password: 'PasswordKuat123!' });
  const credential = JSON.parse(operations.getCredential('fsrv_111', 'ssh', 'root').callJson());
  assert.deepEqual(credential, { operation: 'get_credential', args: { id: 'fsrv_111', type: 'ssh', username: 'root' } });
});
