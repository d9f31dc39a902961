// Type declarations of the `vpskit` npm package. Results are plain objects with the API's field
// names in camelCase; unknown fields are kept (hence the index signatures); secrets are `Secret`.

// <generated error kinds (tests/generated.rs)>
/** The kinds of error, the same words in every vpskit language. */
export type ErrorKind = 'auth' | 'not_found' | 'not_allowed' | 'rate_limited' | 'server' | 'validation' | 'decode' | 'transport' | 'aborted' | 'internal';
// </generated error kinds>
/** The six documented gateway messages. */
export type ErrorCode = 'missing_api_key' | 'invalid_api_key' | 'ip_not_whitelisted' | 'server_not_found' | 'action_not_allowed' | 'console_not_available';

/** Every `ErrorKind`, in the core's order. */
export declare const ERROR_KINDS: readonly ErrorKind[];

/** Every error vpskit throws. */
export declare class VpskitError extends Error {
  /** Always `'VpskitError'`. */
  readonly name: 'VpskitError';
  /** What went wrong, in the words every vpskit language shares: branch on this. */
  readonly kind: ErrorKind;
  /** The HTTP status, when the error came from a response. */
  readonly status: number | null;
  /** The gateway's documented message as a code, when the answer carried one. */
  readonly code: ErrorCode | null;
  /** Seconds the gateway asked to wait (rate limits). */
  readonly retryAfter: number | null;
  /** For transport errors: whether the request may have reached the server. */
  readonly requestSent: boolean | null;
  /** The gateway's `X-Request-Id` of the exchange, when it sent one (quote it to support). */
  readonly requestId: string | null;
  /** An error of `kind`; vpskit throws these, apps rarely build one. */
  constructor(kind: ErrorKind, message: string, options?: { status?: number | null; code?: ErrorCode | null; retryAfter?: number | null; requestSent?: boolean | null; requestId?: string | null; cause?: unknown });
}

/** Type guard: `value` is a VpskitError (of `kind`, if given). */
export declare function isVpskitError<K extends ErrorKind = ErrorKind>(value: unknown, kind?: K): value is VpskitError & {
  /** The kind asked for. */
  kind: K;
};

/** A value that never prints; read it with `expose()`. */
export declare class Secret {
  /** Wraps `value` (a password, a console URL). */
  constructor(value: string);
  /** The value itself: the one way to read it. */
  expose(): string;
  /** Whether `other` is a Secret holding the same value (compared without printing either). */
  equals(other: unknown): boolean;
  /** Always `'[redacted]'`. */
  toString(): '[redacted]';
  /** Always `'[redacted]'`, so `JSON.stringify` never shows the value. */
  toJSON(): '[redacted]';
}

/** The product matrix's levels. */
export type Support = 'yes' | 'if_available' | 'limited' | 'planned' | 'no';

/** Fields the gateway sends that vpskit does not model yet. */
interface Unmodelled { [field: string]: unknown }

/** The documented Budget VPS backend answer, found in `providerResponse` of Budget power actions. */
export interface BudgetOutput {
  /** The backend's status code. */
  status?: number;
  /** The backend's message. */
  message?: string;
  /** The command's output. */
  output?: string;
  /** How long the backend took, as it wrote it. */
  timeTaken?: string;
}
/** Open string enums (the documented values, and any other string the gateway sends) and result models. */
// <generated from the core's declarations (tests/generated.rs)>
/** A FaithServer product. */
export type Product = 'Premium VPS Multi-region' | 'Budget VPS' | 'Flexible Dedicated Server' | (string & {});
/** An action word of `allowed_actions`, and the features of the product matrix. */
export type Action = 'status' | 'overview' | 'start' | 'stop' | 'reboot' | 'console' | 'rescue' | 'wol' | 'images' | 'reinstall' | 'reset-password' | 'credentials' | 'traffic' | 'ips' | 'monitor' | 'tasks' | (string & {});
/** A server's state as the gateway reports it: service state in `/servers` (`active`), power state in `/status` (`running`, `stopped`). */
export type ServerStatus = 'active' | 'running' | 'stopped' | 'off' | 'starting' | 'stopping' | 'rebooting' | 'suspended' | 'pending' | (string & {});
/** A job's status. The words are not documented: these are the ones vpskit has seen or expects; `JobWaiter` decides which are terminal. */
export type JobStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | (string & {});
/** A server of `GET /servers` and `GET /servers/{id}`. */
export interface Server extends Unmodelled {
  /** The public Service ID (`fsrv_111`). */
  id: string;
  /** The server's name. */
  name: string | null;
  /** The region (`US-LA`). */
  region: string | null;
  /** The product. */
  product: Product;
  /** The service state (`active`). */
  status: ServerStatus | null;
  /** What this server may do now: the authority for capability checks. */
  allowedActions: Action[];
}
/** `GET /servers/{id}/status`: the state read live from the product's backend. */
export interface PowerStatus extends Unmodelled {
  /** The Service ID, when the gateway repeats it. */
  id: string | null;
  /** The state (`running`, `stopped`, …). */
  status: ServerStatus | null;
}
/** `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities. */
export interface Overview extends Unmodelled {
  /** The Service ID. */
  id: string | null;
  /** The server's name. */
  name: string | null;
  /** The region. */
  region: string | null;
  /** The product. */
  product: Product | null;
  /** The main IP address. */
  ipAddress: string | null;
  /** The state. */
  status: ServerStatus | null;
  /** The plan ("paket"). */
  plan: string | null;
  /** The capabilities the gateway lists. */
  capabilities: Action[] | null;
}
/** The answer to an action (start, stop, reboot, wol, rescue enable/disable, reinstall, reset-password). */
export interface ActionResult extends Unmodelled {
  /** The gateway's message (`Reboot command accepted.`). */
  message: string | null;
  /** The server acted on. */
  serverId: string | null;
  /** The action taken. */
  action: Action | null;
  /** The backend (`budget_vps`, `premium_vps_multi_region`). */
  provider: string | null;
  /** The backend's HTTP status. */
  providerStatusCode: number | null;
  /** The backend's answer, raw: its shape differs per product and backend. */
  providerResponse: unknown;
  /** The job this action started, when the gateway names one (reinstall). */
  jobId: string | null;
}
/** `GET /servers/{id}/console`: a temporary noVNC URL. The URL carries an access token: a secret. */
export interface ConsoleSession extends Unmodelled {
  /** The gateway's message. */
  message: string | null;
  /** The server. */
  serverId: string | null;
  /** The console URL (secret: it carries a temporary token). */
  url: Secret;
  /** The gateway's note (`Open this URL in browser to access console.`). */
  note: string | null;
  /** The backend's HTTP status. */
  providerStatusCode: number | null;
}
/** `GET /servers/{id}/rescue/status`. */
export interface RescueStatus extends Unmodelled {
  /** Whether rescue mode is (or will be, after a reboot) enabled. */
  enabled: boolean | null;
  /** Whether a reboot is needed before the change takes effect. */
  pendingReboot: boolean | null;
}
/** An image (Premium) or OS template (Budget) from `/images`. */
export interface Image extends Unmodelled {
  /** The id: send as `imageId` (Premium) or `osid` (Budget). */
  id: string;
  /** The name, for people. */
  name: string | null;
  /** The family (`linux`, `Ubuntu`, `Windows`): for grouping only. */
  family: string | null;
  /** The flavour (`ubuntu`), Premium only. */
  flavour: string | null;
}
/** `GET /servers/{id}/images`: read from the whole body, `data.images` brought up. */
export interface ImageList {
  /** The server. */
  serverId: string | null;
  /** The backend (`premium_vps_multi_region`, `budget_vps`). */
  provider: string | null;
  /** The images or OS templates. */
  images: Image[];
}
/** A credential from `/credentials`. The secret value is wrapped. */
export interface Credential extends Unmodelled {
  /** The credential type (`ssh`, `panel`). */
  type: string | null;
  /** The username. */
  username: string | null;
  /** The password, when the gateway returns it. */
  password: Secret | null;
}
/** `GET /servers/{id}/traffic`. */
export interface Traffic extends Unmodelled {
  /** The period asked for (Premium). */
  period: string | null;
  /** The month asked for, `YYYYMM` (Budget). */
  month: string | null;
  /** Bytes received. */
  incomingBytes: number | null;
  /** Bytes sent. */
  outgoingBytes: number | null;
  /** Bytes in all. */
  totalBytes: number | null;
  /** The allowance, in bytes. */
  limitBytes: number | null;
}
/** An IP address of `/ips`. */
export interface IpAddress extends Unmodelled {
  /** The address. */
  address: string;
  /** 4 or 6. */
  version: number | null;
  /** Whether it is the main address. */
  primary: boolean | null;
}
/** `GET /servers/{id}/monitor`: basic monitoring data. */
export interface Monitor extends Unmodelled {
  /** CPU use, percent. */
  cpuPercent: number | null;
  /** Memory in use, bytes. */
  memoryUsedBytes: number | null;
  /** Memory in all, bytes. */
  memoryTotalBytes: number | null;
  /** Disk in use, bytes. */
  diskUsedBytes: number | null;
  /** Disk in all, bytes. */
  diskTotalBytes: number | null;
  /** Seconds since boot. */
  uptimeSeconds: number | null;
}
/** An entry of `/tasks`, `/actions` (action log) or `/logs` (API log). */
export interface LogEntry extends Unmodelled {
  /** The entry's id (numbers are kept as text). */
  id: string | null;
  /** The server concerned. */
  serverId: string | null;
  /** The action (`reboot`, `reinstall`, …). */
  action: string | null;
  /** The outcome (`success`, `failed`, …). */
  status: string | null;
  /** For API logs: the method. */
  method: string | null;
  /** For API logs: the path. */
  path: string | null;
  /** For API logs: the HTTP status. */
  statusCode: number | null;
  /** A message. */
  message: string | null;
  /** When (ISO 8601). */
  createdAt: string | null;
}
/** A job of `/jobs`. */
export interface Job extends Unmodelled {
  /** The job id. */
  id: string;
  /** The server concerned. */
  serverId: string | null;
  /** The action that started the job. */
  action: string | null;
  /** The status (the words are not documented: open). */
  status: JobStatus | null;
  /** Progress, percent. */
  progress: number | null;
  /** A message (an error for failed jobs). */
  message: string | null;
  /** When it was created (ISO 8601). */
  createdAt: string | null;
  /** When it last changed (ISO 8601). */
  updatedAt: string | null;
}
/** The answer to the raw escape hatch: status and JSON body, secrets redacted when printed. */
export interface RawResponse {
  /** The HTTP status. */
  status: number;
  /** The JSON body. */
  body: unknown;
}
/** The account a token belongs to. */
export interface Account extends Unmodelled {
  /** The account's email address. */
  email: string;
  /** First name. */
  firstName: string | null;
  /** Last name. */
  lastName: string | null;
  /** Company name. */
  companyName: string | null;
  /** Creation date, `YYYY-MM-DD`. */
  createdAt: string | null;
}
/** The token used for the request: its name, permissions and life. */
export interface Token extends Unmodelled {
  /** The token's name. */
  name: string;
  /** What the token may do. */
  permissions: string[];
  /** When it was created (ISO 8601). */
  createdAt: string | null;
  /** When it was last used (ISO 8601), if ever. */
  lastUsedAt: string | null;
  /** When it expires (ISO 8601); `None` never expires. */
  expiresAt: string | null;
  /** Whether VPS.org considers it expired. */
  isExpired: boolean;
}
/** `GET /account/me/`: the account and the token. */
export interface AccountInfo {
  /** The account. */
  account: Account;
  /** The token used. */
  token: Token;
}
// </generated>

/** The answer of a capability check. */
export interface Verdict {
  /** Whether the action may be tried now. */
  allowed: boolean;
  /** Why, in words for a person (a tooltip, a log line). */
  reason: string;
  /** The product matrix's level for the action, when the product is known. */
  support: Support | null;
}

// <generated from the core's operation table (tests/generated.rs)>
/** The optional arguments of `reinstall`. */
export interface ReinstallArgs {
  /** Premium VPS image id. */
  imageId?: string;
  /** Budget VPS OS template id (digits). */
  osId?: string | number;
  /** Budget VPS root password. */
  password?: string;
}
/** The optional arguments of `resetPassword`. */
export interface ResetPasswordArgs {
  /** The custom password (Budget VPS). */
  password?: string;
}
/** The optional arguments of `getTraffic`. */
export interface TrafficArgs {
  /** `month`, for Premium VPS. */
  period?: string;
  /** `YYYYMM`, for Budget VPS. */
  month?: string | number;
}
/** What `bulk` runs: the operations that take one server (the core's rule). */
export type BulkAction = 'getServer' | 'getStatus' | 'getOverview' | 'start' | 'stop' | 'reboot' | 'wakeOnLan' | 'getConsole' | 'getRescueStatus' | 'enableRescue' | 'disableRescue' | 'listImages' | 'resetPassword' | 'listCredentials' | 'listIps' | 'getMonitor' | 'listTasks' | 'listServerActions';
// </generated operations>

/** Retry tuning; the rules are the core's. Each member left out keeps the core's default. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** The first backoff, in milliseconds (it doubles, with jitter). */
  baseDelayMs?: number;
  /** The longest backoff, in milliseconds. */
  maxDelayMs?: number;
  /** The longest `Retry-After` honoured, in milliseconds (a longer one gives up). */
  maxRetryAfterMs?: number;
}
/** A `fetch`-compatible function (the platform's `fetch` by default). */
export type FetchLike = (input: string, init: { method: string; headers: [string, string][]; body?: string; redirect: 'manual'; signal: AbortSignal }) => Promise<Response>;

/** Options of a `FaithServerClient`. */
export interface FaithServerClientOptions {
  /**
   * Defaults to `process.env.FAITHSERVER_API_KEY` where there is a `process`. `null` (or none, in
   * a browser, with a `baseUrl`): a proxy at `baseUrl` adds the key, and no request carries one.
   */
  apiKey?: string | null;
  /** The gateway's base URL (`https://api.faithserver.com/api/v1` by default), or your proxy's (a page-relative path works in a browser). */
  baseUrl?: string;
  /** In a browser a key is refused unless this is `true`: everyone who opens the page can read it. */
  dangerouslyAllowBrowser?: boolean;
  /** The `fetch` to send with (the platform's by default): a proxy agent, a test double, a middleware. */
  fetch?: FetchLike;
  /** Each request's timeout, in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Check `allowedActions` and the product matrix before actions (default `true`). */
  preflight?: boolean;
  /** Retry tuning. */
  retry?: RetryOptions;
  /** Called after each exchange with a redacted event (debug logs); its errors are ignored. */
  onEvent?: (event: FlowEvent) => void;
  /** Requests in flight at once, across every call of this client. */
  maxConcurrency?: number;
  /** Requests sent per second, across every call of this client (a 429 pauses them all anyway). */
  maxRequestsPerSecond?: number;
}

/** One job's outcome in `waitForJobs`. */
export type JobOutcome =
  | {
    /** The job asked for. */
    readonly jobId: string;
    /** It finished. */
    readonly ok: true;
    /** The finished job. */
    readonly job: Job;
  }
  | {
    /** The job asked for. */
    readonly jobId: string;
    /** It failed, or the wait ended first. */
    readonly ok: false;
    /** Why. */
    readonly error: VpskitError;
  };

/** One server's outcome in `bulk`. */
export type BulkOutcome<T> =
  | {
    /** The server. */
    readonly serverId: string;
    /** The action succeeded. */
    readonly ok: true;
    /** Its result. */
    readonly result: T;
  }
  | {
    /** The server. */
    readonly serverId: string;
    /** The action failed (or was refused by the preflight). */
    readonly ok: false;
    /** Why. */
    readonly error: VpskitError;
  };

/**
 * One exchange and what the client decided next: never a key, password, console URL, credential,
 * query string or body.
 */
export interface FlowEvent {
  /** The operation (`reboot`). */
  readonly operation: string;
  /** The HTTP method. */
  readonly method: string;
  /** The URL's path, without its query. */
  readonly path: string;
  /** Why the request was sent: the call itself, or the preflight's read of the server. */
  readonly purpose: 'call' | 'preflight_detail' | 'preflight_list';
  /** The attempt, from 1. */
  readonly attempt: number;
  /** null when the transport failed. */
  readonly status: number | null;
  /** The answer's `X-Request-Id`, when it had one. */
  readonly requestId: string | null;
  /** What the client does next. */
  readonly decision: 'continue' | 'retry' | 'poll_again' | 'done' | 'failed';
  /** The wait before the next request, for `retry` and `poll_again`. */
  readonly afterMs: number | null;
  /** The error's kind, when the exchange failed. */
  readonly errorKind: ErrorKind | null;
  /** How long the exchange took, in milliseconds. */
  readonly durationMs: number;
}

/** A rate-limit state a gateway reported (each member null when not sent). */
export interface RateLimit {
  /** Requests allowed in the window. */
  readonly limit: number | null;
  /** Requests left in the window. */
  readonly remaining: number | null;
  /** Seconds until the window resets. */
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

/**
 * The FaithServer Gateway client: every operation returns a Promise, runs the core's flow
 * (preflight, retries, job polls) and rejects with a `VpskitError`.
 *
 * @example
 * const client = new FaithServerClient({ baseUrl: '/api/faithserver' }); // a proxy adds the key
 * for (const server of await client.listServers()) console.log(server.id, check(server, 'reboot').reason);
 */
export declare class FaithServerClient {
  /** A client; bad options throw a `validation` error (in a browser before the module loads: on the first call). */
  constructor(options?: FaithServerClientOptions);
  /** The base URL requests go to (in a browser before the module has loaded: as given). */
  readonly baseUrl: string;
  /** The last rate-limit state the gateway reported, or null before any answer reported one. */
  readonly rateLimit: RateLimit | null;
  // <generated faithserver methods (tests/generated.rs)>
  /** `GET /servers`: every active server the key can reach. */
  listServers(options?: CallOptions): Promise<Server[]>;
  /** `GET /servers/{id}`: one server (its short detail). */
  getServer(id: ServerRef, options?: CallOptions): Promise<Server>;
  /** `GET /servers/{id}/status`: the power state, read live from the backend. */
  getStatus(id: ServerRef, options?: CallOptions): Promise<PowerStatus>;
  /** `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities. */
  getOverview(id: ServerRef, options?: CallOptions): Promise<Overview>;
  /** `POST /servers/{id}/start`: powers the server on (checked by the preflight). */
  start(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  /** `POST /servers/{id}/stop`: powers the server off (checked by the preflight). */
  stop(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  /** `POST /servers/{id}/reboot`: reboots the server (a hardware reboot on dedicated servers; checked by the preflight). */
  reboot(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  /** `POST /servers/{id}/wol`: Wake-on-LAN (Flexible Dedicated Servers). */
  wakeOnLan(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  /** `GET /servers/{id}/console`: a temporary noVNC URL, a secret (it carries a token; Premium VPS, running servers only). */
  getConsole(id: ServerRef, options?: CallOptions): Promise<ConsoleSession>;
  /** `GET /servers/{id}/rescue/status`: whether rescue mode is on or waits for a reboot. */
  getRescueStatus(id: ServerRef, options?: CallOptions): Promise<RescueStatus>;
  /** `POST /servers/{id}/rescue/enable`: rescue mode from the next reboot. */
  enableRescue(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  /** `POST /servers/{id}/rescue/disable`: back to normal boot from the next reboot. */
  disableRescue(id: ServerRef, options?: CallOptions): Promise<ActionResult>;
  /** `GET /servers/{id}/images`: images (Premium) or OS templates (Budget) for reinstall. */
  listImages(id: ServerRef, options?: CallOptions): Promise<ImageList>;
  /** `POST /servers/{id}/reinstall`: **erases the server**. Premium VPS: an image id; Budget VPS: an OS template id and a root password. */
  reinstall(id: ServerRef, args?: ReinstallArgs, options?: CallOptions): Promise<ActionResult>;
  /** `POST /servers/{id}/reset-password`: no body (generated, Premium) or a custom password (Budget). */
  resetPassword(id: ServerRef, args?: ResetPasswordArgs, options?: CallOptions): Promise<ActionResult>;
  /** `GET /servers/{id}/credentials`: the login credentials (passwords are secrets). */
  listCredentials(id: ServerRef, options?: CallOptions): Promise<Credential[]>;
  /** `GET /servers/{id}/credentials/{type}/{username}`: one credential. */
  getCredential(id: ServerRef, type: string, username: string, options?: CallOptions): Promise<Credential>;
  /** `GET /servers/{id}/traffic`: traffic for a period (`?period=month`, Premium VPS) or a month (`?month=YYYYMM`, Budget VPS). */
  getTraffic(id: ServerRef, args?: TrafficArgs, options?: CallOptions): Promise<Traffic>;
  /** `GET /servers/{id}/ips`: the server's IP addresses. */
  listIps(id: ServerRef, options?: CallOptions): Promise<IpAddress[]>;
  /** `GET /servers/{id}/monitor`: CPU, memory, disk and uptime. */
  getMonitor(id: ServerRef, options?: CallOptions): Promise<Monitor>;
  /** `GET /servers/{id}/tasks`: recent tasks of the server, where its product keeps them. */
  listTasks(id: ServerRef, options?: CallOptions): Promise<LogEntry[]>;
  /** `GET /servers/{id}/actions`: the server's action log. */
  listServerActions(id: ServerRef, options?: CallOptions): Promise<LogEntry[]>;
  /** `GET /logs`: every API log of the account. */
  listLogs(options?: CallOptions): Promise<LogEntry[]>;
  /** `GET /jobs`: the account's jobs. */
  listJobs(options?: CallOptions): Promise<Job[]>;
  /** `GET /jobs/{job_id}`: one job (a client's `wait_for_job` waits for it). */
  getJob(jobId: string, options?: CallOptions): Promise<Job>;
  // </generated faithserver methods>
  /**
   * Runs `action` on every server of `ids`, `concurrency` (default 4) at a time: one outcome per
   * server, in order. Only methods that take one server are accepted.
   */
  bulk(action: BulkAction,
    ids: Iterable<ServerRef>, options?: { concurrency?: number; signal?: AbortSignal }): Promise<BulkOutcome<unknown>[]>;
  /**
   * Polls a job until it is done, failed (`server` error) or out of time (`transport` error naming
   * the last status seen). `onUpdate` sees each unfinished poll; `signal` stops the wait.
   */
  waitForJob(jobId: string, options?: WaitOptions): Promise<Job>;
  /** Waits for several jobs on one poll schedule: one outcome per job, in order. */
  waitForJobs(jobIds: Iterable<string>, options?: WaitOptions): Promise<JobOutcome[]>;
  /** Any method and path under the base URL (the escape hatch): status and JSON body, secrets redacted when printed. */
  raw(method: string, path: string, options?: { query?: Record<string, string>; body?: unknown } & CallOptions): Promise<RawResponse>;
}

/** Options of a `VpsOrgClient`. */
export interface VpsOrgClientOptions {
  /** Defaults to `process.env.VPSORG_API_TOKEN` where there is a `process`; `null`: a proxy adds it. */
  token?: string | null;
  /** The API's base URL (`https://admin.vps.org/api/v1` by default), or your proxy's. */
  baseUrl?: string;
  /** In a browser a token is refused unless this is `true`. */
  dangerouslyAllowBrowser?: boolean;
  /** The `fetch` to send with (the platform's by default). */
  fetch?: FetchLike;
  /** Each request's timeout, in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Retry tuning. */
  retry?: RetryOptions;
  /** Called after each exchange with a redacted event. */
  onEvent?: (event: FlowEvent) => void;
  /** Requests in flight at once, across every call of this client. */
  maxConcurrency?: number;
  /** Requests sent per second, across every call of this client. */
  maxRequestsPerSecond?: number;
}

/** The VPS.org client. */
export declare class VpsOrgClient {
  /** A client; bad options throw a `validation` error. */
  constructor(options?: VpsOrgClientOptions);
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The last rate-limit state the API reported, or null. */
  readonly rateLimit: RateLimit | null;
  // <generated vpsorg methods (tests/generated.rs)>
  /** `GET /account/me/`: the account and the token used (its permissions and expiry). The trailing slash is part of the path. */
  getAccount(options?: CallOptions): Promise<AccountInfo>;
  // </generated vpsorg methods>
  /** Any method and path under the base URL. */
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
/** `{expiresWithin, daysLeft}` for a token at `now` (default: now); `daysLeft` is null for a token that never expires. */
export declare function tokenExpiry(token: Token, days?: number, now?: Date | number | string): TokenExpiry;
/** A token's expiry at some moment (see `tokenExpiry`). */
export interface TokenExpiry {
  /** Whether it expires within the days asked (an expired token does). */
  expiresWithin: boolean;
  /** Whole days left (negative once expired), or null when it never expires. */
  daysLeft: number | null;
}
/** The vpskit version (a synchronous function: in a browser, after `init()`). */
export declare function version(): string;

/** Where `init` may load the WebAssembly module from. */
export type WasmSource = string | URL | Response | Promise<Response> | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Client calls load it themselves on first use (in Node every
 * function does), so most apps never call this. Call it to load the module from elsewhere (a
 * bundler that does not emit `vpskit/vpskit.wasm`, a strict CSP, bytes you ship yourself), or, in
 * a browser, before the synchronous functions (`check`, `allows`, `productSupport`, `tokenExpiry`,
 * `expiresWithin`, `version`, the `operations` builders). Building a client fetches nothing, so
 * `init` may come after the clients are built. The first successful load wins. A source named
 * here is the one every later attempt loads (and takes over from a default load still running if
 * that fails); a failed load rejects with a `transport` VpskitError (the URL printed without its
 * query) and the next call tries again.
 *
 * @example
 * import { init, check } from 'vpskit';
 * import wasmUrl from 'vpskit/vpskit.wasm'; // esbuild: --loader:.wasm=file
 * await init(wasmUrl);
 */
export declare function init(source?: WasmSource): Promise<void>;

/** A configuration for the sans-IO layer. */
export declare class Config {
  /** Checks and builds a configuration (`key: null` behind a proxy that adds it; then `baseUrl` is required). */
  constructor(options: { api?: 'faithserver' | 'vpsorg'; key: string | null; baseUrl?: string; userAgentHost?: string });
  /** The API it speaks. */
  readonly api: 'faithserver' | 'vpsorg';
  /** The base URL. */
  readonly baseUrl: string;
}

/** A request built by the core; `headers` carry the key, printing never shows it. */
export declare class HttpRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The full URL, query included. */
  readonly url: string;
  /** The headers to send, in order (the key among them: send them, never print them). */
  readonly headers: [string, string][];
  /** The JSON body, or null. */
  readonly body: string | null;
  /** Whether sending it again after it may have arrived is safe. */
  readonly idempotent: boolean;
}

export declare namespace operations {
  /** One operation and its arguments. `T` is its result type. */
  class Operation<T = unknown> {
    /** The operation's name in the core's table (`reboot`). */
    readonly name: string;
    /** Its arguments (passwords as `Secret`). */
    readonly args: Readonly<Record<string, unknown>>;
    /** The API it belongs to. */
    readonly api: 'faithserver' | 'vpsorg';
    private readonly __result?: T;
    /** The call as the core reads it (`{operation, args}`, secrets exposed: for the core only). */
    callJson(): string;
  }
  /** A response as your transport received it. */
  interface ResponseLike {
    /** The HTTP status. */
    status: number;
    /** The headers, as pairs or an object. */
    headers?: [string, string][] | Record<string, string>;
    /** The body, as bytes or text. */
    body?: Uint8Array | string;
  }
  /** The request `operation` makes with `config` (bad input throws a `validation` error first). */
  function buildRequest(operation: Operation<unknown>, config: Config): HttpRequest;
  /** The typed result of a response to `operation`, or a thrown `VpskitError`. */
  function parseResponse<T>(operation: Operation<T>, response: ResponseLike): T;
  /** The result as the core's JSON text (snake_case, as the conformance vectors write it). */
  function parseResponseText(operation: Operation<unknown>, response: ResponseLike): string;
  // <generated operation functions (tests/generated.rs)>
  /** `GET /servers`: every active server the key can reach. */
  function listServers(): Operation<Server[]>;
  /** `GET /servers/{id}`: one server (its short detail). */
  function getServer(id: string): Operation<Server>;
  /** `GET /servers/{id}/status`: the power state, read live from the backend. */
  function getStatus(id: string): Operation<PowerStatus>;
  /** `GET /servers/{id}/overview`: name, region, IP address, status, plan and capabilities. */
  function getOverview(id: string): Operation<Overview>;
  /** `POST /servers/{id}/start`: powers the server on (checked by the preflight). */
  function start(id: string): Operation<ActionResult>;
  /** `POST /servers/{id}/stop`: powers the server off (checked by the preflight). */
  function stop(id: string): Operation<ActionResult>;
  /** `POST /servers/{id}/reboot`: reboots the server (a hardware reboot on dedicated servers; checked by the preflight). */
  function reboot(id: string): Operation<ActionResult>;
  /** `POST /servers/{id}/wol`: Wake-on-LAN (Flexible Dedicated Servers). */
  function wakeOnLan(id: string): Operation<ActionResult>;
  /** `GET /servers/{id}/console`: a temporary noVNC URL, a secret (it carries a token; Premium VPS, running servers only). */
  function getConsole(id: string): Operation<ConsoleSession>;
  /** `GET /servers/{id}/rescue/status`: whether rescue mode is on or waits for a reboot. */
  function getRescueStatus(id: string): Operation<RescueStatus>;
  /** `POST /servers/{id}/rescue/enable`: rescue mode from the next reboot. */
  function enableRescue(id: string): Operation<ActionResult>;
  /** `POST /servers/{id}/rescue/disable`: back to normal boot from the next reboot. */
  function disableRescue(id: string): Operation<ActionResult>;
  /** `GET /servers/{id}/images`: images (Premium) or OS templates (Budget) for reinstall. */
  function listImages(id: string): Operation<ImageList>;
  /** `POST /servers/{id}/reinstall`: **erases the server**. Premium VPS: an image id; Budget VPS: an OS template id and a root password. */
  function reinstall(id: string, args?: ReinstallArgs): Operation<ActionResult>;
  /** `POST /servers/{id}/reset-password`: no body (generated, Premium) or a custom password (Budget). */
  function resetPassword(id: string, args?: ResetPasswordArgs): Operation<ActionResult>;
  /** `GET /servers/{id}/credentials`: the login credentials (passwords are secrets). */
  function listCredentials(id: string): Operation<Credential[]>;
  /** `GET /servers/{id}/credentials/{type}/{username}`: one credential. */
  function getCredential(id: string, type: string, username: string): Operation<Credential>;
  /** `GET /servers/{id}/traffic`: traffic for a period (`?period=month`, Premium VPS) or a month (`?month=YYYYMM`, Budget VPS). */
  function getTraffic(id: string, args?: TrafficArgs): Operation<Traffic>;
  /** `GET /servers/{id}/ips`: the server's IP addresses. */
  function listIps(id: string): Operation<IpAddress[]>;
  /** `GET /servers/{id}/monitor`: CPU, memory, disk and uptime. */
  function getMonitor(id: string): Operation<Monitor>;
  /** `GET /servers/{id}/tasks`: recent tasks of the server, where its product keeps them. */
  function listTasks(id: string): Operation<LogEntry[]>;
  /** `GET /servers/{id}/actions`: the server's action log. */
  function listServerActions(id: string): Operation<LogEntry[]>;
  /** `GET /logs`: every API log of the account. */
  function listLogs(): Operation<LogEntry[]>;
  /** `GET /jobs`: the account's jobs. */
  function listJobs(): Operation<Job[]>;
  /** `GET /jobs/{job_id}`: one job (a client's `wait_for_job` waits for it). */
  function getJob(jobId: string): Operation<Job>;
  /** `GET /account/me/`: the account and the token used (its permissions and expiry). The trailing slash is part of the path. */
  function getAccount(): Operation<AccountInfo>;
  // </generated operation functions>
  /** The `raw` operation, as the client's `raw` sends it. */
  function raw(method: string, path: string, options?: { query?: Record<string, string>; body?: unknown; api?: 'faithserver' | 'vpsorg' }): Operation<RawResponse>;
}
