// `vpskit/testing`: the vpskit mock gateway for your own Node tests (node:test, Vitest, Jest in
// ESM mode). Node only, ESM only. The mock binary comes from `pip install vpskit-mock`, `cargo install` of the
// repository's mock, or VPSKIT_MOCK_BIN.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';

import { FaithServerClient, VpsOrgClient } from './node.js';

/** The sample FaithServer key the mock accepts. */
export const MOCK_FAITHSERVER_KEY = 'fs_test_mock_valid_key_0001';
/** A sample VPS.org token the mock accepts (seed permissions). */
export const MOCK_VPSORG_TOKEN = 'vps_test_mock_deploy_0002';

const FAST_RETRY = Object.freeze({ baseDelayMs: 5, maxDelayMs: 20 });

/** The mock binary: `bin`, VPSKIT_MOCK_BIN, or `vpskit-mock` on PATH. */
function binary(bin) {
  const explicit = bin ?? process.env.VPSKIT_MOCK_BIN;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`vpskit-mock not found at ${explicit}`);
    return explicit;
  }
  const found = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'vpskit-mock')).find((p) => existsSync(p));
  if (!found) throw new Error('vpskit-mock was not found: `pip install vpskit-mock` (it puts the binary on PATH), or set VPSKIT_MOCK_BIN');
  return found;
}

/**
 * Starts the mock on a free loopback port (rejecting, with what the mock said, if it does not start
 * within `timeoutMs`). Resolves to a handle: `baseUrl` (both APIs), `origin`,
 * `faithServerClient(options)` and `vpsOrgClient(options)` configured for it (fast retries),
 * `reset()`, `fault(kind, params)`, `clearFaults()`, `requests()` (the log, never a key),
 * `sent(method, path)`, `stats()` and `stop()`.
 */
export async function startMock({ bin, timeoutMs = 10_000 } = {}) {
  const child = spawn(binary(bin), ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stderr.on('data', (chunk) => { said = (said + chunk).slice(-2000); });
  // A test run that ends without stop() (a crash, a forgotten after hook) still stops the mock.
  const stopOnExit = () => child.kill();
  process.once('exit', stopOnExit);
  const lines = createInterface({ input: child.stdout });
  let timer;
  const first = await new Promise((resolve) => {
    lines.once('line', resolve);
    child.once('error', (error) => resolve(`(${error.message})`));
    child.once('exit', (code) => resolve(`(exited with ${code})`));
    timer = setTimeout(() => resolve(`(no output within ${timeoutMs} ms)`), timeoutMs);
  }).finally(() => clearTimeout(timer));
  if (!first.startsWith('listening on ')) {
    child.kill();
    process.removeListener('exit', stopOnExit);
    throw new Error(`vpskit-mock did not start: ${first}${said ? `: ${said.trim()}` : ''}`);
  }
  const origin = first.slice('listening on '.length);
  const baseUrl = `${origin}/api/v1`;
  const admin = async (method, path, body) => {
    const answer = await fetch(origin + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!answer.ok) throw new Error(`the mock refused ${method} ${path}: HTTP ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  const requests = async () => (await admin('GET', '/__mock/requests')).requests.map((r) => Object.freeze({
    seq: r.seq, method: r.method, path: r.path, query: r.query ?? null, hasBody: r.has_body,
    authorization: r.authorization, fault: r.fault?.kind ?? null, status: r.status ?? null,
    keyInQuery: r.key_in_query, keyInBody: r.key_in_body, knownKeyInUrl: r.known_key_in_url,
  }));
  return Object.freeze({
    origin,
    baseUrl,
    faithServerClient: (options = {}) => new FaithServerClient({ apiKey: MOCK_FAITHSERVER_KEY, baseUrl, retry: FAST_RETRY, ...options }),
    vpsOrgClient: (options = {}) => new VpsOrgClient({ token: MOCK_VPSORG_TOKEN, baseUrl, retry: FAST_RETRY, ...options }),
    async reset() {
      await admin('POST', '/__mock/reset');
    },
    async fault(kind, params = {}) {
      // The mock's members are snake_case (`pathPrefix` → `path_prefix`).
      const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      const fault = Object.fromEntries(Object.entries(params).map(([name, value]) => [snake(name), value]));
      await admin('POST', '/__mock/faults', { ...fault, kind });
    },
    clearFaults: async () => { await admin('DELETE', '/__mock/faults'); },
    requests,
    clearRequests: async () => { await admin('DELETE', '/__mock/requests'); },
    sent: async (method, path) => (await requests()).filter((r) => r.method === method && r.path === `/api/v1${path}`).length,
    async stats() {
      const s = await admin('GET', '/__mock/stats');
      return Object.freeze({ inFlight: s.in_flight, maxInFlight: s.max_in_flight });
    },
    stop() {
      lines.close();
      child.kill();
      process.removeListener('exit', stopOnExit);
    },
  });
}

/** Whether a `vpskit-mock` binary can be found (to skip a suite on machines without it). */
export function mockAvailable({ bin } = {}) {
  try {
    const path = binary(bin);
    return spawnSync(path, ['--help'], { timeout: 5000 }).error === undefined;
  } catch {
    return false;
  }
}
