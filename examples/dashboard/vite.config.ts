// The dashboard's dev server (and `vite preview`): starts vpskit's mock gateway and proxies the
// page's API calls to it, adding the key on the way. The keys live here, in the dev server's
// process, and never reach the page: this is the proxy pattern.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { defineConfig, searchForWorkspaceRoot, type Plugin, type ProxyOptions } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The mock's sample credentials (the dashboard reaches the mock only). */
const FAITHSERVER_KEY = process.env.DASHBOARD_FAITHSERVER_KEY ?? 'fs_test_mock_valid_key_0001';
const VPSORG_TOKEN = process.env.DASHBOARD_VPSORG_TOKEN ?? 'vps_test_mock_deploy_0002';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGHUP'];

interface Mock {
  /** `http://127.0.0.1:PORT`: the API under /api/v1, the admin surface under /__mock. */
  origin: string;
  stop: () => void;
}

function mockBinary(): string {
  const path = process.env.VPSKIT_MOCK_BIN
    ? resolve(process.env.VPSKIT_MOCK_BIN)
    : resolve(here, '../../target/debug/vpskit-mock');
  if (!existsSync(path)) {
    throw new Error(`vpskit-mock not found at ${path}: run \`cargo build -p vpskit-mock\` in the repository `
      + '(or set VPSKIT_MOCK_BIN to the binary)');
  }
  return path;
}

/** Starts the mock on a free loopback port; resolves once it printed `listening on http://…`. */
async function startMock(): Promise<Mock> {
  const child = spawn(mockBinary(), ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => {
    process.off('exit', stop);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  // Vite closes its servers on SIGTERM; Ctrl-C (SIGINT) or a closed terminal end the process
  // without an 'exit' event: stop the mock, then let the signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', stop);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const lines = createInterface({ input: child.stdout });
  try {
    const first = await new Promise<string>((resolveLine, reject) => {
      const timer = setTimeout(() => reject(new Error('vpskit-mock printed nothing within 10 s')), 10_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolveLine(line);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`vpskit-mock exited with code ${code} before listening`)));
    });
    const match = /^listening on (http:\/\/\S+)$/.exec(first);
    if (!match) throw new Error(`vpskit-mock: unexpected first line ${JSON.stringify(first)}`);
    // Keep reading (and dropping) what else it prints, so a full pipe never blocks it.
    lines.on('line', () => {});
    return { origin: match[1], stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** `/api/<prefix>/…` → `<origin>/api/v1/…` with `Authorization: Bearer <key>` added by the proxy. */
function route(prefix: string, origin: string, key: string): [string, ProxyOptions] {
  return [`^/api/${prefix}(/|$)`, {
    target: origin,
    changeOrigin: true,
    rewrite: (path) => path.replace(new RegExp(`^/api/${prefix}`), '/api/v1'),
    // Replaces any Authorization header the page might send.
    headers: { Authorization: `Bearer ${key}` },
  }];
}

/** Stops the mock with the server; `api.origin` lets tests reach the mock's admin surface. */
function mockPlugin(mock: Mock): Plugin {
  return {
    name: 'vpskit-mock',
    api: { origin: mock.origin },
    configureServer(server) {
      server.httpServer?.once('close', mock.stop);
    },
    configurePreviewServer(server) {
      server.httpServer.once('close', mock.stop);
    },
  };
}

export default defineConfig(async ({ command }) => {
  if (command === 'build') return {};
  // vpskit is linked from ../../wasm (`file:`), outside this folder: let the dev server read it.
  const fs = { allow: [searchForWorkspaceRoot(here), realpathSync(resolve(here, 'node_modules/vpskit'))] };

  const mock = await startMock();
  const proxy = Object.fromEntries([
    route('faithserver', mock.origin, FAITHSERVER_KEY),
    route('vpsorg', mock.origin, VPSORG_TOKEN),
  ]);
  return {
    plugins: [mockPlugin(mock)],
    server: { host: '127.0.0.1', proxy, fs },
    preview: { host: '127.0.0.1', proxy },
  };
});
