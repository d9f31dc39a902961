// Node entry: loads the wasm module synchronously from the package directory.
import { readFileSync } from 'node:fs';
import { initSync } from './wasm/vpskit_wasm.js';

initSync({ module: readFileSync(new URL('./wasm/vpskit_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
