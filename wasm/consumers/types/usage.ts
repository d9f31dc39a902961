// The package's types as users resolve them through its `exports` map (no `paths` shortcuts):
// the main entry, the .wasm subpath for init, and the Node test helper.
import { FaithServerClient, check, init, type Server, type Verdict } from 'vpskit';
import wasmUrl from 'vpskit/vpskit.wasm';
import { startMock, type LoggedRequest } from 'vpskit/testing';

export async function fleet(): Promise<Verdict[]> {
  await init(wasmUrl);
  const servers: Server[] = await new FaithServerClient({ baseUrl: '/api/faithserver' }).listServers();
  return servers.map((s) => check(s, 'reboot'));
}

export async function logged(): Promise<LoggedRequest[]> {
  const mock = await startMock();
  await mock.faithServerClient().listServers();
  const log = await mock.requests();
  mock.stop();
  return log;
}
