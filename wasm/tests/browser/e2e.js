// The end-to-end suite, run inside Chromium against the mock on another origin (real CORS).
import * as vpskit from '/dist/browser.js';
import * as core from '/dist/wasm/vpskit_wasm.js';
import { fromNative } from '/dist/errors.js';
import { runFlowVector } from '/shared/flows.js';

const mockBase = new URLSearchParams(location.search).get('mock');
const origin = mockBase.replace(/\/api\/v1$/, '');
const KEY = 'fs_test_mock_valid_key_0001';
const results = [];
const log = (line) => { document.getElementById('log').textContent += `${line}\n`; };

const admin = async (method, path, body) => (await fetch(origin + path, { method, body: body === undefined ? undefined : JSON.stringify(body) })).json();
const reset = async () => { await admin('POST', '/__mock/reset'); await admin('DELETE', '/__mock/faults'); await admin('DELETE', '/__mock/requests'); };
const sent = async (method, path) => (await admin('GET', '/__mock/requests')).requests.filter((r) => r.method === method && r.path === `/api/v1${path}`).length;
// The suite's page never leaves this machine: it may hold the mock's key.
const client = (options = {}) => new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: mockBase, retry: { baseDelayMs: 10, maxDelayMs: 40 }, dangerouslyAllowBrowser: true, ...options });
function assert(condition, message) { if (!condition) throw new Error(message); }
async function rejects(promise, predicate, message) {
  try { await promise; } catch (e) { assert(predicate(e), `${message}: wrong error ${e}`); return; }
  throw new Error(`${message}: did not throw`);
}

const tests = {
  async 'the module loads itself on the first call; before it, init explains a bad source and sync functions say what to do'() {
    let early;
    try { vpskit.version(); } catch (e) { early = e; }
    assert(vpskit.isVpskitError(early, 'validation') && early.message.includes('await init()'), `before loading: ${early}`);
    await rejects(vpskit.init('/missing/vpskit.wasm?sig=s3cr3t'), (e) => e.kind === 'transport' && e.message.includes('404')
      && e.message.includes('vpskit/vpskit.wasm') && !e.message.includes('s3cr3t'), 'a source that is not there (its query never printed)');
    // The source the app named is the one every later attempt loads: name the right one.
    const c = client();
    await rejects(c.listServers(), (e) => e.kind === 'transport' && e.message.includes('/missing/vpskit.wasm'), 'a call retries the named source');
    vpskit.init('/dist/wasm/vpskit_wasm_bg.wasm');
    assert((await c.listServers()).length === 6, 'the first call after it waits for the load');
    assert(typeof vpskit.version() === 'string', 'loaded for the synchronous functions too');
    await vpskit.init('/ignored-once-loaded.wasm');
  },
  async 'every FaithServer operation'() {
    const c = client();
    assert((await c.listServers()).length === 6, 'six servers');
    assert((await c.getServer('fsrv_111')).name === 'VPS AMD 1', 'get_server');
    assert((await c.getStatus('fsrv_112')).status === 'stopped', 'get_status');
    assert((await c.getOverview('fsrv_220')).plan === 'Flexible DS E3', 'get_overview');
    await c.start('fsrv_112'); await c.stop('fsrv_112'); await c.reboot('fsrv_158'); await c.wakeOnLan('fsrv_221');
    const session = await c.getConsole('fsrv_111');
    assert(session.url instanceof vpskit.Secret && session.url.expose().includes('token='), 'console URL is a Secret');
    assert(!JSON.stringify(session).includes('token='), 'console URL hidden from JSON.stringify');
    await c.enableRescue('fsrv_111');
    assert((await c.getRescueStatus('fsrv_111')).pendingReboot === true, 'rescue pending');
    await c.disableRescue('fsrv_111');
    assert((await c.listImages('fsrv_158')).images.length === 4, 'images');
    const job = await c.reinstall('fsrv_158', { osId: '1109', password: 'PasswordKuat123!' });
    assert((await c.waitForJob(job.jobId, { pollIntervalMs: 10 })).status === 'completed', 'job done');
    await c.reinstall('fsrv_111', { imageId: 'UBUNTU_24_04_64BIT' });
    assert((await c.resetPassword('fsrv_111')).providerResponse.password instanceof vpskit.Secret, 'generated password');
    await c.resetPassword('fsrv_158', { password: 'PasswordKuat123!' });
    assert((await c.listCredentials('fsrv_111')).length === 2, 'credentials');
    assert((await c.getCredential('fsrv_111', 'ssh', 'root')).username === 'root', 'credential');
    assert((await c.getTraffic('fsrv_111', { period: 'month' })).period === 'month', 'traffic period');
    assert((await c.getTraffic('fsrv_158', { month: '202605' })).month === '202605', 'traffic month');
    assert((await c.listIps('fsrv_158')).length === 2, 'ips');
    assert(typeof (await c.getMonitor('fsrv_158')).cpuPercent === 'number', 'monitor');
    assert((await c.listTasks('fsrv_158')).length > 0, 'tasks');
    assert((await c.listServerActions('fsrv_158')).length > 0, 'actions');
    assert((await c.listLogs()).length > 0, 'logs');
    assert((await c.listJobs()).length === 2, 'jobs');
    assert((await c.getJob(job.jobId)).id === job.jobId, 'get_job');
    assert((await c.raw('GET', '/servers/fsrv_111')).status === 200, 'raw');
  },
  async 'errors and the preflight'() {
    const c = client();
    await rejects(c.getConsole('fsrv_158'), (e) => vpskit.isVpskitError(e, 'not_allowed'), 'console on Budget');
    await rejects(client({ preflight: false }).getConsole('fsrv_158'), (e) => e.code === 'console_not_available', 'gateway refusal');
    await rejects(c.getServer('fsrv_900'), (e) => e.kind === 'not_found' && e.status === 404, 'foreign server');
    await rejects(c.reinstall('fsrv_158', { imageId: 'X' }), (e) => e.kind === 'validation', 'wrong shape');
  },
  async 'flow vectors (the wasm core driven step by step)'() {
    const { vectors } = await (await fetch('/vectors/flows.json')).json();
    const check = (name, error, expect, key) => {
      const want = expect.error;
      assert(vpskit.isVpskitError(error, want.kind), `${name}: ${error}`);
      if ('status' in want) assert(error.status === want.status, `${name}: status`);
      if ('code' in want) assert(error.code === want.code, `${name}: code`);
      for (const part of want.message_contains ?? []) assert(error.message.includes(part), `${name}: ${error.message} lacks ${part}`);
      if ('retry_after_seconds' in want) assert(error.retryAfter === want.retry_after_seconds, `${name}: retryAfter`);
      if ('request_id' in want) assert(error.requestId === want.request_id, `${name}: requestId`);
      assert(!key || !error.message.includes(key), `${name}: the key shows`);
    };
    for (const v of vectors) runFlowVector(core, v, { fromNative, check, fail: (m) => { throw new Error(m); } });
    assert(vectors.length >= 30, 'every flow vector ran');
    const throttle = (await (await fetch('/vectors/throttle.json')).json()).vectors;
    for (const v of throttle) {
      let pace;
      try {
        pace = new core.NativeThrottle(v.max_requests_per_second ?? undefined);
      } catch (thrown) {
        check(v.name, fromNative(thrown), v.expect, '');
        continue;
      }
      for (const entry of v.script) {
        if ('admit' in entry) assert(pace.admit(entry.admit) === entry.wait, `${v.name}: ${JSON.stringify(entry)}`);
        else pace.observe(entry.observe.status, JSON.stringify(entry.observe.headers), entry.at);
      }
      pace.free();
    }
  },
  async 'cancellation, per-call timeout and progress'() {
    const c = client();
    const aborted = new AbortController();
    aborted.abort();
    await rejects(c.reboot('fsrv_111', { signal: aborted.signal }), (e) => vpskit.isVpskitError(e, 'aborted'), 'already aborted');
    assert((await admin('GET', '/__mock/requests')).requests.length === 0, 'an aborted signal sends nothing');
    await admin('POST', '/__mock/faults', { kind: 'slow', delay_ms: 3000, path_prefix: '/servers/fsrv_111/reboot' });
    const controller = new AbortController();
    const call = c.reboot('fsrv_111', { signal: controller.signal });
    for (let i = 0; i < 200 && await sent('POST', '/servers/fsrv_111/reboot') === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await rejects(call, (e) => vpskit.isVpskitError(e, 'aborted'), 'aborted mid-request');
    assert(await sent('GET', '/servers/fsrv_111') === 1 && await sent('POST', '/servers/fsrv_111/reboot') === 1, 'nothing more sent');
    await admin('POST', '/__mock/faults', { kind: 'slow', delay_ms: 1500, path_prefix: '/servers/fsrv_112' });
    await rejects(client({ retry: { maxAttempts: 1 } }).getServer('fsrv_112', { timeoutMs: 200 }), (e) => e.kind === 'transport' && e.message.includes('timed out'), 'per-call timeout');
    assert(c.rateLimit?.limit === 600, `rate limit across origins: ${JSON.stringify(c.rateLimit)}`);
    const missing = await c.getServer('fsrv_900').catch((e) => e);
    assert(/^req_/.test(missing.requestId ?? ''), `request id across origins: ${missing}`);
    const bulk = await client({ preflight: false, maxConcurrency: 2 }).bulk('getStatus', ['fsrv_111', 'fsrv_112', 'fsrv_900']);
    assert(bulk.map((o) => o.ok).join() === 'true,true,false', 'bulk in a page');
    const job = await c.reinstall('fsrv_111', { imageId: 'UBUNTU_24_04_64BIT' });
    const seen = [];
    const done = await c.waitForJob(job.jobId, { pollIntervalMs: 10, onUpdate: (j) => seen.push(j.status) });
    assert(done.status === 'completed' && seen.join() === 'running', `progress: ${seen}`);
  },
  async 'key safety: a key in a page is refused; the proxy pattern sends none'() {
    let refused;
    try { new vpskit.FaithServerClient({ apiKey: KEY, baseUrl: mockBase }); } catch (e) { refused = e; }
    assert(vpskit.isVpskitError(refused, 'validation') && refused.message.includes('baseUrl') && !refused.message.includes(KEY), `refusal: ${refused}`);
    const sentHeaders = [];
    const watching = (url, init) => { sentHeaders.push(Object.fromEntries(init.headers)); return fetch(url, init); };
    const proxied = new vpskit.FaithServerClient({ baseUrl: '/proxy/api/v1', fetch: watching });
    assert((await proxied.listServers()).length === 6, 'the fleet through the proxy');
    await proxied.reboot('fsrv_111');
    assert(sentHeaders.length === 3 && sentHeaders.every((h) => !Object.keys(h).some((k) => k.toLowerCase() === 'authorization')), 'no request from the page carries a key');
    const log = (await admin('GET', '/__mock/requests')).requests;
    assert(log.length === 3 && log.every((r) => r.authorization === 'bearer'), 'the proxy added the key');
  },
  async 'VPS.org account'() {
    const me = await new vpskit.VpsOrgClient({ token: 'vps_test_mock_deploy_0002', baseUrl: mockBase, dangerouslyAllowBrowser: true }).getAccount();
    assert(me.token.name === 'Production Deploy Key' && vpskit.allows(me.token.permissions, 'dns:create'), 'token');
  },
  async 'faults: retries, POST once, timeout'() {
    await admin('POST', '/__mock/faults', { kind: 'rate_limit', retry_after: 1, path_prefix: '/servers' });
    await admin('POST', '/__mock/faults', { kind: 'html', path_prefix: '/servers' });
    assert((await client({ preflight: false }).listServers()).length === 6, 'GET retried');
    assert(await sent('GET', '/servers') === 3, 'three GETs');
    // vpskit calls fetch once per POST, whatever happens to it.
    let posts = 0;
    const counting = (url, init) => { if (init.method === 'POST') posts += 1; return fetch(url, init); };
    await admin('POST', '/__mock/faults', { kind: 'status', status: 503, method: 'POST' });
    await rejects(client({ preflight: false, fetch: counting }).reboot('fsrv_111'), (e) => e.status === 503, 'POST 503');
    assert(posts === 1 && await sent('POST', '/servers/fsrv_111/reboot') === 1, 'a POST that met a 503 is not re-sent');
    // A connection dropped without an answer: Chromium itself may re-send the request on a fresh
    // connection (its keep-alive retry, below fetch); vpskit never does.
    await admin('POST', '/__mock/faults', { kind: 'drop', method: 'POST' });
    posts = 0;
    try { await client({ preflight: false, fetch: counting }).reboot('fsrv_111'); } catch (e) { assert(e.kind === 'transport', `dropped POST: ${e}`); }
    assert(posts === 1, `vpskit called fetch ${posts} times for one POST`);
    await admin('POST', '/__mock/faults', { kind: 'slow', delay_ms: 1500 });
    await rejects(client({ timeoutMs: 300, retry: { maxAttempts: 1 } }).listServers(), (e) => e.kind === 'transport' && e.message.includes('timed out'), 'timeout');
  },
};

for (const [name, run] of Object.entries(tests)) {
  await reset();
  try {
    await run();
    results.push({ name, ok: true });
    log(`ok ${name}`);
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.stack ?? error) });
    log(`not ok ${name}: ${error}`);
  }
}
window.__results = results;
