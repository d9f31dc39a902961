// Browser and bundler entry: fetches and instantiates the wasm module next to this file.
import init from './wasm/vpskit_wasm.js';

await init({ module_or_path: new URL('./wasm/vpskit_wasm_bg.wasm', import.meta.url) });

export * from './api.js';
