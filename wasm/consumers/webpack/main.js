// A webpack 5 app: import and call; the package loads its WebAssembly itself (webpack emits the .wasm).
import * as vpskit from 'vpskit';
import { showFleet } from './fleet.js';

showFleet(vpskit);
