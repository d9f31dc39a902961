package dev.vpskit.testing

import dev.vpskit.FaithServerClient
import dev.vpskit.JavaHttpTransport
import dev.vpskit.VpsOrgClient
import java.io.File
import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.int
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import kotlinx.serialization.json.put

/**
 * A running vpskit mock gateway: the `vpskit-mock` binary on a free loopback port, serving the
 * FaithServer Gateway API and the VPS.org API with the sample fleet, state, faults and a request
 * log. In JUnit tests [VpskitMock] starts and stops it; elsewhere [start] it and [close] it.
 *
 * ```kotlin
 * MockGateway.start().use { mock ->
 *     mock.fault(Fault.Status(503), pathPrefix = "/servers")
 *     runBlocking { mock.client.listServers() }        // retried: 2 requests
 *     check(mock.sent("GET", "/servers") == 2)
 * }
 * ```
 */
class MockGateway private constructor(
    private val process: Process,
    /** `http://127.0.0.1:PORT`: where the mock listens; its admin surface is under `/__mock`. */
    val origin: String,
    private val output: ProcessOutput,
) : AutoCloseable {

    /** The base URL of both APIs (`http://127.0.0.1:PORT/api/v1`), for a client's `baseUrl`. */
    val baseUrl: String = "$origin/api/v1"

    private val admin: HttpClient = HttpClient.newBuilder().connectTimeout(ADMIN_TIMEOUT).build()

    private val sharedClient = lazy { faithServerClient() }

    private val shutdownHook = Thread({ process.destroyForcibly() }, "vpskit-mock shutdown")

    init {
        Runtime.getRuntime().addShutdownHook(shutdownHook)
    }

    /**
     * A [FaithServerClient] for this mock with its valid key ([FAITHSERVER_KEY]), a
     * [JavaHttpTransport] and the preflight on; made on first use and closed with the mock.
     * It lives as long as the mock (for a test class with [VpskitMock]), and so does its state
     * (a 429's pause, the last rate limit): a test that needs its own takes [faithServerClient].
     */
    val client: FaithServerClient by sharedClient

    /** Whether the mock's process is still alive. */
    val isRunning: Boolean get() = process.isAlive

    /**
     * A new [FaithServerClient] for this mock; the caller closes it (`use { }`).
     *
     * @param apiKey the key it sends; [FAITHSERVER_KEY] reaches the sample fleet, [REVOKED_KEY] is refused.
     * @param preflight whether actions check the server's capabilities before they are sent.
     * @param timeout how long one exchange may take.
     */
    @JvmOverloads
    fun faithServerClient(
        apiKey: String = FAITHSERVER_KEY,
        preflight: Boolean = true,
        timeout: Duration = CLIENT_TIMEOUT,
    ): FaithServerClient = FaithServerClient(apiKey, JavaHttpTransport(timeout), baseUrl, preflight)

    /**
     * A new [VpsOrgClient] for this mock; the caller closes it (`use { }`).
     *
     * @param token the token it sends; [VPSORG_TOKEN] may do everything, [EXPIRED_TOKEN] is refused.
     * @param timeout how long one exchange may take.
     */
    @JvmOverloads
    fun vpsOrgClient(token: String = VPSORG_TOKEN, timeout: Duration = CLIENT_TIMEOUT): VpsOrgClient =
        VpsOrgClient(token, JavaHttpTransport(timeout), baseUrl)

    /**
     * Puts the mock back in its sample state: the fleet as seeded, no queued fault, an empty
     * request log and fresh [stats]. [VpskitMock] does it before each test.
     */
    fun reset() {
        admin("POST", "/__mock/reset")
    }

    /**
     * Queues [fault] for the next [count] API requests that match [pathPrefix] and [method]
     * (each `null` matches all). Faults apply in the order queued, each to the requests it matches.
     *
     * @param pathPrefix the start of the path below the base URL, like `/servers` or `/servers/fsrv_111/reboot`.
     * @param method an HTTP method like `POST`.
     * @throws IllegalStateException when the mock refuses the fault (a [count] below 1, for one).
     */
    @JvmOverloads
    fun fault(fault: Fault, count: Int = 1, pathPrefix: String? = null, method: String? = null) {
        val body = buildJsonObject {
            put("kind", fault.kind)
            with(fault) { members() }
            put("count", count)
            pathPrefix?.let { put("path_prefix", it) }
            method?.let { put("method", it) }
        }
        admin("POST", "/__mock/faults", body.toString())
    }

    /** Drops every queued fault that has not applied yet. */
    fun clearFaults() {
        admin("DELETE", "/__mock/faults")
    }

    /** The request log since the last reset or [clearRequests], oldest first (the most recent 10,000). */
    fun requests(): List<RecordedRequest> =
        admin("GET", "/__mock/requests").jsonObject.getValue("requests").jsonArray.map { it.jsonObject.toRecordedRequest() }

    /** Empties the request log (the fleet's state stays as it is). */
    fun clearRequests() {
        admin("DELETE", "/__mock/requests")
    }

    /**
     * How many requests of the log have this [method] and [apiPath], the path below the base URL
     * (`sent("POST", "/servers/fsrv_111/reboot")`).
     */
    fun sent(method: String, apiPath: String): Int = requests().count { it.method == method && it.apiPath == apiPath }

    /** Requests in flight now, and the most at once since the last reset. */
    fun stats(): MockStats {
        val stats = admin("GET", "/__mock/stats").jsonObject
        return MockStats(stats.getValue("in_flight").jsonPrimitive.int, stats.getValue("max_in_flight").jsonPrimitive.int)
    }

    /** Closes [client] if it was made, and stops the mock (waiting up to five seconds for it to exit). */
    override fun close() {
        if (sharedClient.isInitialized()) sharedClient.value.close()
        process.destroy()
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly().waitFor()
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook)
        } catch (_: IllegalStateException) {
            // The JVM is already shutting down: the hook runs, and does no harm on a dead process.
        }
    }

    /** The mock's process id and address, for failure messages. */
    override fun toString(): String = "MockGateway(pid=${process.pid()}, baseUrl=$baseUrl)"

    private fun admin(method: String, path: String, body: String? = null): JsonElement {
        val request = HttpRequest.newBuilder(URI.create(origin + path))
            .timeout(ADMIN_TIMEOUT)
            .method(method, body?.let(HttpRequest.BodyPublishers::ofString) ?: HttpRequest.BodyPublishers.noBody())
            .apply { if (body != null) header("Content-Type", "application/json") }
            .build()
        val response = try {
            admin.send(request, HttpResponse.BodyHandlers.ofString())
        } catch (e: IOException) {
            throw IllegalStateException("the mock gateway did not answer $method $path${output.describeExit()}", e)
        }
        check(response.statusCode() in 200..299) { "the mock gateway refused $method $path: ${response.statusCode()} ${response.body()}" }
        return Json.parseToJsonElement(response.body())
    }

    /** Constants and [start]. */
    companion object {
        /** The environment variable naming the `vpskit-mock` binary. */
        const val BINARY_ENV: String = "VPSKIT_MOCK_BIN"

        /** The binary's name, looked for on `PATH` when [BINARY_ENV] is not set. */
        const val BINARY_NAME: String = "vpskit-mock"

        /** The FaithServer key that reaches the sample fleet. */
        const val FAITHSERVER_KEY: String = "fs_test_mock_valid_key_0001"

        /** A revoked FaithServer key: every call is refused with `Invalid API key.` (401). */
        const val REVOKED_KEY: String = "fs_test_mock_revoked_key_0002"

        /** The VPS.org token with every permission (`*:*`). */
        const val VPSORG_TOKEN: String = "vps_test_mock_full_0001"

        /** An expired VPS.org token (401). */
        const val EXPIRED_TOKEN: String = "vps_test_mock_expired_0004"

        private val CLIENT_TIMEOUT: Duration = Duration.ofSeconds(10)
        private val ADMIN_TIMEOUT: Duration = Duration.ofSeconds(10)
        private val STOP_TIMEOUT: Duration = Duration.ofSeconds(5)
        private const val LISTENING = "listening on "

        /**
         * Starts the mock [binary] on a free loopback port and waits until it listens.
         *
         * @param binary the `vpskit-mock` executable; by default [findBinary]'s.
         * @param startTimeout how long to wait for its first line (`listening on http://127.0.0.1:PORT`).
         * @throws IllegalStateException when it cannot be started, or exits or stays silent instead of listening.
         */
        @JvmStatic
        @JvmOverloads
        fun start(binary: Path = findBinary(), startTimeout: Duration = Duration.ofSeconds(30)): MockGateway {
            val process = try {
                ProcessBuilder(binary.toString(), "--listen", "127.0.0.1:0").redirectErrorStream(true).start()
            } catch (e: IOException) {
                throw IllegalStateException("could not start the mock gateway $binary: ${e.message}", e)
            }
            val output = ProcessOutput(process)
            val first = try {
                output.firstLine.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS)
            } catch (e: TimeoutException) {
                process.destroyForcibly()
                throw IllegalStateException("the mock gateway $binary printed nothing within $startTimeout", e)
            } catch (e: ExecutionException) {
                throw IllegalStateException("the mock gateway $binary stopped before listening${output.describeExit()}", e.cause)
            }
            if (!first.startsWith(LISTENING)) {
                process.destroyForcibly()
                throw IllegalStateException("the mock gateway $binary is not vpskit-mock: its first line is '$first'")
            }
            return MockGateway(process, first.removePrefix(LISTENING).trim(), output)
        }

        /**
         * The `vpskit-mock` binary: the file [BINARY_ENV] names, or [BINARY_NAME] on `PATH`.
         *
         * @throws IllegalStateException naming both ways when there is none, or when [BINARY_ENV]
         *   names a file that is not executable.
         */
        @JvmStatic
        fun findBinary(): Path = findBinary(System.getenv())

        internal fun findBinary(env: Map<String, String>): Path {
            env[BINARY_ENV]?.takeIf { it.isNotBlank() }?.let { named ->
                val path = Path.of(named)
                check(Files.isRegularFile(path) && Files.isExecutable(path)) {
                    "$BINARY_ENV=$named is not an executable file: build the mock gateway with " +
                        "`cargo build -p vpskit-mock` in the vpskit repository and point $BINARY_ENV at target/debug/vpskit-mock"
                }
                return path
            }
            val names = if (System.getProperty("os.name").startsWith("Windows")) listOf("$BINARY_NAME.exe", BINARY_NAME) else listOf(BINARY_NAME)
            val onPath = env["PATH"].orEmpty().split(File.pathSeparator).filter { it.isNotEmpty() }
                .flatMap { dir -> names.map { Path.of(dir, it) } }
                .firstOrNull { Files.isRegularFile(it) && Files.isExecutable(it) }
            return onPath ?: throw IllegalStateException(
                "the vpskit mock gateway is not installed: set $BINARY_ENV to the vpskit-mock binary " +
                    "(`cargo build -p vpskit-mock` in the vpskit repository builds target/debug/vpskit-mock) " +
                    "or put $BINARY_NAME on PATH"
            )
        }
    }
}

/**
 * Reads the mock's output on a daemon thread so that its pipe never fills: the first line
 * (its address) completes [firstLine]; the last lines are kept for failure messages.
 */
private class ProcessOutput(private val process: Process) {
    val firstLine = CompletableFuture<String>()
    private val tail = ArrayDeque<String>()

    init {
        Thread({
            try {
                process.inputStream.bufferedReader().forEachLine { line ->
                    if (!firstLine.complete(line)) synchronized(tail) {
                        tail.addLast(line)
                        if (tail.size > TAIL_LINES) tail.removeFirst()
                    }
                }
            } catch (_: IOException) {
                // The process went away.
            }
            firstLine.completeExceptionally(IllegalStateException("the mock gateway's output ended"))
        }, "vpskit-mock output").apply { isDaemon = true }.start()
    }

    /** `: exit code N, output: ...` once the process has ended (waiting a moment for it), else nothing. */
    fun describeExit(): String {
        if (!process.waitFor(200, TimeUnit.MILLISECONDS)) return ""
        val lines = synchronized(tail) { tail.toList() }
        return ": exit code ${process.exitValue()}" + if (lines.isEmpty()) "" else ", output: ${lines.joinToString(" | ")}"
    }

    private companion object {
        const val TAIL_LINES = 20
    }
}

private fun JsonObject.toRecordedRequest(): RecordedRequest {
    fun text(name: String): String? = (get(name) as? JsonPrimitive)?.contentOrNull
    fun flag(name: String): Boolean = (get(name) as? JsonPrimitive)?.booleanOrNull ?: false
    return RecordedRequest(
        seq = getValue("seq").jsonPrimitive.long,
        method = text("method").orEmpty(),
        path = text("path").orEmpty(),
        query = text("query"),
        hasBody = flag("has_body"),
        authorization = text("authorization").orEmpty(),
        keyInQuery = flag("key_in_query"),
        keyInBody = flag("key_in_body"),
        knownKeyInUrl = flag("known_key_in_url"),
        fault = (get("fault") as? JsonObject)?.get("kind")?.jsonPrimitive?.contentOrNull,
        status = (get("status") as? JsonPrimitive)?.intOrNull,
    )
}
