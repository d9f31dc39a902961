// Type declarations of `vpskit/vpskit.wasm`: the WebAssembly module's file, imported for its URL.

/**
 * The URL of vpskit's `.wasm` file, as a bundler's file loader gives it (esbuild:
 * `--loader:.wasm=file`; Vite: import `vpskit/vpskit.wasm?url`), to hand to `init`.
 *
 * @example
 * import { init } from 'vpskit';
 * import wasmUrl from 'vpskit/vpskit.wasm';
 * await init(wasmUrl);
 */
declare const url: string;
export default url;
