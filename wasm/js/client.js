// The clients: every operation as a promise, over fetch, driving the core's flow (preflight,
// retries, job waits, cancellation).

import { canLoadNow, core, init } from './loader.js';
import { fromNative, native, nativeJson, VpskitError } from './errors.js';
import * as ops from './operations.js';
import { revealSecrets, toWire } from './secret.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const env = (name) => globalThis.process?.env?.[name];

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Sends one request with `fetch`, aborting it after `timeoutMs` or when `signal` aborts. */
async function fetchOnce(fetchFn, request, timeoutMs, signal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
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
    signal?.removeEventListener('abort', abort);
  }
}

/** Places in flight shared by every call of a client: `take()` waits for one, and gives back its release. */
class Slots {
  #free;
  #waiting = [];

  constructor(size) {
    this.#free = size;
  }

  async take() {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    };
  }
}

/**
 * A job wait's options, checked: its poll schedule (`[timeoutMs, pollIntervalMs, maxIntervalMs]`,
 * in the order the core's job flows take it) and the rest as given.
 */
function waitOptions({ timeoutMs = 600_000, pollIntervalMs = 1_000, maxIntervalMs = 10_000, onUpdate, signal, requestTimeoutMs }) {
  const schedule = [positive('timeoutMs', timeoutMs), positive('pollIntervalMs', pollIntervalMs), positive('maxIntervalMs', maxIntervalMs)];
  if (onUpdate !== undefined && typeof onUpdate !== 'function') throw new VpskitError('validation', 'onUpdate must be a function');
  return { schedule, onUpdate, signal, requestTimeoutMs };
}

/** A positive number of milliseconds, or a `validation` error that names the option. */
function positive(name, value) {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new VpskitError('validation', `${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

/** A result as the core writes it for JavaScript: camelCase JSON, `\n`-ended when it holds secrets. */
function parseFlagged(flagged) {
  const value = JSON.parse(flagged);
  return flagged.charCodeAt(flagged.length - 1) === 10 ? revealSecrets(value) : value;
}

/** What both clients share: configuration, transport, and the loop that drives the core's flows. */
class Engine {
  #config;
  #baseUrl;
  #pending;
  #fetch;
  #timeoutMs;
  #preflight;
  #options;
  #seed;
  #rateLimit = null;
  #onEvent;
  #pace;
  #paced;
  #slots;

  constructor(api, key, { baseUrl, fetch: fetchFn, timeoutMs = 30_000, preflight = true, retry, onEvent, maxConcurrency, maxRequestsPerSecond } = {}) {
    if (onEvent !== undefined && typeof onEvent !== 'function') throw new VpskitError('validation', 'onEvent must be a function');
    this.#onEvent = onEvent;
    if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && maxConcurrency >= 1)) {
      throw new VpskitError('validation', `maxConcurrency must be a positive integer, got ${String(maxConcurrency)}`);
    }
    this.#slots = maxConcurrency === undefined ? null : new Slots(maxConcurrency);
    if (maxRequestsPerSecond !== undefined && typeof maxRequestsPerSecond !== 'number') {
      throw new VpskitError('validation', `maxRequestsPerSecond must be a positive number, got ${String(maxRequestsPerSecond)}`);
    }
    // The throttle is asked only when it can make a request wait: a rate, or a 429 seen.
    this.#paced = maxRequestsPerSecond !== undefined;
    const chosen = fetchFn ?? globalThis.fetch;
    if (typeof chosen !== 'function') throw new VpskitError('validation', 'no fetch: pass a fetch-compatible function as `fetch`');
    this.#fetch = fetchFn ? chosen : chosen.bind(globalThis);
    this.#timeoutMs = positive('timeoutMs', timeoutMs);
    this.#preflight = preflight;
    this.#seed = Math.floor(Math.random() * 0xffffffff);
    this.#baseUrl = absolute(baseUrl);
    // What the core checks (the base URL, the key, the rate, the retry options) is built once the
    // wasm module is loaded: at once in Node or after `init()`, else on the first call.
    this.#pending = () => {
      const pace = native((rate) => new (core().NativeThrottle)(rate), maxRequestsPerSecond);
      this.#config = new ops.Config({ api, key, baseUrl: this.#baseUrl });
      this.#pace = pace;
      // Read by the core (serde-wasm-bindgen): a wrong type is refused, naming the option.
      this.#options = native(() => new (core().NativeOptions)({ preflight, retry, camel: true }));
      this.#pending = null;
    };
    // In a browser nothing is fetched yet: the app may still name the module's source with init().
    if (canLoadNow()) this.#pending();
  }

  /** Builds the native parts once the module is loaded (a bad option rejects every call alike). */
  async #ready() {
    if (this.#pending === null) return;
    await init();
    this.#pending?.();
  }

  /** The base URL (before the module has loaded in a browser: as given, undefined for the default). */
  get baseUrl() {
    return this.#config === undefined ? this.#baseUrl : this.#config.baseUrl;
  }

  get preflight() {
    return this.#preflight;
  }

  get rateLimit() {
    return this.#rateLimit;
  }

  #nextSeed() {
    this.#seed = (this.#seed + 1) >>> 0;
    return this.#seed;
  }

  /**
   * Runs `operation` through the core's flow (preflight, retries) to its typed result. `server`:
   * the server the caller named, when it passed one already read (checked, not read again).
   */
  async execute(operation, options = {}, server = undefined) {
    await this.#ready();
    const held = server !== null && typeof server === 'object' ? JSON.stringify(toWire(server)) : undefined;
    const flow = () => native(core().NativeFlow.forCall, operation.callJson(), this.#config.native, this.#options, this.#nextSeed(), held);
    return this.#drive(flow, options);
  }

  /** Waits for a job through the core's job flow, handing each unfinished job to `onUpdate`. */
  async waitForJob(jobId, options = {}) {
    await this.#ready();
    const { schedule, onUpdate, signal, requestTimeoutMs } = waitOptions(options);
    const flow = () => core().NativeFlow.forJob(String(jobId), this.#config.native, this.#options, this.#nextSeed(), ...schedule);
    return this.#drive(flow, { signal, timeoutMs: requestTimeoutMs, onUpdate });
  }

  /** Waits for several jobs on one poll schedule: one `{jobId, ok, job | error}` per job. */
  async waitForJobs(jobIds, options = {}) {
    await this.#ready();
    const ids = [...jobIds].map(String);
    const { schedule, onUpdate, signal, requestTimeoutMs } = waitOptions(options);
    const flow = () => core().NativeFlow.forJobs(ids, this.#config.native, this.#options, this.#nextSeed(), ...schedule);
    const progress = onUpdate && ((polled) => onUpdate(polled[0].job));
    const outcomes = await this.#drive(flow, { signal, timeoutMs: requestTimeoutMs, onUpdate: progress });
    return outcomes.map((o, i) => (o.error
      ? { jobId: ids[i], ok: false, error: fromNative(o.error) }
      : { jobId: ids[i], ok: true, job: o.job }));
  }

  /**
   * The whole client loop: performs the flow's steps (send with fetch, sleep with a timer) until
   * it is done. An aborted `signal` cancels the flow: the request in flight is aborted and
   * nothing more is sent.
   */
  async #drive(makeFlow, { signal, timeoutMs, onUpdate } = {}) {
    const requestTimeout = timeoutMs === undefined ? this.#timeoutMs : positive('timeoutMs', timeoutMs);
    if (signal !== undefined && !(typeof signal?.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
      throw new VpskitError('validation', 'signal must be an AbortSignal');
    }
    const flow = makeFlow();
    let failure = null;
    let started = 0;
    try {
      if (signal?.aborted) flow.cancel();
      for (;;) {
        let kind;
        try {
          kind = flow.step();
        } catch (thrown) {
          const error = fromNative(thrown);
          throw failure !== null && error.kind === 'transport' ? failure : error;
        } finally {
          this.#emit(flow, started);
        }
        if (kind === 'done') return parseFlagged(flow.payload());
        if (kind === 'send') {
          const request = JSON.parse(flow.payload());
          let response;
          const wait = this.#paced ? this.#pace.admit(performance.now()) : 0;
          if (wait > 0) await sleep(wait, signal);
          if (signal?.aborted) {
            flow.cancel();
            continue;
          }
          const release = this.#slots === null ? null : await this.#slots.take();
          started = Date.now();
          try {
            response = await fetchOnce(this.#fetch, request, requestTimeout, signal);
          } catch (error) {
            failure = signal?.aborted ? null : error;
            if (signal?.aborted) flow.cancel();
            else flow.failed(error.message, error.requestSent ?? true);
            continue;
          } finally {
            release?.();
          }
          failure = null;
          const headers = JSON.stringify(response.headers);
          if (response.status === 429) {
            // A 429 slows every call of the client (the throttle ignores every other answer).
            this.#pace.observe(response.status, headers, performance.now());
            this.#paced = true;
          }
          native(() => flow.received(response.status, headers, response.body));
          const state = flow.rateLimit();
          if (state !== undefined) this.#rateLimit = Object.freeze(JSON.parse(state));
        } else if (kind === 'sleep') {
          await sleep(Number(flow.payload()), signal);
        } else if (onUpdate) {
          await onUpdate(parseFlagged(flow.payload()));
        }
        if (signal?.aborted) flow.cancel();
      }
    } finally {
      flow.free();
    }
  }

  /** Hands the event of the exchange just decided, if any, to the `onEvent` option. */
  #emit(flow, started) {
    const text = flow.takeEvent();
    if (text === undefined || this.#onEvent === undefined) return;
    const event = JSON.parse(text);
    event.durationMs = Date.now() - started;
    try {
      this.#onEvent(Object.freeze(event));
    } catch {
      // A listener's failure never changes the call.
    }
  }

  describe(name) {
    return `${name} { baseUrl: '${this.baseUrl}', preflight: ${this.#preflight} }`;
  }
}

/** The Service ID of a server named by its id or passed as a `Server` already read. */
const idOf = (server) => (server !== null && typeof server === 'object' ? server.id : server);

/** Whether this code runs in a page or a web worker (where anyone who opens it can read a key). */
const inBrowser = () => (typeof window !== 'undefined' && typeof window.document !== 'undefined')
  || (typeof self !== 'undefined' && typeof self.importScripts === 'function');

/**
 * The key a client uses, or null behind a proxy that adds it. In a browser a key is refused
 * unless the caller passes `dangerouslyAllowBrowser: true`: a key in a page is shared with
 * everyone who opens it. There, a client with a `baseUrl` and no key is the proxy pattern.
 */
function key(given, variable, what, option, { baseUrl, dangerouslyAllowBrowser } = {}) {
  if (given === null) return null;
  const value = given ?? env(variable);
  if (!value) {
    if (inBrowser() && baseUrl !== undefined) return null;
    throw new VpskitError('auth', `no ${what}: pass ${option} or set ${variable} (or, behind a proxy that adds it, ${option}: null and its baseUrl)`);
  }
  if (inBrowser() && dangerouslyAllowBrowser !== true) {
    throw new VpskitError('validation', `refusing to put a ${what} in a browser: everyone who opens the page can read it, and the key `
      + 'can act on every server of the account. Keep it on your backend and point baseUrl at a route there that adds it '
      + `(new ${what.startsWith('VPS') ? 'VpsOrgClient' : 'FaithServerClient'}({ baseUrl: '/api/proxy' }), no key in the page), `
      + 'or pass dangerouslyAllowBrowser: true for a page that never leaves your machine.');
  }
  return value;
}

/** A base URL relative to the page (`/api/faithserver`) made absolute, as the core takes it. */
function absolute(baseUrl) {
  if (baseUrl === undefined || !inBrowser() || /^[a-z][a-z0-9+.-]*:/i.test(String(baseUrl))) return baseUrl;
  return new URL(String(baseUrl), globalThis.location.href).href.replace(/\/$/, '');
}

/** Whether `server` may perform `action` now, and why: `allowedActions` first, then the product matrix. */
export function check(server, action) {
  return nativeJson(core().check, JSON.stringify(toWire(server)), String(action));
}

/** The product matrix level of `feature` for `product` (`yes`, `if_available`, `limited`, `planned`, `no`), or undefined. */
export function productSupport(product, feature) {
  return core().productSupport(String(product), String(feature)) ?? undefined;
}

/** Whether the permission strings grant `wanted` (`"servers:create"`); a malformed `wanted` throws. */
export function allows(permissions, wanted) {
  return native(core().permissionsAllow, JSON.stringify([...permissions]), wanted);
}

/** Whether a token expires within `days` of `now` (a Date, epoch milliseconds or ISO text; default now). */
export function expiresWithin(token, days = 7, now = Date.now()) {
  return tokenExpiry(token, days, now).expiresWithin;
}

/** `{expiresWithin, daysLeft}` for a token at `now`. */
export function tokenExpiry(token, days = 7, now = Date.now()) {
  const ms = typeof now === 'string' ? native(core().parseTimestamp, now) : Number(now instanceof Date ? now.getTime() : now);
  return nativeJson(core().tokenExpiry, JSON.stringify(toWire(token)), days, ms);
}

/** The FaithServer Gateway client: every operation returns a Promise. */
export class FaithServerClient {
  #engine;

  constructor({ apiKey, ...options } = {}) {
    this.#engine = new Engine('faithserver', key(apiKey, 'FAITHSERVER_API_KEY', 'FaithServer API key', 'apiKey', options), options);
  }

  get baseUrl() { return this.#engine.baseUrl; }

  /** The last rate-limit state the gateway reported (`RateLimit-*` / `X-RateLimit-*`), or null. */
  get rateLimit() { return this.#engine.rateLimit; }

  // <generated faithserver methods (tests/generated.rs)>
  /** `GET /servers`: every active server the key can reach. */
  async listServers(options) { return this.#engine.execute(ops.listServers(), options); }
  /** `GET /servers/{id}`: one server (its short detail). */
  async getServer(id, options) { return this.#engine.execute(ops.getServer(idOf(id)), options, id); }
  /** `GET /servers/{id}/status`: the power state, read live from the backend. */
  async getStatus(id, options) { return this.#engine.execute(ops.getStatus(idOf(id)), options, id); }
  /** `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities. */
  async getOverview(id, options) { return this.#engine.execute(ops.getOverview(idOf(id)), options, id); }
  /** `POST /servers/{id}/start`: powers the server on (checked by the preflight). */
  async start(id, options) { return this.#engine.execute(ops.start(idOf(id)), options, id); }
  /** `POST /servers/{id}/stop`: powers the server off (checked by the preflight). */
  async stop(id, options) { return this.#engine.execute(ops.stop(idOf(id)), options, id); }
  /** `POST /servers/{id}/reboot`: reboots the server (a hardware reboot on dedicated servers; checked by the preflight). */
  async reboot(id, options) { return this.#engine.execute(ops.reboot(idOf(id)), options, id); }
  /** `POST /servers/{id}/wol`: Wake-on-LAN (Flexible Dedicated Servers). */
  async wakeOnLan(id, options) { return this.#engine.execute(ops.wakeOnLan(idOf(id)), options, id); }
  /** `GET /servers/{id}/console`: a temporary noVNC URL, a secret (it carries a token; Premium VPS, running servers only). */
  async getConsole(id, options) { return this.#engine.execute(ops.getConsole(idOf(id)), options, id); }
  /** `GET /servers/{id}/rescue/status`: whether rescue mode is on or waits for a reboot. */
  async getRescueStatus(id, options) { return this.#engine.execute(ops.getRescueStatus(idOf(id)), options, id); }
  /** `POST /servers/{id}/rescue/enable`: rescue mode from the next reboot. */
  async enableRescue(id, options) { return this.#engine.execute(ops.enableRescue(idOf(id)), options, id); }
  /** `POST /servers/{id}/rescue/disable`: back to normal boot from the next reboot. */
  async disableRescue(id, options) { return this.#engine.execute(ops.disableRescue(idOf(id)), options, id); }
  /** `GET /servers/{id}/images`: images (Premium) or OS templates (Budget) for reinstall. */
  async listImages(id, options) { return this.#engine.execute(ops.listImages(idOf(id)), options, id); }
  /** `POST /servers/{id}/reinstall`: **erases the server**. Premium VPS: an image id; Budget VPS: an OS template id and a root password. */
  async reinstall(id, args, options) { return this.#engine.execute(ops.reinstall(idOf(id), args), options, id); }
  /** `POST /servers/{id}/reset-password`: no body (generated, Premium) or a custom password (Budget). */
  async resetPassword(id, args, options) { return this.#engine.execute(ops.resetPassword(idOf(id), args), options, id); }
  /** `GET /servers/{id}/credentials`: the login credentials (passwords are secrets). */
  async listCredentials(id, options) { return this.#engine.execute(ops.listCredentials(idOf(id)), options, id); }
  /** `GET /servers/{id}/credentials/{type}/{username}`: one credential. */
  async getCredential(id, type, username, options) { return this.#engine.execute(ops.getCredential(idOf(id), type, username), options, id); }
  /** `GET /servers/{id}/traffic`: traffic for a period (`?period=month`, Premium VPS) or a month (`?month=YYYYMM`, Budget VPS). */
  async getTraffic(id, args, options) { return this.#engine.execute(ops.getTraffic(idOf(id), args), options, id); }
  /** `GET /servers/{id}/ips`: the server's IP addresses. */
  async listIps(id, options) { return this.#engine.execute(ops.listIps(idOf(id)), options, id); }
  /** `GET /servers/{id}/monitor`: CPU, memory, disk and uptime. */
  async getMonitor(id, options) { return this.#engine.execute(ops.getMonitor(idOf(id)), options, id); }
  /** `GET /servers/{id}/tasks`: recent tasks of the server, where its product keeps them. */
  async listTasks(id, options) { return this.#engine.execute(ops.listTasks(idOf(id)), options, id); }
  /** `GET /servers/{id}/actions`: the server's action log. */
  async listServerActions(id, options) { return this.#engine.execute(ops.listServerActions(idOf(id)), options, id); }
  /** `GET /logs`: every API log of the account. */
  async listLogs(options) { return this.#engine.execute(ops.listLogs(), options); }
  /** `GET /jobs`: the account's jobs. */
  async listJobs(options) { return this.#engine.execute(ops.listJobs(), options); }
  /** `GET /jobs/{job_id}`: one job (a client's `wait_for_job` waits for it). */
  async getJob(jobId, options) { return this.#engine.execute(ops.getJob(jobId), options); }
  // </generated faithserver methods>

  /** Any method and path under the base URL. */
  raw(method, path, options = {}) { return this.#engine.execute(ops.raw(method, path, options), options); }

  /**
   * Runs `action` (a method that takes one server: `'reboot'`, `'start'`, `'wakeOnLan'`, …) on
   * every server of `ids`, `concurrency` at a time (the client's `maxConcurrency` and
   * `maxRequestsPerSecond` apply too): one `{serverId, ok, result | error}` per server, in order.
   * An unknown action or a `concurrency` outside 1..64 rejects with a `validation` error before
   * anything is sent; `signal` stops what has not finished.
   */
  async bulk(action, ids, { concurrency = 4, signal } = {}) {
    const name = String(action).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    await init();
    native(core().checkBulk, name, concurrency);
    const method = name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    const list = [...ids];
    const outcomes = new Array(list.length);
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const i = next;
        next += 1;
        const serverId = idOf(list[i]);
        try {
          outcomes[i] = { serverId, ok: true, result: await this.#engine.execute(ops[method](serverId), { signal }, list[i]) };
        } catch (error) {
          outcomes[i] = { serverId, ok: false, error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
    return outcomes;
  }

  /**
   * Polls a job until it is done (resolves with it), failed (`server` error) or out of time
   * (`transport` error naming the last status seen). `onUpdate(job)` sees each unfinished poll;
   * `signal` stops the wait (`aborted` error) and aborts a poll in flight.
   */
  waitForJob(jobId, options) { return this.#engine.waitForJob(jobId, options); }

  /**
   * Waits for several jobs on one poll schedule (each round polls every unfinished job, then
   * sleeps once): one `{jobId, ok, job | error}` per job, in order. The options are
   * `waitForJob`'s; `onUpdate` sees each unfinished poll.
   */
  waitForJobs(jobIds, options) { return this.#engine.waitForJobs(jobIds, options); }

  toString() { return this.#engine.describe('FaithServerClient'); }
  toJSON() { return { baseUrl: this.baseUrl, preflight: this.#engine.preflight }; }
  [inspect]() { return this.toString(); }
}

/** The VPS.org client. */
export class VpsOrgClient {
  #engine;

  constructor({ token, ...options } = {}) {
    this.#engine = new Engine('vpsorg', key(token, 'VPSORG_API_TOKEN', 'VPS.org API token', 'token', options), { ...options, preflight: false });
  }

  get baseUrl() { return this.#engine.baseUrl; }

  /** The last rate-limit state the gateway reported (`RateLimit-*` / `X-RateLimit-*`), or null. */
  get rateLimit() { return this.#engine.rateLimit; }

  // <generated vpsorg methods (tests/generated.rs)>
  /** `GET /account/me/`: the account and the token used (its permissions and expiry). The trailing slash is part of the path. */
  async getAccount(options) { return this.#engine.execute(ops.getAccount(), options); }
  // </generated vpsorg methods>

  /** Any method and path under the VPS.org base URL. */
  raw(method, path, options = {}) { return this.#engine.execute(ops.raw(method, path, { ...options, api: 'vpsorg' }), options); }

  toString() { return this.#engine.describe('VpsOrgClient'); }
  toJSON() { return { baseUrl: this.baseUrl }; }
  [inspect]() { return this.toString(); }
}
