// The error classes: one VpskitError with a `kind`, thrown by every operation.

// <generated error kinds (tests/generated.rs)>
/** The kinds of error, the same words in every vpskit language. */
export const ERROR_KINDS = Object.freeze(['auth', 'not_found', 'not_allowed', 'rate_limited', 'server', 'validation', 'decode', 'transport', 'aborted', 'internal']);
// </generated error kinds>

/**
 * A vpskit error: `kind` to branch on, `status` and `code` when the gateway answered, `retryAfter`
 * (seconds) for rate limits, `requestSent` for transport failures, `requestId` (the gateway's
 * `X-Request-Id`, to quote to support). The message never contains a key, password, console URL
 * or credential.
 */
export class VpskitError extends Error {
  constructor(kind, message, { status = null, code = null, retryAfter = null, requestSent = null, requestId = null, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'VpskitError';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.requestSent = requestSent;
    this.requestId = requestId;
  }

  toString() {
    const id = this.requestId == null ? '' : ` [request id ${this.requestId}]`;
    return `VpskitError [${this.kind}]${this.status == null ? '' : ` (HTTP ${this.status})`}: ${this.message}${id}`;
  }

  toJSON() {
    return { name: this.name, kind: this.kind, status: this.status, code: this.code, message: this.message, retryAfter: this.retryAfter, requestId: this.requestId };
  }
}

/** Whether `value` is a VpskitError (optionally of one kind). */
export function isVpskitError(value, kind) {
  return value instanceof VpskitError && (kind === undefined || value.kind === kind);
}

/**
 * Turns what the wasm core threw into a VpskitError. A Rust panic arrives as a WebAssembly trap
 * (the module is built with panic=abort): it becomes an `internal` VpskitError, never a raw
 * RuntimeError. The core's own errors arrive as JSON text `{"vpskitError":true,…}`. Anything else is
 * rethrown as it is.
 */
export function fromNative(thrown) {
  if (typeof thrown === 'string' && thrown.startsWith('{"vpskitError":true')) {
    thrown = JSON.parse(thrown);
  }
  if (thrown instanceof WebAssembly.RuntimeError) {
    return new VpskitError('internal', `internal error in vpskit (the wasm core trapped: ${thrown.message}); this is a bug, please report it`, { cause: thrown });
  }
  if (thrown && typeof thrown === 'object' && thrown.vpskitError === true) {
    return new VpskitError(thrown.kind, thrown.message, {
      status: thrown.status ?? null,
      code: thrown.code ?? null,
      retryAfter: thrown.retryAfter ?? null,
      requestSent: thrown.requestSent ?? null,
      requestId: thrown.requestId ?? null,
    });
  }
  return thrown;
}

/** Runs a wasm function, converting what it throws. */
export function native(fn, ...args) {
  try {
    return fn(...args);
  } catch (thrown) {
    throw fromNative(thrown);
  }
}

/** Runs a wasm function that answers with JSON text, and parses it. */
export function nativeJson(fn, ...args) {
  return JSON.parse(native(fn, ...args));
}
