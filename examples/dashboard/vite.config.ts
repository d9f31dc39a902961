// The dashboard's dev server (and `vite preview`): starts vpskit's mock gateway and proxies the
// page's API calls to it, adding the key on the way. The keys live here, in the dev server's
// process, and never reach the page: this is the proxy pattern.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig, searchForWorkspaceRoot, type Plugin, type ProxyOptions } from 'vite';
import { startMock, type Mock } from 'vpskit/testing';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The mock's sample credentials (the dashboard reaches the mock only). */
const FAITHSERVER_KEY = process.env.DASHBOARD_FAITHSERVER_KEY ?? 'fs_test_mock_valid_key_0001';
const VPSORG_TOKEN = process.env.DASHBOARD_VPSORG_TOKEN ?? 'vps_test_mock_deploy_0002';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGHUP'];

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

/**
 * Starts the mock with vpskit's own test helper. Vite closes its servers on SIGTERM; Ctrl-C
 * (SIGINT) or a closed terminal end the process without an 'exit' event, so the mock is stopped
 * on those too, and then the signal does what it would have done.
 */
async function startDevMock(): Promise<Mock> {
  const mock = await startMock({ bin: mockBinary() });
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    mock.stop();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { ...mock, stop };
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

/** Stops the mock with the server; `api.mock` hands tests the mock's handle (faults, log, reset). */
function mockPlugin(mock: Mock): Plugin {
  return {
    name: 'vpskit-mock',
    api: { mock },
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

  const mock = await startDevMock();
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
