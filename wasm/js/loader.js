// Loads the wasm core once, lazily: on the first call that needs it, or when the app calls init().
// Nothing runs at import time, so no bundler has to support top-level await or keep a side effect.

import initGlue, { initSync } from './wasm/vpskit_wasm.js';
import * as glue from './wasm/vpskit_wasm.js';
import { VpskitError } from './errors.js';

const HINT = 'If your bundler did not emit vpskit\'s .wasm file (esbuild, for one), serve `vpskit/vpskit.wasm` '
  + 'with your assets and call `await init(urlOfThatFile)` once before the first call; `init` also takes the '
  + 'bytes, a Response or a compiled WebAssembly.Module.';

let loaded = false;
let loading = null;
let readSync = null;

/**
 * Called by the Node entry point: how to read the module synchronously, so that every function
 * (the synchronous ones too) loads it on first use.
 */
export function loadSynchronouslyWith(read) {
  readSync = read;
}

/** Where the module is when the app names none: beside the glue (bundlers see this line and emit it). */
const defaultUrl = () => new URL('./wasm/vpskit_wasm_bg.wasm', import.meta.url);

/** What an error message says the module was loaded from. */
const where = (source) => (typeof source === 'string' || source instanceof URL ? String(source) : 'what was passed to init');

/**
 * Loads the wasm core. Every client call does this itself, so most apps never call `init`; call
 * it to choose where the module comes from (a URL, its bytes, a Response, a WebAssembly.Module),
 * or to load it before the synchronous functions (`check`, `allows`, `tokenExpiry`, `version`,
 * the `operations` builders). The first successful load wins; later calls resolve at once.
 */
export function init(source) {
  if (loaded) return Promise.resolve();
  if (loading !== null) return loading;
  if (source === undefined && readSync !== null) {
    try {
      core();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }
  // The glue fetches a URL (refusing an HTTP error) and compiles bytes or a Module as given.
  const input = source ?? defaultUrl();
  loading = initGlue({ module_or_path: input }).then(() => {
    loaded = true;
  }, (cause) => {
    loading = null;
    throw new VpskitError('transport', `could not load vpskit's WebAssembly module from ${where(input)}: ${cause?.message ?? cause}. ${HINT}`, { requestSent: false, cause });
  });
  return loading;
}

/**
 * The wasm core's exports. Loads the module first where that can be done synchronously (Node);
 * in a browser, `init()` (or any client call) must have finished before.
 */
export function core() {
  if (!loaded) {
    // A load in progress (init with a source) must finish first: a second, synchronous
    // instance would leave the first one's objects pointing into the wrong memory.
    if (readSync === null || loading !== null) {
      throw new VpskitError('validation', 'vpskit\'s WebAssembly module is not loaded yet: `await init()` once before calling '
        + 'check, allows, productSupport, tokenExpiry, expiresWithin, version or the operations builders (client calls load it themselves). '
        + HINT);
    }
    initSync({ module: readSync() });
    loaded = true;
  }
  return glue;
}

/** Whether the module is loaded or can be loaded synchronously (Node): `core()` will not throw. */
export const canLoadNow = () => loaded || (readSync !== null && loading === null);
