// Type declarations of `vpskit/testing` (Node only, ESM only): the mock gateway for your own tests.

import type { FaithServerClient, FaithServerClientOptions, VpsOrgClient, VpsOrgClientOptions } from 'vpskit';

/** A fault the mock can inject. */
export type FaultKind = 'rate_limit' | 'status' | 'html' | 'slow' | 'drop' | 'truncate' | 'short_detail' | 'redirect';

/** The sample FaithServer key the mock accepts. */
export declare const MOCK_FAITHSERVER_KEY: string;
/** A sample VPS.org token the mock accepts (seed permissions). */
export declare const MOCK_VPSORG_TOKEN: string;

/** Where and how often a fault applies, and its own parameters. */
export interface FaultParams {
  /** How many matching requests it hits (default 1). */
  count?: number;
  /** Only requests whose path (after `/api/v1`) starts with this (`/servers`). */
  pathPrefix?: string;
  /** Only requests with this method. */
  method?: string;
  /** `status`: the HTTP status to answer. */
  status?: number;
  /** `rate_limit`: the `Retry-After` seconds. */
  retryAfter?: number;
  /** `slow`: how long to wait before answering, in milliseconds. */
  delayMs?: number;
  /** `redirect`: where to. */
  location?: string;
}

/** One API request the mock received, as its log keeps it (never a key's value). */
export interface LoggedRequest {
  /** Order of arrival, from 1. */
  readonly seq: number;
  /** The HTTP method. */
  readonly method: string;
  /** The path, query excluded (`/api/v1/servers`). */
  readonly path: string;
  /** The query, key-like values masked. */
  readonly query: string | null;
  /** Whether a body was sent. */
  readonly hasBody: boolean;
  /** How a key travelled: `bearer`, `none` or `malformed`. */
  readonly authorization: 'bearer' | 'none' | 'malformed';
  /** The kind of fault injected into this request, if any. */
  readonly fault: FaultKind | null;
  /** The status answered (null when the connection was dropped). */
  readonly status: number | null;
  /** Whether a key-like parameter travelled in the query. */
  readonly keyInQuery: boolean;
  /** Whether a key-like field travelled in the body. */
  readonly keyInBody: boolean;
  /** Whether a key the mock knows appears anywhere in the URL. */
  readonly knownKeyInUrl: boolean;
}

/** The mock's load. */
export interface MockStats {
  /** Requests being answered now (a cancelled client's request leaves this count). */
  readonly inFlight: number;
  /** The most requests in flight at once since the last reset. */
  readonly maxInFlight: number;
}

/** A running mock gateway. */
export interface Mock {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** `http://127.0.0.1:PORT/api/v1`: the base URL of both APIs. */
  readonly baseUrl: string;
  /** A FaithServer client for the mock (its sample key, fast retries unless `retry` is given). */
  faithServerClient(options?: FaithServerClientOptions): FaithServerClient;
  /** A VPS.org client for the mock (a sample token, fast retries unless `retry` is given). */
  vpsOrgClient(options?: VpsOrgClientOptions): VpsOrgClient;
  /** Back to the sample state: the fleet as it started, no faults, an empty log. */
  reset(): Promise<void>;
  /** Queues a fault for the next matching API requests (an unknown kind: the mock's refusal, listing its kinds). */
  fault(kind: FaultKind, params?: FaultParams): Promise<void>;
  /** Drops every queued fault. */
  clearFaults(): Promise<void>;
  /** The API requests received since the last reset, in order. */
  requests(): Promise<LoggedRequest[]>;
  /** Empties the request log. */
  clearRequests(): Promise<void>;
  /** How many `method` requests reached `path` (after `/api/v1`). */
  sent(method: string, path: string): Promise<number>;
  /** Requests in flight now, and the most at once since the last reset. */
  stats(): Promise<MockStats>;
  /** Stops the mock. */
  stop(): void;
}

/**
 * Starts the mock on a free loopback port (`bin`, else `VPSKIT_MOCK_BIN`, else `vpskit-mock` on
 * `PATH`, which `pip install vpskit-mock` provides).
 *
 * @example
 * import { startMock } from 'vpskit/testing';
 * const mock = await startMock();
 * await mock.fault('status', { status: 503, pathPrefix: '/servers', method: 'GET' });
 * await mock.faithServerClient().listServers();      // the 503 is retried
 * mock.stop();
 */
export declare function startMock(options?: {
  /** The mock binary (else `VPSKIT_MOCK_BIN`, else `vpskit-mock` on `PATH`). */
  bin?: string;
  /** How long to wait for the mock to listen (default 10000 ms). */
  timeoutMs?: number;
}): Promise<Mock>;

/** Whether a `vpskit-mock` binary can be found (to skip a suite on machines without it). */
export declare function mockAvailable(options?: { bin?: string }): boolean;
