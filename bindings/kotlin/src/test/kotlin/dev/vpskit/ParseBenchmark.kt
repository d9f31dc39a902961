package dev.vpskit

import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.io.File

/**
 * The Kotlin figures: `listServers()` of 1,000 servers through uniffi (over an in-memory transport)
 * next to the same parse with kotlinx-serialization's JSON tree mapped to a data class by hand
 * (unmodelled members kept in a map, as vpskit keeps them), in the same run, on the plain and the
 * realistic bodies of `benches/bodies.py` (`-Dvpskit.bench.bodies=DIR`). Not part of the default
 * test run (surefire runs `*Test` classes); `scripts/bench.sh` runs it with `-Dtest=ParseBenchmark`
 * and reads the JSON it writes.
 */
class ParseBenchmark {
    /** The baseline's model. */
    data class PlainServer(
        val id: String,
        val name: String?,
        val region: String?,
        val product: String,
        val status: String?,
        val allowedActions: List<String>,
        val extra: Map<String, kotlinx.serialization.json.JsonElement>,
    )

    private val known = setOf("id", "name", "region", "product", "status", "allowed_actions")

    private fun plainParse(body: ByteArray): List<PlainServer> {
        val document = Json.parseToJsonElement(body.decodeToString()).jsonObject
        check((document["success"] as? JsonPrimitive)?.content == "true") { "not a success" }
        return (document["data"] as JsonArray).map { element ->
            val d = element.jsonObject
            PlainServer(
                d.getValue("id").jsonPrimitive.content,
                d["name"]?.jsonPrimitive?.contentOrNull,
                d["region"]?.jsonPrimitive?.contentOrNull,
                d.getValue("product").jsonPrimitive.content,
                d["status"]?.jsonPrimitive?.contentOrNull,
                d.getValue("allowed_actions").jsonArray.map { it.jsonPrimitive.content },
                d.filterKeys { it !in known },
            )
        }
    }

    private class MemoryTransport(private val body: ByteArray) : HttpTransport {
        override suspend fun send(request: HttpRequest): HttpResponse =
            HttpResponse(200.toUShort(), listOf(HttpHeader("Content-Type", "application/json")), body)
        override suspend fun sleep(ms: ULong) = kotlinx.coroutines.delay(ms.toLong())
    }

    private fun medianMs(loops: Int, rounds: Int, a: () -> Any, b: () -> Any): Pair<Double, Double> {
        val times = listOf(mutableListOf<Double>(), mutableListOf())
        repeat(rounds) {
            listOf(a, b).forEachIndexed { side, fn ->
                val start = System.nanoTime()
                repeat(loops) { fn() }
                times[side].add((System.nanoTime() - start) / 1e6 / loops)
            }
        }
        return times[0].sorted()[rounds / 2] to times[1].sorted()[rounds / 2]
    }

    @Test
    fun parseThroughUniffi() {
        val smoke = System.getProperty("vpskit.bench.smoke") == "true"
        val out = System.getProperty("vpskit.bench.out") ?: "target/kotlin-bench.json"
        val bodies = System.getProperty("vpskit.bench.bodies") ?: error("-Dvpskit.bench.bodies=DIR is needed")
        val figures = listOf("plain", "realistic").map { kind ->
            val body = File(bodies, "$kind-1000.json").readBytes()
            val client = FaithServerClient("fs_live_bench_key", MemoryTransport(body), "http://127.0.0.1:9/api/v1", false)
            assertEquals(1000, runBlocking { client.listServers() }.size)
            assertEquals(1000, plainParse(body).size)
            // Warm the JIT on both sides before the timed rounds.
            repeat(if (smoke) 1 else 30) { plainParse(body); runBlocking { client.listServers() } }
            val (loops, rounds) = if (smoke) 2 to 3 else 10 to 15
            val (base, ours) = medianMs(loops, rounds, { plainParse(body) }, { runBlocking { client.listServers() } })
            val ratio = ours / base
            println("Kotlin: parse of a 1,000-server list_servers body ($kind): %.2f ms, baseline %.2f ms, ratio %.2fx".format(ours, base, ratio))
            """{"id":"kotlin_parse_1000_$kind","figure":"Kotlin: parse of a 1,000-server list_servers body through uniffi ($kind)",""" +
                """"baseline":"kotlinx-serialization JSON tree + a hand mapping to a data class, unmodelled members kept","unit":"ms",""" +
                """"baseline_value":$base,"value":$ours,"ratio":$ratio,"target":"<= 1.0x","met":${ratio <= 1.0}}"""
        }
        File(out).writeText(
            """{"host":"kotlin","smoke":$smoke,"jvm":"${System.getProperty("java.version")}","figures":[${figures.joinToString(",")}]}""",
        )
    }
}
