// Loading the wasm module in Node: by default on first use (synchronously); with `init(bytes)`,
// asynchronously, and nothing synchronous may start a second instance meanwhile. Its own file,
// so its own process: the module is not loaded when it starts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as vpskit from '../../dist/node.js';

test('init(bytes) loads the module; until it resolves, synchronous functions refuse and clients wait', async () => {
  const bytes = readFileSync(new URL('../../dist/wasm/vpskit_wasm_bg.wasm', import.meta.url));
  const loading = vpskit.init(bytes);
  assert.throws(() => vpskit.version(), (e) => vpskit.isVpskitError(e, 'validation') && e.message.includes('await init()'));
  const client = new vpskit.FaithServerClient({ apiKey: 'fs_test_mock_valid_key_0001', baseUrl: 'http://127.0.0.1:9/api/v1' });
  await loading;
  assert.match(vpskit.version(), /^\d+\.\d+\.\d+/);
  assert.equal(client.baseUrl, 'http://127.0.0.1:9/api/v1');
  await vpskit.init(); // loaded: resolves at once, whatever the source
  await assert.rejects(client.listServers({ timeoutMs: 2000 }), (e) => vpskit.isVpskitError(e, 'transport'));
});
