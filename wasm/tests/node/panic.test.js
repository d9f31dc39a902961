// A Rust panic never reaches JS as a raw WebAssembly trap: it arrives as VpskitError('internal').
// Its own file, so its own process: the wasm instance is not used again after the trap.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as vpskit from '../../dist/node.js';
import { native } from '../../dist/errors.js';
import * as wasm from '../../dist/wasm/vpskit_wasm.js';

// The glue's functions are used directly: load the module first (the package does it on first use).
await vpskit.init();

test('a Rust panic arrives as an internal VpskitError', () => {
  assert.ok(vpskit.ERROR_KINDS.includes('internal'));
  assert.throws(() => native(wasm.panicForTests), (error) => {
    assert.ok(vpskit.isVpskitError(error, 'internal'), String(error));
    assert.match(error.message, /this is a bug/);
    assert.ok(error.cause instanceof WebAssembly.RuntimeError);
    return true;
  });
});
