// The suites' mock gateway: the package's own `vpskit/testing` helper (dist/testing.js), started
// from this tree's build of the mock; and the conformance vectors.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { MOCK_FAITHSERVER_KEY, MOCK_VPSORG_TOKEN, startMock as start } from '../dist/testing.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const KEY = MOCK_FAITHSERVER_KEY;
export const TOKEN = MOCK_VPSORG_TOKEN;

function binary() {
  const candidates = [process.env.VPSKIT_MOCK_BIN, `${root}target/debug/vpskit-mock`, `${root}target/release/vpskit-mock`];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('vpskit-mock is not built: run `cargo build -p vpskit-mock` (or set VPSKIT_MOCK_BIN)');
  return found;
}

/** The mock on a free loopback port (see `startMock` of `vpskit/testing`). */
export const startMock = () => start({ bin: binary() });

export function loadVectors(name) {
  return JSON.parse(readFileSync(`${root}tests/vectors/${name}`, 'utf8'));
}
