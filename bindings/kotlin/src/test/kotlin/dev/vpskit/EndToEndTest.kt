package dev.vpskit

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.time.Duration

/** Every operation against the mock through the java.net.http transport. */
class EndToEndTest {
    private fun client(preflight: Boolean = true, key: String = MockGateway.KEY) =
        FaithServerClient(key, JavaHttpTransport(Duration.ofSeconds(10)), MockGateway.baseUrl, preflight)

    @BeforeEach
    fun reset() = MockGateway.reset()

    @Test
    fun everyOperation() = runBlocking<Unit> {
        client().use { c ->
            val servers = c.listServers()
            assertEquals(listOf("fsrv_111", "fsrv_112", "fsrv_158"), servers.take(3).map { it.id })
            assertEquals(Product.PremiumVps, servers[0].product)
            assertTrue(Action.Console in servers[0].allowedActions)
            assertEquals("VPS AMD 1", c.getServer("fsrv_111").name)
            assertEquals(ServerStatus.Running, c.getStatus("fsrv_111").status)
            assertEquals("Flexible DS E3", c.getOverview("fsrv_220").plan)
            assertEquals("Stop command accepted.", c.stop("fsrv_111").message)
            assertEquals("Start command accepted.", c.start("fsrv_111").message)
            assertEquals(1L, c.reboot("fsrv_158").budgetOutput?.status)
            assertEquals(Action.Wol, c.wakeOnLan("fsrv_221").action)
            val console = c.getConsole("fsrv_111")
            assertTrue(console.url.expose().contains("token="))
            c.enableRescue("fsrv_111")
            assertEquals(true, c.getRescueStatus("fsrv_111").pendingReboot)
            c.disableRescue("fsrv_111")
            assertEquals(listOf("1109", "1024", "1056", "100001"), c.listImages("fsrv_158").images.map { it.id })
            val job = c.reinstall("fsrv_111", imageId = "UBUNTU_24_04_64BIT").jobId!!
            val seen = mutableListOf<GatewayJob>()
            val progress = object : JobListener { override fun onUpdate(job: GatewayJob) { seen.add(job) } }
            assertEquals(JobStatus.Completed, c.waitForJob(job, 10_000uL, 10uL, progress).status)
            assertEquals(listOf(JobStatus.Running), seen.map { it.status })
            val next = c.reinstall("fsrv_111", imageId = "UBUNTU_24_04_64BIT").jobId!!
            val outcomes = c.waitForJobs(listOf(next, "job_missing"), 10_000uL, 10uL, null)
            assertEquals(listOf(next, "job_missing"), outcomes.map { it.jobId })
            assertEquals(JobStatus.Completed, outcomes[0].job!!.status)
            assertEquals("not_found", outcomes[1].errorKind)
            c.reinstall("fsrv_158", osId = "1109", password = Secret("PasswordKuat123!"))
            val generated = c.resetPassword("fsrv_111").generatedPassword!!
            assertTrue(generated.expose().startsWith("Gen-"))
            c.resetPassword("fsrv_158", password = Secret("PasswordKuat123!"))
            assertEquals(generated, c.listCredentials("fsrv_111")[0].password)
            assertEquals("admin", c.getCredential("fsrv_111", "panel", "admin").username)
            assertEquals("month", c.getTraffic("fsrv_111", period = "month").period)
            assertEquals("202605", c.getTraffic("fsrv_158", month = "202605").month)
            assertEquals(4.toUByte(), c.listIps("fsrv_158")[0].version)
            assertNotNull(c.getMonitor("fsrv_158").cpuPercent)
            assertTrue(c.listTasks("fsrv_158").any { it.action == "reboot" })
            assertTrue(c.listServerActions("fsrv_111").any { it.action == "reinstall" })
            assertTrue(c.listLogs().isNotEmpty())
            assertEquals(3, c.listJobs().size)
            assertEquals(job, c.getJob(job).id)
            assertEquals(200.toUShort(), c.raw("GET", "/servers/fsrv_111", null).status)
        }
        for (r in MockGateway.requests()) {
            assertEquals("\"bearer\"", r["authorization"].toString())
            assertEquals("false", r["key_in_query"].toString())
            assertEquals("false", r["known_key_in_url"].toString())
        }
    }

    @Test
    fun bulkWithinTheCaps() = runBlocking<Unit> {
        MockGateway.fault("""{"kind": "slow", "delay_ms": 100, "count": 100}""")
        val c = FaithServerClient(MockGateway.KEY, JavaHttpTransport(Duration.ofSeconds(10)), MockGateway.baseUrl, false, null, 1u, null)
        val ids = listOf("fsrv_111", "fsrv_112", "fsrv_900", "..")
        val outcomes = c.bulk("get_status", ids, 4u)
        assertEquals(ids, outcomes.map { it.serverId })
        assertEquals(listOf(null, null, "not_found", "validation"), outcomes.map { it.errorKind })
        assertTrue(outcomes[0].resultJson!!.contains("status"))
        assertEquals(1, MockGateway.admin("GET", "/__mock/stats").jsonObject["max_in_flight"]!!.jsonPrimitive.intOrNull)
        expect<VpskitException.Validation> { c.bulk("list_servers", ids, 2u) }
        expect<VpskitException.Validation> { c.bulk("reboot", ids, 0u) }
        expect<VpskitException.Validation> {
            FaithServerClient(MockGateway.KEY, JavaHttpTransport(), MockGateway.baseUrl, true, null, 0u, null)
        }
    }

    @Test
    fun eventsAreRedacted() = runBlocking<Unit> {
        val events = java.util.Collections.synchronizedList(mutableListOf<FlowEvent>())
        val listener = object : EventListener { override fun onEvent(event: FlowEvent) { events.add(event) } }
        val c = FaithServerClient(MockGateway.KEY, JavaHttpTransport(Duration.ofSeconds(10)), MockGateway.baseUrl, true, listener)
        c.reboot("fsrv_111")
        val console = c.getConsole("fsrv_111").url.expose()
        c.resetPassword("fsrv_158", password = Secret("AnotherPass456!"))
        assertEquals(listOf("preflight_detail" to "continue", "call" to "done"), events.take(2).map { it.purpose to it.decision })
        assertTrue(events.all { it.requestId!!.startsWith("req_") })
        val text = events.toString()
        for (secret in listOf(MockGateway.KEY, console, "AnotherPass456!")) assertFalse(text.contains(secret), "an event shows a secret")
    }

    @Test
    fun errorsAndPreflight() = runBlocking<Unit> {
        val c = client()
        val refused = expect<VpskitException.NotAllowed> { c.getConsole("fsrv_158") }
        assertEquals("console is not available for Budget VPS", refused.detail)
        val gateway = expect<VpskitException.NotAllowed> { client(preflight = false).getConsole("fsrv_158") }
        assertEquals("console_not_available", gateway.code)
        val notFound = expect<VpskitException.NotFound> { c.getServer("fsrv_900") }
        assertEquals(404.toUShort(), notFound.status)
        assertTrue(notFound.requestId!!.startsWith("req_") && notFound.message.contains(notFound.requestId))
        val state = c.rateLimit()!!
        assertEquals(600uL, state.limit)
        assertEquals(60uL, state.resetSeconds)
        expect<VpskitException.Validation> { c.reinstall("fsrv_158", imageId = "UBUNTU_24_04_64BIT") }
        expect<VpskitException.Validation> { c.getServer("..") }
        expect<VpskitException.Auth> { client(key = "fs_test_mock_revoked_key_0002").listServers() }
        expect<VpskitException.Validation> { FaithServerClient(MockGateway.KEY, JavaHttpTransport(), "http://api.faithserver.com/api/v1", true) }
    }

    @Test
    fun vpsOrgAccount() = runBlocking<Unit> {
        val me = VpsOrgClient(MockGateway.TOKEN, JavaHttpTransport(), MockGateway.baseUrl).getAccount()
        assertEquals("john@example.com", me.account.email)
        assertTrue(permissionsAllow(me.token.permissions, "dns:create"))
        assertFalse(permissionsAllow(me.token.permissions, "servers:delete"))
        assertFalse(tokenExpiresWithin(me.token, 7u, System.currentTimeMillis() / 1000))
        val expiring = VpsOrgClient("vps_test_mock_expiring_0003", JavaHttpTransport(), MockGateway.baseUrl).getAccount()
        assertTrue(tokenExpiresWithin(expiring.token, 7u, System.currentTimeMillis() / 1000))
        expect<VpskitException.Auth> { VpsOrgClient("vps_test_mock_expired_0004", JavaHttpTransport(), MockGateway.baseUrl).getAccount() }
    }

    private fun inFlight(): Int = MockGateway.admin("GET", "/__mock/stats").jsonObject["in_flight"]!!.jsonPrimitive.intOrNull!!

    private fun sentLines(): List<String> = MockGateway.requests().map { "${it["method"]!!.jsonPrimitive.content} ${it["path"]!!.jsonPrimitive.content}" }

    @Test
    fun cancellingACallMidRequestCancelsTheRequest() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"slow","delay_ms":5000,"path_prefix":"/servers/fsrv_111/reboot"}""")
        val c = client()
        val call = launch { c.reboot("fsrv_111") }
        withTimeout(5_000) { while (MockGateway.sent("POST", "/servers/fsrv_111/reboot") == 0) delay(10) }
        val cancelled = System.nanoTime()
        call.cancelAndJoin()
        // The exchange is aborted: the mock sees its client hang up long before the slow answer.
        withTimeout(2_000) { while (inFlight() > 0) delay(10) }
        assertTrue(System.nanoTime() - cancelled < 2_500_000_000L)
        delay(200)
        assertEquals(listOf("GET /api/v1/servers/fsrv_111", "POST /api/v1/servers/fsrv_111/reboot"), sentLines())
    }

    @Test
    fun cancellingAWaitBetweenPollsSendsNothingMore() = runBlocking<Unit> {
        val c = client()
        val job = c.reinstall("fsrv_111", imageId = "UBUNTU_24_04_64BIT").jobId!!
        val polled = CompletableDeferred<Unit>()
        val listener = object : JobListener { override fun onUpdate(job: GatewayJob) { polled.complete(Unit) } }
        val wait = launch { c.waitForJob(job, 60_000uL, 5_000uL, listener) }
        withTimeout(5_000) { polled.await() }
        val polls = MockGateway.sent("GET", "/jobs/$job")
        wait.cancelAndJoin()
        delay(300)
        assertEquals(polls, MockGateway.sent("GET", "/jobs/$job"))
    }

    @Test
    fun aCoroutineTimeoutEndsACall() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"slow","delay_ms":3000,"path_prefix":"/servers"}""")
        expect<VpskitException.Validation> { client().waitForJob("job_1", timeoutMs = 0uL) }
        expect<VpskitException.Validation> { client().waitForJobs(listOf("job_1"), pollIntervalMs = 0uL) }
        expect<TimeoutCancellationException> { withTimeout(300) { client(preflight = false).listServers() } }
        withTimeout(2_000) { while (inFlight() > 0) delay(10) }
        assertEquals(6, client().listServers().size, "the client goes on working")
    }

    @Test
    fun thePreflightUsesAHeldServerOrTheListWhenTheDetailIsShort() = runBlocking<Unit> {
        val c = client()
        val held = c.listServers().first { it.id == "fsrv_158" }
        MockGateway.admin("DELETE", "/__mock/requests")
        val refused = expect<VpskitException.NotAllowed> { c.getConsole("fsrv_158", held = held) }
        assertEquals("console is not available for Budget VPS", refused.detail)
        assertEquals("Reboot command accepted.", c.reboot("fsrv_111", held = c.listServers()[0]).message)
        assertEquals(listOf("GET /api/v1/servers", "POST /api/v1/servers/fsrv_111/reboot"), sentLines())
        MockGateway.reset()
        MockGateway.fault("""{"kind":"short_detail"}""")
        assertEquals("Reboot command accepted.", c.reboot("fsrv_111").message)
        assertEquals(listOf("GET /api/v1/servers/fsrv_111", "GET /api/v1/servers", "POST /api/v1/servers/fsrv_111/reboot"), sentLines())
    }

    @Test
    fun a429SlowsEveryCallOfTheClient() = runBlocking<Unit> {
        val c = client(preflight = false)
        MockGateway.fault("""{"kind":"rate_limit","retry_after":1,"path_prefix":"/servers/fsrv_111/status"}""")
        val first = launch { c.getStatus("fsrv_111") }
        delay(200)
        val started = System.nanoTime()
        c.getStatus("fsrv_112")   // never met a 429: waits for the client's pause
        assertTrue(System.nanoTime() - started >= 600_000_000L)
        first.join()
    }
}
