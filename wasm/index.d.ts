// Type declarations of the `vpskit` npm package. Results are plain objects with the API's field
// names in camelCase; unknown fields are kept (hence the index signatures); secrets are `Secret`.

// <generated error kinds (tests/generated.rs)>
/** The kinds of error, the same words in every vpskit language. */
export type ErrorKind = 'auth' | 'not_found' | 'not_allowed' | 'rate_limited' | 'server' | 'validation' | 'decode' | 'transport' | 'aborted' | 'internal';
// </generated error kinds>
/** The six documented gateway messages. */
export type ErrorCode = 'missing_api_key' | 'invalid_api_key' | 'ip_not_whitelisted' | 'server_not_found' | 'action_not_allowed' | 'console_not_available';

export declare const ERROR_KINDS: readonly ErrorKind[];

/** Every error vpskit throws. */
export declare class VpskitError extends Error {
  readonly name: 'VpskitError';
  readonly kind: ErrorKind;
  /** The HTTP status, when the error came from a response. */
  readonly status: number | null;
  readonly code: ErrorCode | null;
  /** Seconds the gateway asked to wait (rate limits). */
  readonly retryAfter: number | null;
  /** For transport errors: whether the request may have reached the server. */
  readonly requestSent: boolean | null;
  /** The gateway's `X-Request-Id` of the exchange, when it sent one (quote it to support). */
  readonly requestId: string | null;
  constructor(kind: ErrorKind, message: string, options?: { status?: number | null; code?: ErrorCode | null; retryAfter?: number | null; requestSent?: boolean | null; requestId?: string | null; cause?: unknown });
}

/** Type guard: `value` is a VpskitError (of `kind`, if given). */
export declare function isVpskitError<K extends ErrorKind = ErrorKind>(value: unknown, kind?: K): value is VpskitError & { kind: K };

/** A value that never prints; read it with `expose()`. */
export declare class Secret {
  constructor(value: string);
  expose(): string;
  equals(other: unknown): boolean;
  toString(): '[redacted]';
  toJSON(): '[redacted]';
}

/** The product matrix's levels. */
export type Support = 'yes' | 'if_available' | 'limited' | 'planned' | 'no';

/** Fields the gateway sends that vpskit does not model yet. */
interface Unmodelled { [field: string]: unknown }

/** The documented Budget VPS backend answer, found in `providerResponse` of Budget power actions. */
export interface BudgetOutput { status?: number; message?: string; output?: string; timeTaken?: string }
/** Open string enums (the documented values, and any other string the gateway sends) and result models. */
// <generated from the core's declarations (tests/generated.rs)>
/** A FaithServer product. */
export type Product = 'Premium VPS Multi-region' | 'Budget VPS' | 'Flexible Dedicated Server' | (string & {});
/** An action word of allowed_actions, and the features of the product matrix. */
export type Action = 'status' | 'overview' | 'start' | 'stop' | 'reboot' | 'console' | 'rescue' | 'wol' | 'images' | 'reinstall' | 'reset-password' | 'credentials' | 'traffic' | 'ips' | 'monitor' | 'tasks' | (string & {});
/** A server's state as the gateway reports it: service state in /servers (active), power state in /status (running, stopped). */
export type ServerStatus = 'active' | 'running' | 'stopped' | 'off' | 'starting' | 'stopping' | 'rebooting' | 'suspended' | 'pending' | (string & {});
/** A job's status. The words are not documented: these are the ones vpskit has seen or expects; JobWaiter decides which are terminal. */
export type JobStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | (string & {});
export interface Server extends Unmodelled {
  id: string;
  name: string | null;
  region: string | null;
  product: Product;
  status: ServerStatus | null;
  allowedActions: Action[];
}
export interface PowerStatus extends Unmodelled {
  id: string | null;
  status: ServerStatus | null;
}
export interface Overview extends Unmodelled {
  id: string | null;
  name: string | null;
  region: string | null;
  product: Product | null;
  ipAddress: string | null;
  status: ServerStatus | null;
  plan: string | null;
  capabilities: Action[] | null;
}
export interface ActionResult extends Unmodelled {
  message: string | null;
  serverId: string | null;
  action: Action | null;
  provider: string | null;
  providerStatusCode: number | null;
  providerResponse: unknown;
  jobId: string | null;
}
export interface ConsoleSession extends Unmodelled {
  message: string | null;
  serverId: string | null;
  url: Secret;
  note: string | null;
  providerStatusCode: number | null;
}
export interface RescueStatus extends Unmodelled {
  enabled: boolean | null;
  pendingReboot: boolean | null;
}
export interface Image extends Unmodelled {
  id: string;
  name: string | null;
  family: string | null;
  flavour: string | null;
}
export interface ImageList {
  serverId: string | null;
  provider: string | null;
  images: Image[];
}
export interface Credential extends Unmodelled {
  type: string | null;
  username: string | null;
  password: Secret | null;
}
export interface Traffic extends Unmodelled {
  period: string | null;
  month: string | null;
  incomingBytes: number | null;
  outgoingBytes: number | null;
  totalBytes: number | null;
  limitBytes: number | null;
}
export interface IpAddress extends Unmodelled {
  address: string;
  version: number | null;
  primary: boolean | null;
}
export interface Monitor extends Unmodelled {
  cpuPercent: number | null;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  diskUsedBytes: number | null;
  diskTotalBytes: number | null;
  uptimeSeconds: number | null;
}
export interface LogEntry extends Unmodelled {
  id: string | null;
  serverId: string | null;
  action: string | null;
  status: string | null;
  method: string | null;
  path: string | null;
  statusCode: number | null;
  message: string | null;
  createdAt: string | null;
}
export interface Job extends Unmodelled {
  id: string;
  serverId: string | null;
  action: string | null;
  status: JobStatus | null;
  progress: number | null;
  message: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}
export interface RawResponse {
  status: number;
  body: unknown;
}
export interface Account extends Unmodelled {
  email: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  createdAt: string | null;
}
export interface Token extends Unmodelled {
  name: string;
  permissions: string[];
  createdAt: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  isExpired: boolean;
}
export interface AccountInfo {
  account: Account;
  token: Token;
}
// </generated>

/** The answer of a capability check. */
export interface Verdict { allowed: boolean; reason: string; support: Support | null }

export type ReinstallRequest = { imageId: string } | { osId: string | number; password: string };
export type TrafficQuery = { period: string } | { month: string | number };

/** Retry tuning; the rules are the core's. */
export interface RetryOptions { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number }
/** A `fetch`-compatible function (the platform's `fetch` by default). */
export type FetchLike = (input: string, init: { method: string; headers: [string, string][]; body?: string; redirect: 'manual'; signal: AbortSignal }) => Promise<Response>;

export interface FaithServerClientOptions {
  /**
   * Defaults to `process.env.FAITHSERVER_API_KEY` where there is a `process`. `null` (or none, in
   * a browser, with a `baseUrl`): a proxy at `baseUrl` adds the key, and no request carries one.
   */
  apiKey?: string | null; baseUrl?: string;
  /** In a browser a key is refused unless this is `true`: everyone who opens the page can read it. */
  dangerouslyAllowBrowser?: boolean; fetch?: FetchLike; timeoutMs?: number; preflight?: boolean; retry?: RetryOptions;
  /** Called after each exchange with a redacted event (debug logs); its errors are ignored. */
  onEvent?: (event: FlowEvent) => void;
  /** Requests in flight at once, across every call of this client. */
  maxConcurrency?: number;
  /** Requests sent per second, across every call of this client (a 429 pauses them all anyway). */
  maxRequestsPerSecond?: number;
}

/** One job's outcome in `waitForJobs`. */
export type JobOutcome =
  | { readonly jobId: string; readonly ok: true; readonly job: Job }
  | { readonly jobId: string; readonly ok: false; readonly error: VpskitError };

/** One server's outcome in `bulk`. */
export type BulkOutcome<T> =
  | { readonly serverId: string; readonly ok: true; readonly result: T }
  | { readonly serverId: string; readonly ok: false; readonly error: VpskitError };

/**
 * One exchange and what the client decided next: never a key, password, console URL, credential,
 * query string or body.
 */
export interface FlowEvent {
  readonly operation: string;
  readonly method: string;
  /** The URL's path, without its query. */
  readonly path: string;
  readonly purpose: 'call' | 'preflight_detail' | 'preflight_list';
  readonly attempt: number;
  /** null when the transport failed. */
  readonly status: number | null;
  readonly requestId: string | null;
  readonly decision: 'continue' | 'retry' | 'poll_again' | 'done' | 'failed';
  readonly afterMs: number | null;
  readonly errorKind: ErrorKind | null;
  readonly durationMs: number;
}

/** The FaithServer Gateway client: every operation returns a Promise. */
/** A rate-limit state a gateway reported (each member null when not sent). */
export interface RateLimit {
  readonly limit: number | null;
  readonly remaining: number | null;
  readonly resetSeconds: number | null;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborting it stops the call: the request in flight is aborted, nothing more is sent, and the promise rejects with an `aborted` VpskitError. */
  signal?: AbortSignal;
  /** Each request's timeout for this call, in milliseconds (the client's `timeoutMs` otherwise). */
  timeoutMs?: number;
}

/** Options of `waitForJob`. */
export interface WaitOptions {
  /** How long to wait in all, in milliseconds (default 600000). */
  timeoutMs?: number;
  /** The first interval between polls (default 1000); it grows by half each poll. */
  pollIntervalMs?: number;
  /** The longest interval between polls (default 10000). */
  maxIntervalMs?: number;
  /** Called with each polled job that is not finished yet. */
  onUpdate?: (job: Job) => void | Promise<void>;
  /** Aborting it stops the wait (`aborted` VpskitError) and aborts a poll in flight. */
  signal?: AbortSignal;
  /** Each poll's request timeout, in milliseconds (the client's `timeoutMs` otherwise). */
  requestTimeoutMs?: number;
}

/**
 * A server named by its Service ID, or a `Server` already read (from `listServers`, say): the
 * preflight then checks it without reading it again.
 */
export type ServerRef = string | Server;

export declare class FaithServerClient {
  constructor(options?: FaithServerClientOptions);
  readonly baseUrl: string;
  /** The last rate-limit state the gateway reported, or null before any answer reported one. */
  readonly rateLimit: RateLimit | null;
  listServers(options?: CallOptions): Promise<Server[]>;
  getServer(id: ServerRef, options?: CallOptions): Promise<Server>;
  getStatus(id: ServerRef, options?: CallOptions): Promise<PowerStatus>;
  getOverview(id: ServerRef, options?: CallOptions): Promise<Overview>;
  start(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  stop(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  reboot(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  wakeOnLan(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  getConsole(id: ServerRef, options?: CallOptions): Promise<ConsoleSession>;
  getRescueStatus(id: ServerRef, options?: CallOptions): Promise<RescueStatus>;
  enableRescue(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  disableRescue(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  listImages(id: ServerRef, options?: CallOptions): Promise<ImageList>;
  /** **Erases the server.** Premium: `{imageId}`; Budget: `{osId, password}`. */
  reinstall(id: ServerRef, request: ReinstallRequest, options?: CallOptions): Promise<ActionResult>;
  /** Generated password (Premium) without options; custom (Budget) with `{password}`. */
  resetPassword(id: ServerRef, options?: { password?: string } & CallOptions): Promise<ActionResult>;
  listCredentials(id: ServerRef, options?: CallOptions): Promise<Credential[]>;
  getCredential(id: ServerRef, type: string, username: string, options?: CallOptions): Promise<Credential>;
  getTraffic(id: ServerRef, query: TrafficQuery, options?: CallOptions): Promise<Traffic>;
  listIps(id: ServerRef, options?: CallOptions): Promise<IpAddress[]>;
  getMonitor(id: ServerRef, options?: CallOptions): Promise<Monitor>;
  listTasks(id: ServerRef, options?: CallOptions): Promise<LogEntry[]>;
  listServerActions(id: ServerRef, options?: CallOptions): Promise<LogEntry[]>;
  listLogs(options?: CallOptions): Promise<LogEntry[]>;
  listJobs(options?: CallOptions): Promise<Job[]>;
  getJob(jobId: string, options?: CallOptions): Promise<Job>;
  /**
   * Runs `action` on every server of `ids`, `concurrency` (default 4) at a time: one outcome per
   * server, in order. Only methods that take one server are accepted.
   */
  bulk(action: 'start' | 'stop' | 'reboot' | 'wakeOnLan' | 'enableRescue' | 'disableRescue' | 'resetPassword'
    | 'getServer' | 'getStatus' | 'getOverview' | 'getConsole' | 'getRescueStatus' | 'listImages' | 'listCredentials'
    | 'listIps' | 'getMonitor' | 'listTasks' | 'listServerActions',
    ids: Iterable<ServerRef>, options?: { concurrency?: number; signal?: AbortSignal }): Promise<BulkOutcome<unknown>[]>;
  /**
   * Polls a job until it is done, failed (`server` error) or out of time (`transport` error naming
   * the last status seen). `onUpdate` sees each unfinished poll; `signal` stops the wait.
   */
  waitForJob(jobId: string, options?: WaitOptions): Promise<Job>;
  /** Waits for several jobs on one poll schedule: one outcome per job, in order. */
  waitForJobs(jobIds: Iterable<string>, options?: WaitOptions): Promise<JobOutcome[]>;
  raw(method: string, path: string, options?: { query?: Record<string, string>; body?: unknown } & CallOptions): Promise<RawResponse>;
}

export interface VpsOrgClientOptions {
  /** Defaults to `process.env.VPSORG_API_TOKEN` where there is a `process`; `null`: a proxy adds it. */
  token?: string | null; baseUrl?: string;
  /** In a browser a token is refused unless this is `true`. */
  dangerouslyAllowBrowser?: boolean; fetch?: FetchLike; timeoutMs?: number; retry?: RetryOptions;
  /** Called after each exchange with a redacted event. */
  onEvent?: (event: FlowEvent) => void;
  maxConcurrency?: number;
  maxRequestsPerSecond?: number;
}

/** The VPS.org client. */
export declare class VpsOrgClient {
  constructor(options?: VpsOrgClientOptions);
  readonly baseUrl: string;
  /** The last rate-limit state the API reported, or null. */
  readonly rateLimit: RateLimit | null;
  getAccount(options?: CallOptions): Promise<AccountInfo>;
  raw(method: string, path: string, options?: { query?: Record<string, string>; body?: unknown } & CallOptions): Promise<RawResponse>;
}

/** Whether `server` may perform `action` now, and why (`allowedActions` first, then the matrix). */
export declare function check(server: Server, action: Action): Verdict;
/** The product matrix level of `feature` for `product`, or undefined when either is unknown. */
export declare function productSupport(product: Product, feature: Action): Support | undefined;
/** Whether the permissions grant `wanted` (`"servers:create"`); a malformed `wanted` throws. */
export declare function allows(permissions: Iterable<string>, wanted: string): boolean;
/** Whether a token expires within `days` (default 7) of `now` (default: now). */
export declare function expiresWithin(token: Token, days?: number, now?: Date | number | string): boolean;
export declare function tokenExpiry(token: Token, days?: number, now?: Date | number | string): { expiresWithin: boolean; daysLeft: number | null };
/** The vpskit version (a synchronous function: in a browser, after `init()`). */
export declare function version(): string;

/** Where `init` may load the WebAssembly module from. */
export type WasmSource = string | URL | Response | Promise<Response> | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Client calls load it themselves on first use (in Node every
 * function does), so most apps never call this. Call it to load the module from elsewhere (a
 * bundler that does not emit `vpskit/vpskit.wasm`, a strict CSP, bytes you ship yourself), or, in
 * a browser, before the synchronous functions (`check`, `allows`, `productSupport`, `tokenExpiry`,
 * `expiresWithin`, `version`, the `operations` builders). The first successful load wins; a failed
 * load rejects with a `transport` VpskitError and the next call tries again.
 *
 * @example
 * import { init, check } from 'vpskit';
 * import wasmUrl from 'vpskit/vpskit.wasm'; // esbuild: --loader:.wasm=file
 * await init(wasmUrl);
 */
export declare function init(source?: WasmSource): Promise<void>;

/** A configuration for the sans-IO layer. */
export declare class Config {
  constructor(options: { api?: 'faithserver' | 'vpsorg'; key: string | null; baseUrl?: string; userAgentHost?: string });
  readonly api: 'faithserver' | 'vpsorg';
  readonly baseUrl: string;
}

/** A request built by the core; `headers` carry the key, printing never shows it. */
export declare class HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: [string, string][];
  readonly body: string | null;
  readonly idempotent: boolean;
}

export declare namespace operations {
  /** One operation and its arguments. `T` is its result type. */
  class Operation<T = unknown> {
    readonly name: string;
    readonly args: Readonly<Record<string, unknown>>;
    readonly api: 'faithserver' | 'vpsorg';
    private readonly __result?: T;
    callJson(): string;
  }
  interface ResponseLike { status: number; headers?: [string, string][] | Record<string, string>; body?: Uint8Array | string }
  function buildRequest(operation: Operation<unknown>, config: Config): HttpRequest;
  function parseResponse<T>(operation: Operation<T>, response: ResponseLike): T;
  function parseResponseText(operation: Operation<unknown>, response: ResponseLike): string;
  function listServers(): Operation<Server[]>;
  function getServer(id: string): Operation<Server>;
  function getStatus(id: string): Operation<PowerStatus>;
  function getOverview(id: string): Operation<Overview>;
  function start(id: string): Operation<ActionResult>;
  function stop(id: string): Operation<ActionResult>;
  function reboot(id: string): Operation<ActionResult>;
  function wakeOnLan(id: string): Operation<ActionResult>;
  function getConsole(id: string): Operation<ConsoleSession>;
  function getRescueStatus(id: string): Operation<RescueStatus>;
  function enableRescue(id: string): Operation<ActionResult>;
  function disableRescue(id: string): Operation<ActionResult>;
  function listImages(id: string): Operation<ImageList>;
  function reinstall(id: string, request: ReinstallRequest): Operation<ActionResult>;
  function resetPassword(id: string, options?: { password?: string }): Operation<ActionResult>;
  function listCredentials(id: string): Operation<Credential[]>;
  function getCredential(id: string, type: string, username: string): Operation<Credential>;
  function getTraffic(id: string, query: TrafficQuery): Operation<Traffic>;
  function listIps(id: string): Operation<IpAddress[]>;
  function getMonitor(id: string): Operation<Monitor>;
  function listTasks(id: string): Operation<LogEntry[]>;
  function listServerActions(id: string): Operation<LogEntry[]>;
  function listLogs(): Operation<LogEntry[]>;
  function listJobs(): Operation<Job[]>;
  function getJob(jobId: string): Operation<Job>;
  function getAccount(): Operation<AccountInfo>;
  function raw(method: string, path: string, options?: { query?: Record<string, string>; body?: unknown; api?: 'faithserver' | 'vpsorg' }): Operation<RawResponse>;
}
