// An esbuild app: esbuild does not emit assets named by `new URL(…, import.meta.url)`, so the app
// imports the .wasm as a file (--loader:.wasm=file) and hands its URL to init before the first
// call. Its client was built earlier, when client.js was imported: building one fetches nothing.
import * as vpskit from 'vpskit';
import wasmUrl from 'vpskit/vpskit.wasm';
import { client } from './client.js';
import { showFleet } from './fleet.js';

vpskit.init(wasmUrl); // starts the load; the first call waits for it
showFleet(vpskit, client);
