package dev.vpskit.testing

import kotlinx.serialization.json.JsonObjectBuilder
import kotlinx.serialization.json.put

/**
 * A fault the mock gateway answers with instead of (or before) its usual answer, queued with
 * [MockGateway.fault] for the next matching API requests.
 *
 * ```kotlin
 * mock.fault(Fault.Status(503), pathPrefix = "/servers", method = "GET")
 * mock.fault(Fault.RateLimit(retryAfterSeconds = 1), count = 2)
 * ```
 */
sealed class Fault {
    /** The `kind` the mock's admin surface names this fault by. */
    abstract val kind: String

    /** Adds this fault's own members to the admin request. */
    internal open fun JsonObjectBuilder.members() {}

    /** A 429 with `Retry-After: [retryAfterSeconds]`. */
    data class RateLimit(
        /** The seconds the `Retry-After` header asks for. */
        val retryAfterSeconds: Long = 1,
    ) : Fault() {
        override val kind: String get() = "rate_limit"
        override fun JsonObjectBuilder.members() { put("retry_after", retryAfterSeconds) }
    }

    /** A JSON error answer with this HTTP [status] (500, 502, 503, ...). */
    data class Status(
        /** The HTTP status of the answer. */
        val status: Int,
    ) : Fault() {
        override val kind: String get() = "status"
        override fun JsonObjectBuilder.members() { put("status", status) }
    }

    /** A 502 HTML page, as a proxy in front of the gateway sends. */
    data object Html : Fault() {
        override val kind: String get() = "html"
    }

    /** The usual answer, after [delayMs] milliseconds (a client's timeout or cancellation meets it). */
    data class Slow(
        /** How long the mock waits before answering, in milliseconds. */
        val delayMs: Long,
    ) : Fault() {
        override val kind: String get() = "slow"
        override fun JsonObjectBuilder.members() { put("delay_ms", delayMs) }
    }

    /** The connection closes with no answer at all. */
    data object Drop : Fault() {
        override val kind: String get() = "drop"
    }

    /** A 200 whose JSON body is cut in the middle. */
    data object Truncate : Fault() {
        override val kind: String get() = "truncate"
    }

    /**
     * The usual answer, except that a server's detail (`GET /servers/{id}`) keeps only `id`,
     * `name` and `status`: the short detail the gateway's documentation leaves room for.
     */
    data object ShortDetail : Fault() {
        override val kind: String get() = "short_detail"
    }

    /** A 302 to another host (a client must not follow it with the key). */
    data class Redirect(
        /** Where to; `null` for the mock's default, a loopback address nothing listens on. */
        val location: String? = null,
    ) : Fault() {
        override val kind: String get() = "redirect"
        override fun JsonObjectBuilder.members() { location?.let { put("location", it) } }
    }
}
