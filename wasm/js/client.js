// The clients: every operation as a promise, over fetch, with the core's preflight and retries.

import * as wasm from './wasm/vpskit_wasm.js';
import { native, nativeJson, VpskitError } from './errors.js';
import * as ops from './operations.js';
import { toWire } from './secret.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const env = (name) => globalThis.process?.env?.[name];

/** Sends one request with `fetch`, aborting after `timeoutMs`. */
async function fetchOnce(fetchFn, request, timeoutMs) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? undefined,
      redirect: 'manual',
      signal: controller.signal,
    });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: [...response.headers], body };
  } catch (cause) {
    if (cause instanceof VpskitError) throw cause;
    const message = timedOut ? 'the request timed out' : `fetch failed: ${cause?.name ?? 'Error'}`;
    throw new VpskitError('transport', message, { requestSent: true, cause });
  } finally {
    clearTimeout(timer);
  }
}

/** What both clients share: configuration, transport, preflight and retries. */
class Engine {
  #config;
  #fetch;
  #timeoutMs;
  #preflight;
  #retry;
  #seed;

  constructor(api, key, { baseUrl, fetch: fetchFn, timeoutMs = 30_000, preflight = true, retry } = {}) {
    this.#config = new ops.Config({ api, key, baseUrl });
    const chosen = fetchFn ?? globalThis.fetch;
    if (typeof chosen !== 'function') throw new VpskitError('validation', 'no fetch: pass a fetch-compatible function as `fetch`');
    this.#fetch = fetchFn ? chosen : chosen.bind(globalThis);
    this.#timeoutMs = timeoutMs;
    this.#preflight = preflight;
    const d = wasm.defaultRetryPolicy();
    this.#retry = Float64Array.from([
      retry?.maxAttempts ?? d[0], retry?.baseDelayMs ?? d[1], retry?.maxDelayMs ?? d[2], retry?.maxRetryAfterMs ?? d[3],
    ]);
    this.#seed = Math.floor(Math.random() * 0xffffffff);
  }

  get baseUrl() {
    return this.#config.baseUrl;
  }

  get preflight() {
    return this.#preflight;
  }

  /** Sends `operation` (with retries) and reads the answer with `parse` (the core's snake_case text by default). */
  async sendText(operation, parse = ops.parseResponseText) {
    const request = ops.buildRequest(operation, this.#config);
    this.#seed = (this.#seed + 1) >>> 0;
    const seed = this.#seed;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetchOnce(this.#fetch, request, this.#timeoutMs);
        return parse(operation, response);
      } catch (thrown) {
        const error = thrown instanceof VpskitError ? thrown : new VpskitError('transport', String(thrown?.message ?? thrown), { requestSent: true, cause: thrown });
        const wait = wasm.retryDecide(
          request.idempotent, attempt, error.kind, error.status ?? undefined, error.retryAfter ?? undefined,
          error.requestSent ?? undefined, seed, this.#retry,
        );
        if (wait === undefined || wait === null) throw error;
        await sleep(wait);
      }
    }
  }

  async execute(operation) {
    if (this.#preflight) {
      const target = native(wasm.needsPreflight, operation.callJson());
      if (target) {
        const server = await this.sendText(ops.getServer(target));
        native(wasm.preflight, operation.callJson(), server);
      }
    }
    return this.sendText(operation, ops.parseResponse);
  }

  describe(name) {
    return `${name} { baseUrl: '${this.baseUrl}', preflight: ${this.#preflight} }`;
  }
}

function key(given, variable, what, option) {
  const value = given ?? env(variable);
  if (!value) throw new VpskitError('auth', `no ${what}: pass ${option} or set ${variable}`);
  return value;
}

/** Whether `server` may perform `action` now, and why: `allowedActions` first, then the product matrix. */
export function check(server, action) {
  return nativeJson(wasm.check, JSON.stringify(toWire(server)), String(action));
}

/** The product matrix level of `feature` for `product` (`yes`, `if_available`, `limited`, `planned`, `no`), or undefined. */
export function productSupport(product, feature) {
  return wasm.productSupport(String(product), String(feature)) ?? undefined;
}

/** Whether the permission strings grant `wanted` (`"servers:create"`); a malformed `wanted` throws. */
export function allows(permissions, wanted) {
  return native(wasm.permissionsAllow, JSON.stringify([...permissions]), wanted);
}

/** Whether a token expires within `days` of `now` (a Date, epoch milliseconds or ISO text; default now). */
export function expiresWithin(token, days = 7, now = Date.now()) {
  return tokenExpiry(token, days, now).expiresWithin;
}

/** `{expiresWithin, daysLeft}` for a token at `now`. */
export function tokenExpiry(token, days = 7, now = Date.now()) {
  const ms = typeof now === 'string' ? native(wasm.parseTimestamp, now) : Number(now instanceof Date ? now.getTime() : now);
  return nativeJson(wasm.tokenExpiry, JSON.stringify(toWire(token)), days, ms);
}

/** The FaithServer Gateway client: every operation returns a Promise. */
export class FaithServerClient {
  #engine;

  constructor({ apiKey, baseUrl, fetch, timeoutMs, preflight, retry } = {}) {
    this.#engine = new Engine('faithserver', key(apiKey, 'FAITHSERVER_API_KEY', 'FaithServer API key', 'apiKey'), { baseUrl, fetch, timeoutMs, preflight, retry });
  }

  get baseUrl() { return this.#engine.baseUrl; }

  listServers() { return this.#engine.execute(ops.listServers()); }
  getServer(id) { return this.#engine.execute(ops.getServer(id)); }
  getStatus(id) { return this.#engine.execute(ops.getStatus(id)); }
  getOverview(id) { return this.#engine.execute(ops.getOverview(id)); }
  start(id) { return this.#engine.execute(ops.start(id)); }
  stop(id) { return this.#engine.execute(ops.stop(id)); }
  reboot(id) { return this.#engine.execute(ops.reboot(id)); }
  wakeOnLan(id) { return this.#engine.execute(ops.wakeOnLan(id)); }
  getConsole(id) { return this.#engine.execute(ops.getConsole(id)); }
  getRescueStatus(id) { return this.#engine.execute(ops.getRescueStatus(id)); }
  enableRescue(id) { return this.#engine.execute(ops.enableRescue(id)); }
  disableRescue(id) { return this.#engine.execute(ops.disableRescue(id)); }
  listImages(id) { return this.#engine.execute(ops.listImages(id)); }
  reinstall(id, request) { return this.#engine.execute(ops.reinstall(id, request)); }
  resetPassword(id, options) { return this.#engine.execute(ops.resetPassword(id, options)); }
  listCredentials(id) { return this.#engine.execute(ops.listCredentials(id)); }
  getCredential(id, type, username) { return this.#engine.execute(ops.getCredential(id, type, username)); }
  getTraffic(id, query) { return this.#engine.execute(ops.getTraffic(id, query)); }
  listIps(id) { return this.#engine.execute(ops.listIps(id)); }
  getMonitor(id) { return this.#engine.execute(ops.getMonitor(id)); }
  listTasks(id) { return this.#engine.execute(ops.listTasks(id)); }
  listServerActions(id) { return this.#engine.execute(ops.listServerActions(id)); }
  listLogs() { return this.#engine.execute(ops.listLogs()); }
  listJobs() { return this.#engine.execute(ops.listJobs()); }
  getJob(jobId) { return this.#engine.execute(ops.getJob(jobId)); }
  raw(method, path, options) { return this.#engine.execute(ops.raw(method, path, options)); }

  /** Polls a job until it is done (resolves), failed (`server` error) or out of time (`transport` error). */
  async waitForJob(jobId, { timeoutMs = 600_000, pollIntervalMs = 1_000, maxIntervalMs = 10_000 } = {}) {
    const started = Date.now();
    for (let polls = 1; ; polls += 1) {
      const job = await this.getJob(jobId);
      const elapsed = Date.now() - started;
      const verdict = nativeJson(wasm.jobJudge, JSON.stringify(toWire(job)), polls, elapsed, timeoutMs, pollIntervalMs, maxIntervalMs);
      if (verdict.state === 'done') return job;
      if (verdict.state === 'failed') throw new VpskitError('server', verdict.reason ?? `job ${jobId} failed`);
      if (verdict.state === 'timed_out') {
        throw new VpskitError('transport', `timed out after ${elapsed} ms waiting for job ${jobId} (last status: ${job.status})`);
      }
      await sleep(verdict.afterMs ?? 0);
    }
  }

  toString() { return this.#engine.describe('FaithServerClient'); }
  toJSON() { return { baseUrl: this.baseUrl, preflight: this.#engine.preflight }; }
  [inspect]() { return this.toString(); }
}

/** The VPS.org client. */
export class VpsOrgClient {
  #engine;

  constructor({ token, baseUrl, fetch, timeoutMs, retry } = {}) {
    this.#engine = new Engine('vpsorg', key(token, 'VPSORG_API_TOKEN', 'VPS.org API token', 'token'), { baseUrl, fetch, timeoutMs, preflight: false, retry });
  }

  get baseUrl() { return this.#engine.baseUrl; }

  /** `GET /account/me/`: the account and the token. */
  getAccount() { return this.#engine.execute(ops.getAccount()); }

  /** Any method and path under the VPS.org base URL. */
  raw(method, path, options = {}) { return this.#engine.execute(ops.raw(method, path, { ...options, api: 'vpsorg' })); }

  toString() { return this.#engine.describe('VpsOrgClient'); }
  toJSON() { return { baseUrl: this.baseUrl }; }
  [inspect]() { return this.toString(); }
}
