// Everything the package exports. The wasm module loads itself on first use (see loader.js).

import { core } from './loader.js';

export { VpskitError, isVpskitError, ERROR_KINDS } from './errors.js';
export { Secret } from './secret.js';
export { FaithServerClient, VpsOrgClient, check, productSupport, allows, expiresWithin, tokenExpiry } from './client.js';
export * as operations from './operations.js';
export { Config, HttpRequest } from './operations.js';
export { init } from './loader.js';

/** The vpskit version. */
export const version = () => core().version();
