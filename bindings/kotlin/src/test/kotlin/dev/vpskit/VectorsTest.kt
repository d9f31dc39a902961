package dev.vpskit

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test

/** Every conformance vector, through the generated bindings (which hand each one to the core). */
class VectorsTest {
    private fun str(e: JsonElement?): String? = (e as? JsonPrimitive)?.takeIf { it !is JsonNull }?.content

    private fun kind(e: VpskitException): String = when (e) {
        is VpskitException.Auth -> "auth"
        is VpskitException.NotFound -> "not_found"
        is VpskitException.NotAllowed -> "not_allowed"
        is VpskitException.RateLimited -> "rate_limited"
        is VpskitException.Server -> "server"
        is VpskitException.Validation -> "validation"
        is VpskitException.Decode -> "decode"
        is VpskitException.Transport -> "transport"
        is VpskitException.Aborted -> "aborted"
        is VpskitException.Internal -> "internal"
    }

    private fun fields(e: VpskitException): Triple<Int?, String?, String> = when (e) {
        is VpskitException.Auth -> Triple(e.status?.toInt(), e.code, e.detail)
        is VpskitException.NotFound -> Triple(e.status?.toInt(), e.code, e.detail)
        is VpskitException.NotAllowed -> Triple(e.status?.toInt(), e.code, e.detail)
        is VpskitException.RateLimited -> Triple(e.status?.toInt(), null, e.detail)
        is VpskitException.Server -> Triple(e.status?.toInt(), null, e.detail)
        is VpskitException.Validation -> Triple(e.status?.toInt(), null, e.detail)
        is VpskitException.Decode -> Triple(e.status?.toInt(), null, e.detail)
        is VpskitException.Transport -> Triple(null, null, e.detail)
        is VpskitException.Aborted -> Triple(null, null, e.detail)
        is VpskitException.Internal -> Triple(null, null, e.detail)
    }

    private fun checkError(name: String, e: VpskitException, expect: JsonObject, key: String? = null) {
        val want = expect["error"]!!.jsonObject
        assertEquals(str(want["kind"]), kind(e), "$name: kind (${e.message})")
        val (status, code, detail) = fields(e)
        want["status"]?.let { assertEquals(it.jsonPrimitive.intOrNull, status, "$name: status") }
        want["code"]?.let { assertEquals(str(it), code, "$name: code") }
        want["message"]?.let { assertEquals(str(it), detail, "$name: message") }
        want["message_contains"]?.jsonArray?.forEach { assertTrue(detail.contains(str(it)!!), "$name: $detail lacks $it") }
        want["message_excludes"]?.jsonArray?.forEach { assertFalse(e.toString().contains(str(it)!!), "$name: shows $it") }
        want["retry_after_seconds"]?.let {
            val got = when (e) { is VpskitException.RateLimited -> e.retryAfterSeconds; is VpskitException.Server -> e.retryAfterSeconds; else -> null }
            assertEquals(it.jsonPrimitive.longOrNull, got?.toLong(), name)
        }
        want["request_id"]?.let {
            val got = when (e) {
                is VpskitException.Auth -> e.requestId; is VpskitException.NotFound -> e.requestId
                is VpskitException.NotAllowed -> e.requestId; is VpskitException.RateLimited -> e.requestId
                is VpskitException.Server -> e.requestId; is VpskitException.Validation -> e.requestId
                is VpskitException.Decode -> e.requestId; else -> null
            }
            assertEquals(str(it), got, "$name: request id")
            assertTrue(e.message!!.contains(str(it)!!), "$name: request id printed")
        }
        if (key != null && key.isNotEmpty()) assertFalse(e.toString().contains(key) || detail.contains(key), "$name: error shows the key")
    }

    private fun same(a: JsonElement, b: JsonElement): Boolean = when {
        a is JsonObject && b is JsonObject -> a.keys == b.keys && a.keys.all { same(a[it]!!, b[it]!!) }
        a is JsonArray && b is JsonArray -> a.size == b.size && a.indices.all { same(a[it], b[it]) }
        a is JsonPrimitive && b is JsonPrimitive && !a.isString && !b.isString && a.doubleOrNull != null && b.doubleOrNull != null ->
            a.doubleOrNull == b.doubleOrNull
        else -> a == b
    }

    @Test
    fun requestVectors() {
        val version = vpskitVersion()
        for (v in MockGateway.vectors("requests.json").array("vectors").map { it.jsonObject }) {
            val name = str(v["name"])!!
            val cfg = v["config"]!!.jsonObject
            val key = str(cfg["key"])
            val expect = v["expect"]!!.jsonObject
            val request = try {
                buildRequest(v["call"].toString(), str(cfg["api"])!!, key, str(cfg["base_url"]), "")
            } catch (e: VpskitException) {
                if (expect["error"] == null) fail<Unit>("$name: unexpected ${e.message}")
                checkError(name, e, expect, key)
                continue
            }
            val want = expect["request"]?.jsonObject ?: fail("$name: expected an error")
            assertEquals(str(want["method"]), request.method(), name)
            assertEquals(str(want["url"]), request.url(), name)
            val headers = request.headers().map { listOf(it.name, it.value) }
            val wantHeaders = want["headers"]!!.jsonArray.map { h -> h.jsonArray.map { str(it)!!.replace("\${VERSION}", version) } }
            assertEquals(wantHeaders, headers, name)
            val body = request.body()?.let { Json.parseToJsonElement(String(it)) } ?: JsonNull
            assertEquals(want["body"], body, name)
            assertEquals(want["idempotent"]!!.jsonPrimitive.booleanOrNull, request.idempotent(), name)
            if (key != null) assertFalse(request.toString().contains(key), "$name: toString shows the key")
        }
    }

    @Test
    fun responseVectors() {
        for (v in MockGateway.vectors("responses.json").array("vectors").map { it.jsonObject }) {
            val name = str(v["name"])!!
            val r = v["response"]!!.jsonObject
            val body = when {
                r["body"] != null -> str(r["body"])!!.toByteArray()
                r["body_json"] != null -> r["body_json"].toString().toByteArray()
                r["body_fill"] != null -> ByteArray(r["body_fill"]!!.jsonObject["size"]!!.jsonPrimitive.intOrNull!!) { str(r["body_fill"]!!.jsonObject["byte"])!![0].code.toByte() }
                else -> java.util.Base64.getDecoder().decode(str(r["body_base64"]))
            }
            val headers = r["headers"]!!.jsonArray.map { h -> HttpHeader(str(h.jsonArray[0])!!, str(h.jsonArray[1])!!) }
            val expect = v["expect"]!!.jsonObject
            try {
                val text = parseResponse(v["call"].toString(), HttpResponse(r["status"]!!.jsonPrimitive.intOrNull!!.toUShort(), headers, body))
                val want = expect["result"] ?: fail("$name: expected an error, got $text")
                assertTrue(same(Json.parseToJsonElement(text), want), "$name:\n got  $text\n want $want")
            } catch (e: VpskitException) {
                if (expect["error"] == null) fail<Unit>("$name: unexpected ${e.message}")
                checkError(name, e, expect)
            }
        }
    }

    private fun server(json: JsonObject) = Server(
        id = str(json["id"])!!,
        name = str(json["name"]),
        region = str(json["region"]),
        product = parseProduct(str(json["product"])!!),
        status = str(json["status"])?.let(::parseServerStatus),
        allowedActions = json["allowed_actions"]!!.jsonArray.map { parseAction(str(it)!!) },
        extra = null,
    )

    private fun support(s: Support?): String? = when (s) {
        null -> null
        Support.YES -> "yes"
        Support.IF_AVAILABLE -> "if_available"
        Support.LIMITED -> "limited"
        Support.PLANNED -> "planned"
        Support.NO -> "no"
    }

    @Test
    fun capabilityVectors() {
        val caps = MockGateway.vectors("capabilities.json")
        for (v in caps.array("support").map { it.jsonObject }) {
            assertEquals(str(v["expect"]!!.jsonObject["support"]), support(productSupport(parseProduct(str(v["product"])!!), parseAction(str(v["action"])!!))), v.toString())
        }
        for (v in caps.array("check").map { it.jsonObject }) {
            val name = str(v["name"])!!
            val verdict = check(server(v["server"]!!.jsonObject), parseAction(str(v["action"])!!))
            val want = v["expect"]!!.jsonObject
            assertEquals(want["allowed"]!!.jsonPrimitive.booleanOrNull, verdict.allowed, "$name: ${verdict.reason}")
            assertEquals(str(want["support"]), support(verdict.support), "$name: support")
            want["reason"]?.let { assertEquals(str(it), verdict.reason, name) }
            want["reason_contains"]?.jsonArray?.forEach { assertTrue(verdict.reason.contains(str(it)!!), name) }
        }
        for (v in caps.array("preflight").map { it.jsonObject }) {
            val name = str(v["name"])!!
            try {
                preflight(v["call"].toString(), server(v["server"]!!.jsonObject))
                assertEquals(true, v["expect"]!!.jsonObject["ok"]?.jsonPrimitive?.booleanOrNull, "$name: expected an error")
            } catch (e: VpskitException) {
                checkError(name, e, v["expect"]!!.jsonObject)
            }
        }
    }

    @Test
    fun permissionVectors() {
        val perms = MockGateway.vectors("permissions.json")
        for (v in perms.array("allows").map { it.jsonObject }) {
            val name = str(v["name"])!!
            val list = v["permissions"]!!.jsonArray.map { str(it)!! }
            try {
                assertEquals(v["expect"]!!.jsonObject["allowed"]?.jsonPrimitive?.booleanOrNull, permissionsAllow(list, str(v["query"])!!), name)
            } catch (e: VpskitException) {
                checkError(name, e, v["expect"]!!.jsonObject)
            }
        }
        for (v in perms.array("expiry").map { it.jsonObject }) {
            val name = str(v["name"])!!
            val t = v["token"]!!.jsonObject
            val token = Token(str(t["name"])!!, t["permissions"]!!.jsonArray.map { str(it)!! }, str(t["created_at"]), str(t["last_used_at"]), str(t["expires_at"]), t["is_expired"]!!.jsonPrimitive.booleanOrNull!!)
            val now = java.time.Instant.parse(str(v["now"])).epochSecond
            try {
                assertEquals(v["expect"]!!.jsonObject["expires_within"]?.jsonPrimitive?.booleanOrNull, tokenExpiresWithin(token, v["days"]!!.jsonPrimitive.intOrNull!!.toUInt(), now), name)
            } catch (e: VpskitException) {
                checkError(name, e, v["expect"]!!.jsonObject)
            }
        }
    }

    @Test
    fun retryVectors() {
        for (v in MockGateway.vectors("retry.json").array("vectors").map { it.jsonObject }) {
            val o = v["outcome"]!!.jsonObject
            val error = if (str(o["type"]) == "status") {
                val status = o["status"]!!.jsonPrimitive.intOrNull!!.toUShort()
                val retryAfter = o["retry_after_seconds"]?.jsonPrimitive?.longOrNull?.toULong()
                if (status.toInt() == 429) VpskitException.RateLimited(status, retryAfter, null, "") else VpskitException.Server(status, retryAfter, null, "")
            } else {
                VpskitException.Transport(str(o["sent"]) == "maybe", "")
            }
            val seed = java.math.BigInteger(v["seed"]!!.jsonPrimitive.content).toLong().toULong()
            val wait = retryDecision(v["idempotent"]!!.jsonPrimitive.booleanOrNull!!, v["attempt"]!!.jsonPrimitive.intOrNull!!.toUInt(), error, seed)
            val want = v["expect"]!!.jsonObject
            val expected = if (str(want["decision"]) == "retry") want["after_ms"]!!.jsonPrimitive.longOrNull!!.toULong() else null
            assertEquals(expected, wait, str(v["name"]))
        }
    }

    @Test
    fun jobVectors() {
        for (v in MockGateway.vectors("jobs.json").array("vectors").map { it.jsonObject }) {
            val poll = judgeJob(v["job"].toString(), v["polls"]!!.jsonPrimitive.intOrNull!!.toUInt(),
                v["elapsed_ms"]!!.jsonPrimitive.longOrNull!!.toULong(), v["timeout_ms"]!!.jsonPrimitive.longOrNull!!.toULong())
            val want = v["expect"]!!.jsonObject
            val got = when (poll) {
                is JobPoll.Done -> mapOf("state" to "done")
                is JobPoll.Failed -> mapOf("state" to "failed", "reason" to poll.reason)
                is JobPoll.PollAfter -> mapOf("state" to "poll_after", "after_ms" to poll.afterMs.toString())
                is JobPoll.TimedOut -> mapOf("state" to "timed_out")
            }
            assertEquals(want.mapValues { str(it.value) }, got, str(v["name"]))
        }
    }

    @Test
    fun throttleVectors() {
        for (v in MockGateway.vectors("throttle.json").array("vectors").map { it.jsonObject }) {
            val name = str(v["name"])!!
            val pace = try {
                Throttle((v["max_requests_per_second"] as? JsonPrimitive)?.doubleOrNull)
            } catch (e: VpskitException) {
                checkError(name, e, v["expect"]!!.jsonObject)
                continue
            }
            for (entry in v["script"]!!.jsonArray.map { it.jsonObject }) {
                val admit = entry["admit"]
                if (admit != null) {
                    assertEquals(entry["wait"]!!.jsonPrimitive.longOrNull!!.toULong(), pace.admit(admit.jsonPrimitive.longOrNull!!.toULong()), "$name: $entry")
                } else {
                    val o = entry["observe"]!!.jsonObject
                    val headers = o["headers"]!!.jsonArray.map { h -> HttpHeader(str(h.jsonArray[0])!!, str(h.jsonArray[1])!!) }
                    pace.observe(HttpResponse(o["status"]!!.jsonPrimitive.intOrNull!!.toUShort(), headers, ByteArray(0)), entry["at"]!!.jsonPrimitive.longOrNull!!.toULong())
                }
            }
        }
    }

    /** Drives the core's flow (`CallFlow`) through each script of `flows.json`, step by step. */
    @Test
    fun flowVectors() {
        val vectors = MockGateway.vectors("flows.json").array("vectors").map { it.jsonObject }
        assertTrue(vectors.size >= 30)
        for (v in vectors) runFlow(v)
    }

    private fun eventJson(e: FlowEvent): JsonElement = JsonObject(mapOf(
        "operation" to JsonPrimitive(e.operation), "method" to JsonPrimitive(e.method), "path" to JsonPrimitive(e.path),
        "purpose" to JsonPrimitive(e.purpose), "attempt" to JsonPrimitive(e.attempt.toInt()),
        "status" to (e.status?.let { JsonPrimitive(it.toInt()) } ?: JsonNull),
        "request_id" to (e.requestId?.let { JsonPrimitive(it) } ?: JsonNull),
        "decision" to JsonPrimitive(e.decision),
        "after_ms" to (e.afterMs?.let { JsonPrimitive(it.toLong()) } ?: JsonNull),
        "error_kind" to (e.errorKind?.let { JsonPrimitive(it) } ?: JsonNull),
    ))

    private fun body(answer: JsonObject): ByteArray =
        if (answer["body_json"] != null) answer["body_json"].toString().toByteArray() else (str(answer["body"]) ?: "").toByteArray()

    private fun runFlow(v: JsonObject) {
        val name = str(v["name"])!!
        val cfg = v["config"]!!.jsonObject
        val key = str(cfg["key"])!!
        val options = v["options"]!!.jsonObject
        val seed = options["seed"]!!.jsonPrimitive.longOrNull!!.toULong()
        var pending: Any? = null // the step the flow gave and the script has not matched yet, or its error
        val flow: CallFlow? = try {
            val wait = v["wait_for_job"]?.jsonObject
            val waits = v["wait_for_jobs"]?.jsonObject
            if (waits != null) CallFlow.jobs(waits["job_ids"]!!.jsonArray.map { str(it)!! }, key, str(cfg["base_url"]), seed, waits["timeout_ms"]!!.jsonPrimitive.longOrNull!!.toULong())
            else if (wait != null) CallFlow.job(str(wait["job_id"])!!, key, str(cfg["base_url"]), seed, wait["timeout_ms"]!!.jsonPrimitive.longOrNull!!.toULong())
            else CallFlow(v["call"].toString(), str(cfg["api"])!!, key, str(cfg["base_url"]), options["preflight"]!!.jsonPrimitive.booleanOrNull!!, seed, v["server"]?.toString())
        } catch (e: VpskitException) {
            pending = e
            null
        }
        val events = mutableListOf<JsonElement>()
        fun next(): Any = try { flow!!.step() } catch (e: VpskitException) { e } finally {
            flow?.takeEvent()?.let { events.add(eventJson(it)) }
        }
        for (entry in v["script"]!!.jsonArray.map { it.jsonObject }) {
            if (entry["cancel"] != null && entry["send"] == null && entry["sleep"] == null) {
                if (pending == null) flow!!.cancel()
                continue
            }
            val step = pending ?: next()
            pending = null
            when {
                entry["send"] != null -> {
                    val s = step as? FlowStep.Send ?: fail("$name: expected $entry, got $step")
                    val want = entry["send"]!!.jsonObject
                    assertEquals(str(want["method"]), s.request.method(), "$name: method")
                    assertEquals(str(want["url"]), s.request.url(), "$name: url")
                    assertEquals(str(want["purpose"]), s.purpose, "$name: purpose")
                    assertEquals(want["attempt"]!!.jsonPrimitive.intOrNull, s.attempt.toInt(), "$name: attempt")
                    val answer = entry["answer"]?.jsonObject
                    val failure = entry["fail"]?.jsonObject
                    when {
                        answer != null -> flow!!.received(HttpResponse(
                            answer["status"]!!.jsonPrimitive.intOrNull!!.toUShort(),
                            answer["headers"]!!.jsonArray.map { h -> HttpHeader(str(h.jsonArray[0])!!, str(h.jsonArray[1])!!) },
                            body(answer),
                        ))
                        failure != null -> flow!!.failed(str(failure["message"])!!, str(failure["sent"]) == "maybe")
                        else -> flow!!.cancel()
                    }
                }
                entry["sleep"] != null -> {
                    val s = step as? FlowStep.Sleep ?: fail("$name: expected $entry, got $step")
                    assertEquals(entry["sleep"]!!.jsonPrimitive.longOrNull, s.ms.toLong(), "$name: sleep")
                    if (entry["cancel"] != null) flow!!.cancel()
                }
                entry["progress"] != null -> {
                    val s = step as? FlowStep.Progress ?: fail("$name: expected $entry, got $step")
                    val polled = Json.parseToJsonElement(s.json)
                    val status = str((if (polled is JsonArray) polled[0].jsonObject["job"]!! else polled).jsonObject["status"])
                    assertEquals(str(entry["progress"]!!.jsonObject["status"]), status, "$name: progress")
                }
                else -> {
                    val want = entry["done"]!!.jsonObject
                    if (want["error"] != null) {
                        val e = step as? VpskitException ?: fail("$name: expected an error, got $step")
                        checkError(name, e, want, key)
                    } else {
                        val s = step as? FlowStep.Done ?: fail("$name: expected done, got $step")
                        want["status"]?.let { assertEquals(str(it), str(Json.parseToJsonElement(s.json).jsonObject["status"]), "$name: status") }
                        want["outcomes"]?.jsonArray?.let { expected ->
                            val got = Json.parseToJsonElement(s.json).jsonArray
                            assertEquals(expected.size, got.size, "$name: one outcome per job")
                            for ((o, e) in got.zip(expected)) {
                                val error = o.jsonObject["error"]?.jsonObject
                                val wantError = e.jsonObject["error"]?.jsonObject
                                if (wantError == null) {
                                    assertEquals(str(e.jsonObject["status"]), str(o.jsonObject["job"]!!.jsonObject["status"]), "$name: a job")
                                } else {
                                    assertEquals(str(wantError["kind"]), str(error!!["kind"]), "$name: kind")
                                    wantError["status"]?.let { st -> assertEquals(st.jsonPrimitive.intOrNull, error["status"]?.jsonPrimitive?.intOrNull, "$name: status") }
                                    wantError["message_contains"]?.jsonArray?.forEach { part -> assertTrue(str(error["message"])!!.contains(str(part)!!), "$name: message") }
                                }
                            }
                        }
                    }
                    assertFalse(events.toString().contains(key), "$name: an event shows the key")
                    v["events"]?.let { assertEquals(it, JsonArray(events), "$name: events") }
                    flow?.destroy()
                    return
                }
            }
        }
        fail<Unit>("$name: the script ended before the flow did")
    }
}
