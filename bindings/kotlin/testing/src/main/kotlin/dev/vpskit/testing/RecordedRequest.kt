package dev.vpskit.testing

/**
 * One API request as the mock gateway's request log keeps it: never a key's or a token's value,
 * only whether and how one travelled.
 */
data class RecordedRequest(
    /** Order of arrival since the last reset, from 1. */
    val seq: Long,
    /** The HTTP method (`GET`, `POST`, ...). */
    val method: String,
    /** The full path, query excluded (`/api/v1/servers/fsrv_111/reboot`). */
    val path: String,
    /** The query string with the values of key-like parameters masked; `null` when there was none. */
    val query: String?,
    /** Whether the request had a body. */
    val hasBody: Boolean,
    /** How the `Authorization` header came: `bearer`, `none` or `malformed`. */
    val authorization: String,
    /** Whether a key-like parameter travelled in the query string (a client never sends one). */
    val keyInQuery: Boolean,
    /** Whether a key-like member travelled in the JSON body. */
    val keyInBody: Boolean,
    /** Whether a key or token the mock knows appears anywhere in the URL. */
    val knownKeyInUrl: Boolean,
    /** The [Fault.kind] the request met, or `null`. */
    val fault: String?,
    /** The HTTP status of the answer; `null` when there was none (a dropped connection, a client that hung up). */
    val status: Int?,
) {
    /** The path below the API's base URL (`/servers/fsrv_111/reboot`), as [MockGateway.fault] and the client's calls name it. */
    val apiPath: String get() = path.removePrefix(API_PREFIX)

    /** `METHOD /api/v1/path` (`POST /api/v1/servers/fsrv_111/reboot`): a sequence of these is easy to compare. */
    val methodAndPath: String get() = "$method $path"

    private companion object {
        const val API_PREFIX = "/api/v1"
    }
}

/** How busy the mock gateway has been. */
data class MockStats(
    /** API requests being answered now (a cancelled call's request leaves this count at once). */
    val inFlight: Int,
    /** The most API requests answered at once since the last reset: a client's concurrency cap, measured. */
    val maxInFlight: Int,
)
