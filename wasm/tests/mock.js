// Starts the mock gateway on a free loopback port for a test file, with its admin surface.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const KEY = 'fs_test_mock_valid_key_0001';
export const TOKEN = 'vps_test_mock_deploy_0002';

function binary() {
  const candidates = [process.env.VPSKIT_MOCK_BIN, `${root}target/debug/vpskit-mock`, `${root}target/release/vpskit-mock`];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('vpskit-mock is not built: run `cargo build -p vpskit-mock` (or set VPSKIT_MOCK_BIN)');
  return found;
}

export async function startMock() {
  const child = spawn(binary(), ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`vpskit-mock exited with ${code}`)));
  });
  if (!first.startsWith('listening on ')) throw new Error(`unexpected first line: ${first}`);
  const origin = first.slice('listening on '.length);
  const admin = async (method, path, body) => {
    const response = await fetch(origin + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return response.json();
  };
  return {
    origin,
    baseUrl: `${origin}/api/v1`,
    admin,
    reset: async () => {
      await admin('POST', '/__mock/reset');
      await admin('DELETE', '/__mock/faults');
      await admin('DELETE', '/__mock/requests');
    },
    fault: (fault) => admin('POST', '/__mock/faults', fault),
    requests: async () => (await admin('GET', '/__mock/requests')).requests,
    sent: async (method, path) =>
      (await admin('GET', '/__mock/requests')).requests.filter((r) => r.method === method && r.path === `/api/v1${path}`).length,
    stop: () => {
      lines.close();
      child.kill();
    },
  };
}

export function loadVectors(name) {
  return JSON.parse(readFileSync(`${root}tests/vectors/${name}`, 'utf8'));
}
