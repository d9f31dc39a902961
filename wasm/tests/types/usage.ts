// A usage example that `tsc --noEmit` checks against the package's declarations.
import {
  FaithServerClient, VpsOrgClient, VpskitError, isVpskitError, check, productSupport, allows, expiresWithin,
  operations, Config, Secret,
  type Server, type Verdict, type ActionResult, type ConsoleSession, type Job, type AccountInfo, type Support,
} from 'vpskit';
import { init, type WasmSource } from 'vpskit';
import { startMock, type LoggedRequest, type MockStats } from 'vpskit/testing';

async function fleet(client: FaithServerClient): Promise<string[]> {
  const servers: Server[] = await client.listServers();
  return servers.map((s) => {
    const verdict: Verdict = check(s, 'console');
    return `${s.id} ${s.product} ${verdict.allowed ? 'yes' : 'no'}: ${verdict.reason}`;
  });
}

async function reinstallBudget(client: FaithServerClient, id: string, password: string): Promise<Job> {
  const { images } = await client.listImages(id);
  const started: ActionResult = await client.reinstall(id, { osId: images[0].id, password });
  if (started.jobId === null) throw new Error('no job');
  return client.waitForJob(started.jobId, { timeoutMs: 300_000, onUpdate: (job: Job) => console.log(job.status) });
}

/** React-style cleanup: the effect's AbortController cancels the reboot if the view goes away. */
function rebootUntilUnmounted(client: FaithServerClient, id: string): () => void {
  const controller = new AbortController();
  client.reboot(id, { signal: controller.signal, timeoutMs: 10_000 }).catch((e: unknown) => {
    if (!isVpskitError(e, 'aborted')) throw e;
  });
  return () => controller.abort();
}

async function consoleUrl(client: FaithServerClient, id: string): Promise<string> {
  const session: ConsoleSession = await client.getConsole(id);
  const url: Secret = session.url;
  return url.expose();
}

async function tokenWarning(client: VpsOrgClient): Promise<string | null> {
  const me: AccountInfo = await client.getAccount();
  if (!allows(me.token.permissions, 'servers:create')) return 'cannot create servers';
  return expiresWithin(me.token, 7) ? `token ${me.token.name} expires soon` : null;
}

async function handle(client: FaithServerClient): Promise<void> {
  try {
    await client.getTraffic('fsrv_158', { month: '202605' });
    await client.resetPassword('fsrv_158', { password: 'PasswordKuat123!' });
  } catch (error) {
    if (isVpskitError(error, 'rate_limited')) {
      const wait: number | null = error.retryAfter;
      console.log(wait);
    } else if (error instanceof VpskitError) {
      console.log(error.kind, error.status, error.code, error.message);
    }
  }
}

function sansIo(): void {
  const op = operations.getStatus('fsrv_111');
  const request = operations.buildRequest(op, new Config({ key: 'fs_live_example' }));
  const status = operations.parseResponse(op, { status: 200, body: '{"success":true,"data":{"status":"running"}}' });
  const level: Support | undefined = productSupport('Budget VPS', 'console');
  console.log(request.method, status.status, level);
}

const client = new FaithServerClient({ apiKey: 'fs_live_example', baseUrl: 'http://127.0.0.1:8080/api/v1', timeoutMs: 10_000 });
void fleet(client);
void reinstallBudget(client, 'fsrv_158', 'PasswordKuat123!');
void consoleUrl(client, 'fsrv_111');
void tokenWarning(new VpsOrgClient({ token: 'vps_example' }));
void handle(client);
sansIo();
void rebootUntilUnmounted(client, 'fsrv_111');

/** An explicit load (a bundler that does not emit the .wasm), then the mock in a user's test. */
async function withMock(source: WasmSource): Promise<number> {
  await init(source);
  const mock = await startMock({ bin: '/usr/local/bin/vpskit-mock' });
  await mock.fault('status', { status: 503, pathPrefix: '/servers', method: 'GET' });
  await mock.faithServerClient({ preflight: false }).listServers();
  const log: LoggedRequest[] = await mock.requests();
  const stats: MockStats = await mock.stats();
  mock.stop();
  return log.filter((r) => r.status === 503).length + stats.maxInFlight;
}
void withMock(new URL('file:///vpskit.wasm'));
