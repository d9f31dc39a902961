// Everything the package exports, once the wasm module is initialised by the entry point.

import * as wasm from './wasm/vpskit_wasm.js';

export { VpskitError, isVpskitError, ERROR_KINDS } from './errors.js';
export { Secret } from './secret.js';
export { FaithServerClient, VpsOrgClient, check, productSupport, allows, expiresWithin, tokenExpiry } from './client.js';
export * as operations from './operations.js';
export { Config, HttpRequest } from './operations.js';

/** The vpskit version. */
export const version = () => wasm.version();
