// A Vite app: import and call; the package loads its WebAssembly itself (Vite emits the .wasm).
import * as vpskit from 'vpskit';
import { showFleet } from './fleet.js';

showFleet(vpskit);
