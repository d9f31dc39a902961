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
let implicit = false; // whether the load in progress is the default one (no source named)
let preferred; // the source the app named last: every later attempt loads it
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

/** What an error message says the module was loaded from: a URL without its query or credentials. */
function where(source) {
  if (!(typeof source === 'string' || source instanceof URL)) return 'what was passed to init';
  const text = String(source);
  try {
    const url = new URL(text, globalThis.location?.href);
    return `${url.origin === 'null' ? url.protocol : url.origin}${url.pathname}`;
  } catch {
    return text.split(/[?#]/)[0];
  }
}

/** A URL source made absolute against the page (the form a fetch error quotes), or undefined. */
function absolute(source) {
  try {
    return new URL(String(source), globalThis.location?.href).href;
  } catch {
    return undefined;
  }
}

/** A failed load as the error every caller sees: where from, why, and what to do. */
function failed(source, cause) {
  let why = String(cause?.message ?? cause);
  if (typeof source === 'string' || source instanceof URL) {
    // The longer (absolute) form first: the shorter one is part of it.
    const forms = [absolute(source), String(source)].filter(Boolean).sort((a, b) => b.length - a.length);
    for (const form of forms) why = why.split(form).join(where(source));
  }
  return new VpskitError('transport', `could not load vpskit's WebAssembly module from ${where(source)}: ${why}. ${HINT}`, { requestSent: false, cause });
}

/** One asynchronous load of `input` (the default URL when undefined). */
function load(input) {
  const target = input ?? defaultUrl();
  // The glue fetches a URL (refusing an HTTP error) and compiles bytes or a Module as given.
  return initGlue({ module_or_path: target }).then(() => {
    loaded = true;
  }, (cause) => {
    throw failed(target, cause);
  });
}

/**
 * Loads the wasm core. Every client call does this itself, so most apps never call `init`; call
 * it to choose where the module comes from (a URL, its bytes, a Response, a WebAssembly.Module),
 * or to load it before the synchronous functions (`check`, `allows`, `tokenExpiry`, `version`,
 * the `operations` builders). The first successful load wins; later calls resolve at once. A
 * source named here is used by every later attempt, and takes over from a default load that is
 * still running if that one fails.
 */
export function init(source) {
  if (loaded) return Promise.resolve();
  if (source !== undefined) preferred = source;
  if (loading === null) {
    if (preferred === undefined && readSync !== null) {
      try {
        core();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    implicit = preferred === undefined;
    loading = load(preferred);
  } else if (source !== undefined && implicit) {
    implicit = false;
    loading = loading.catch(() => load(source));
  }
  const current = loading;
  current.catch(() => {
    if (loading === current) loading = null; // the next call tries again
  });
  return current;
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
    try {
      initSync({ module: readSync() });
    } catch (cause) {
      throw failed('the package folder (dist/wasm/vpskit_wasm_bg.wasm)', cause);
    }
    loaded = true;
  }
  return glue;
}

/** Whether the module is loaded or can be loaded synchronously (Node): `core()` will not throw. */
export const canLoadNow = () => loaded || (readSync !== null && loading === null);
