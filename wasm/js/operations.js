// The sans-IO layer: operations as values, the request each makes, and the parse of its answer.

import { core } from './loader.js';
import { native, nativeJson, VpskitError } from './errors.js';
import { REDACTED, Secret, revealSecrets } from './secret.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

function exposeSecrets(value) {
  if (value instanceof Secret) return value.expose();
  if (Array.isArray(value)) return value.map(exposeSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exposeSecrets(v)]));
  }
  return value;
}

/** One operation and its arguments (passwords held as Secret). */
export class Operation {
  constructor(name, args = {}, api = 'faithserver') {
    this.name = name;
    this.args = Object.freeze({ ...args });
    this.api = api;
    Object.freeze(this);
  }

  /** The call as the core reads it (secrets exposed: for the core only). */
  callJson() {
    return JSON.stringify({ operation: this.name, args: exposeSecrets(this.args) });
  }

  toString() {
    return `Operation(${this.name})`;
  }
}

/** A configuration for building requests yourself. */
export class Config {
  #native;

  constructor({ api = 'faithserver', key, baseUrl, userAgentHost = 'js' } = {}) {
    if (typeof key !== 'string' && key !== null) {
      throw new VpskitError('validation', 'Config needs a key (a string), or null behind a proxy that adds it (with its baseUrl)');
    }
    this.#native = native(() => new (core().NativeConfig)(key, { api, baseUrl, userAgentHost }));
    this.api = api;
    Object.freeze(this);
  }

  /** @internal */
  get native() {
    return this.#native;
  }

  get baseUrl() {
    return this.#native.baseUrl;
  }

  toString() {
    return `Config(${this.api}, ${this.baseUrl}, key=${REDACTED})`;
  }

  toJSON() {
    return { api: this.api, baseUrl: this.baseUrl, key: REDACTED };
  }

  [inspect]() {
    return this.toString();
  }
}

/** A request built by the core. `headers` carry the key; printing never shows it. */
export class HttpRequest {
  #headers;
  #body;

  constructor({ method, url, headers, body, idempotent }) {
    this.method = method;
    this.url = url;
    this.#headers = headers;
    this.#body = body ?? null;
    this.idempotent = idempotent;
    Object.freeze(this);
  }

  /** The headers to send, as `[name, value]` pairs (the Authorization value is the key). */
  get headers() {
    return this.#headers.map(([k, v]) => [k, v]);
  }

  /** The JSON body to send, or null. */
  get body() {
    return this.#body;
  }

  #shown() {
    const headers = this.#headers.map(([k, v]) => [k, k.toLowerCase() === 'authorization' ? `Bearer ${REDACTED}` : v]);
    let body = this.#body;
    if (body !== null) {
      try {
        body = JSON.parse(body, (k, v) => (k && core().isSensitiveKey(k) && v !== null && typeof v !== 'object' ? REDACTED : v));
      } catch {
        body = `<${body.length} characters>`;
      }
    }
    return { method: this.method, url: this.url, headers, body, idempotent: this.idempotent };
  }

  toJSON() {
    return this.#shown();
  }

  toString() {
    return `HttpRequest ${JSON.stringify(this.#shown())}`;
  }

  [inspect]() {
    return this.toString();
  }
}

/** The request `operation` makes with `config` (bad input throws a `validation` error first). */
export function buildRequest(operation, config) {
  return new HttpRequest(nativeJson(core().buildRequest, operation.callJson(), config.native));
}

/** The core's result JSON text for a response `{status, headers, body}` (body: Uint8Array or string). */
export function parseResponseText(operation, response) {
  return parseWith(operation, response, false).slice(0, -1);
}

/** The typed result (plain camelCase objects, secrets as Secret) of a response, or a thrown VpskitError. */
export function parseResponse(operation, response) {
  // The core writes camelCase JSON ended by one whitespace character, '\n' when a secret marker
  // is in it: one native JSON.parse (which skips it), and a walk only when there are secrets.
  const flagged = parseWith(operation, response, true);
  const value = JSON.parse(flagged);
  return flagged.charCodeAt(flagged.length - 1) === 10 ? revealSecrets(value) : value;
}

/** Hands a response `{status, headers, body}` (body: Uint8Array or string) to the core's parser. */
function parseWith(operation, response, camel) {
  const body = typeof response.body === 'string' ? new TextEncoder().encode(response.body) : response.body ?? new Uint8Array();
  const headers = Array.isArray(response.headers) ? response.headers : [...new Headers(response.headers ?? {})];
  return native(core().parseResponseJson, operation.callJson(), response.status, JSON.stringify(headers), body, camel);
}

const defined = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
/**
 * The operation `name` with `args` (those left undefined dropped). `rest`: the members of the
 * optional arguments' object the operation does not take, refused by name (call options such
 * as `signal` go in the argument after it).
 */
function op(name, args = {}, { api = 'faithserver', rest = {} } = {}) {
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new VpskitError('validation', `${name} does not take ${unknown.map((k) => `\`${k}\``).join(', ')}`
      + ' (call options such as signal and timeoutMs go in the next argument)');
  }
  return new Operation(name, defined(args), api);
}
const secret = (value) => (value === undefined || value === null ? undefined : new Secret(value));
/** A text argument; a number (`osId: 1109`) is sent as its digits. */
const text = (value) => (typeof value === 'number' ? String(value) : value ?? undefined);

// <generated from the core's operation table (tests/generated.rs)>
/** `GET /servers`: every active server the key can reach. */
export const listServers = () => op('list_servers');
/** `GET /servers/{id}`: one server (its short detail). */
export const getServer = (id) => op('get_server', { id });
/** `GET /servers/{id}/status`: the power state, read live from the backend. */
export const getStatus = (id) => op('get_status', { id });
/** `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities. */
export const getOverview = (id) => op('get_overview', { id });
/** `POST /servers/{id}/start`: powers the server on (checked by the preflight). */
export const start = (id) => op('start', { id });
/** `POST /servers/{id}/stop`: powers the server off (checked by the preflight). */
export const stop = (id) => op('stop', { id });
/** `POST /servers/{id}/reboot`: reboots the server (a hardware reboot on dedicated servers; checked by the preflight). */
export const reboot = (id) => op('reboot', { id });
/** `POST /servers/{id}/wol`: Wake-on-LAN (Flexible Dedicated Servers). */
export const wakeOnLan = (id) => op('wake_on_lan', { id });
/** `GET /servers/{id}/console`: a temporary noVNC URL, a secret (it carries a token; Premium VPS, running servers only). */
export const getConsole = (id) => op('get_console', { id });
/** `GET /servers/{id}/rescue/status`: whether rescue mode is on or waits for a reboot. */
export const getRescueStatus = (id) => op('get_rescue_status', { id });
/** `POST /servers/{id}/rescue/enable`: rescue mode from the next reboot. */
export const enableRescue = (id) => op('enable_rescue', { id });
/** `POST /servers/{id}/rescue/disable`: back to normal boot from the next reboot. */
export const disableRescue = (id) => op('disable_rescue', { id });
/** `GET /servers/{id}/images`: images (Premium) or OS templates (Budget) for reinstall. */
export const listImages = (id) => op('list_images', { id });
/** `POST /servers/{id}/reinstall`: **erases the server**. Premium VPS: an image id; Budget VPS: an OS template id and a root password. */
export const reinstall = (id, { imageId, osId, password, ...rest } = {}) => op('reinstall', { id, image_id: imageId, os_id: text(osId), password: secret(password) }, { rest });
/** `POST /servers/{id}/reset-password`: no body (generated, Premium) or a custom password (Budget). */
export const resetPassword = (id, { password, ...rest } = {}) => op('reset_password', { id, password: secret(password) }, { rest });
/** `GET /servers/{id}/credentials`: the login credentials (passwords are secrets). */
export const listCredentials = (id) => op('list_credentials', { id });
/** `GET /servers/{id}/credentials/{type}/{username}`: one credential. */
export const getCredential = (id, type, username) => op('get_credential', { id, type, username });
/** `GET /servers/{id}/traffic`: traffic for a period (`?period=month`, Premium VPS) or a month (`?month=YYYYMM`, Budget VPS). */
export const getTraffic = (id, { period, month, ...rest } = {}) => op('get_traffic', { id, period, month: text(month) }, { rest });
/** `GET /servers/{id}/ips`: the server's IP addresses. */
export const listIps = (id) => op('list_ips', { id });
/** `GET /servers/{id}/monitor`: CPU, memory, disk and uptime. */
export const getMonitor = (id) => op('get_monitor', { id });
/** `GET /servers/{id}/tasks`: recent tasks of the server, where its product keeps them. */
export const listTasks = (id) => op('list_tasks', { id });
/** `GET /servers/{id}/actions`: the server's action log. */
export const listServerActions = (id) => op('list_server_actions', { id });
/** `GET /logs`: every API log of the account. */
export const listLogs = () => op('list_logs');
/** `GET /jobs`: the account's jobs. */
export const listJobs = () => op('list_jobs');
/** `GET /jobs/{job_id}`: one job (a client's `wait_for_job` waits for it). */
export const getJob = (jobId) => op('get_job', { job_id: jobId });
/** `GET /account/me/`: the account and the token used (its permissions and expiry). The trailing slash is part of the path. */
export const getAccount = () => op('get_account', {}, { api: 'vpsorg' });
// </generated>

/** Any method and path under the base URL, with the same auth, validation and error mapping. */
export const raw = (method, path, { query, body, api = 'faithserver' } = {}) =>
  op('raw', { method, path, query, body }, { api });
