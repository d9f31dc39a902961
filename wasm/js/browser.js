// Browser and bundler entry. Nothing runs at import: the wasm module is fetched on the first call
// that needs it (or by `init`), from beside the glue unless `init` is given another source.
export * from './api.js';
