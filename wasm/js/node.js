// Node entry (ESM; the build bundles it into node.cjs for `require`). The wasm module is read
// synchronously from the package on the first call that needs it, so every function works at once.
import { readFileSync } from 'node:fs';
import { loadSynchronouslyWith } from './loader.js';

loadSynchronouslyWith(() => readFileSync(new URL('./wasm/vpskit_wasm_bg.wasm', import.meta.url)));

export * from './api.js';
