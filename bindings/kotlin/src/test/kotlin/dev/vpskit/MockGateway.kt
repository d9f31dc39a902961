package dev.vpskit

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest as JdkRequest
import java.net.http.HttpResponse as JdkResponse
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** The mock gateway, started once for the test JVM on a free loopback port. */
object MockGateway {
    const val KEY = "fs_test_mock_valid_key_0001"
    const val TOKEN = "vps_test_mock_deploy_0002"
    val workspace: File = File(System.getProperty("vpskit.workspace") ?: "../..").canonicalFile
    private val http: HttpClient = HttpClient.newHttpClient()

    val origin: String by lazy {
        val binary = System.getenv("VPSKIT_MOCK_BIN")?.let(::File) ?: File(workspace, "target/debug/vpskit-mock")
        require(binary.canExecute()) { "vpskit-mock is not built: cargo build -p vpskit-mock" }
        val process = ProcessBuilder(binary.path, "--listen", "127.0.0.1:0").redirectErrorStream(true).start()
        Runtime.getRuntime().addShutdownHook(Thread { process.destroy() })
        val first = BufferedReader(InputStreamReader(process.inputStream)).readLine()
        require(first.startsWith("listening on ")) { "unexpected first line: $first" }
        first.removePrefix("listening on ")
    }
    val baseUrl: String get() = "$origin/api/v1"

    fun admin(method: String, path: String, body: String? = null): JsonElement {
        val request = JdkRequest.newBuilder(URI.create(origin + path))
            .method(method, if (body == null) JdkRequest.BodyPublishers.noBody() else JdkRequest.BodyPublishers.ofString(body))
            .build()
        return Json.parseToJsonElement(http.send(request, JdkResponse.BodyHandlers.ofString()).body())
    }

    fun reset() {
        admin("POST", "/__mock/reset")
        admin("DELETE", "/__mock/faults")
        admin("DELETE", "/__mock/requests")
    }

    fun fault(json: String) = admin("POST", "/__mock/faults", json)

    fun requests(): List<JsonObject> = (admin("GET", "/__mock/requests").jsonObject["requests"] as JsonArray).map { it.jsonObject }

    fun sent(method: String, path: String): Int =
        requests().count { it["method"]!!.jsonPrimitive.content == method && it["path"]!!.jsonPrimitive.content == "/api/v1$path" }

    fun vectors(name: String): JsonObject = Json.parseToJsonElement(File(workspace, "tests/vectors/$name").readText()).jsonObject
}

fun JsonElement.array(key: String): JsonArray = jsonObject[key]!!.jsonArray

/** `assertThrows` for code that suspends: the exception of type [T] that [block] throws. */
inline fun <reified T : Throwable> expect(block: () -> Unit): T {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) return e
        throw AssertionError("expected ${T::class.simpleName}, got $e", e)
    }
    throw AssertionError("expected ${T::class.simpleName}, nothing was thrown")
}
