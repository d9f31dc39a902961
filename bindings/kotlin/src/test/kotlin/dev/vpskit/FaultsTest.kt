package dev.vpskit

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.time.Duration

/** The mock's faults end to end: retried GETs, POSTs never sent twice, timeouts, broken connections. */
class FaultsTest {
    private fun client(timeout: Duration = Duration.ofSeconds(10)) =
        FaithServerClient(MockGateway.KEY, JavaHttpTransport(timeout), MockGateway.baseUrl, false)

    @BeforeEach
    fun reset() = MockGateway.reset()

    @Test
    fun getIsRetriedThrough429And503AndHtml() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"rate_limit","retry_after":1,"path_prefix":"/servers"}""")
        MockGateway.fault("""{"kind":"status","status":503,"path_prefix":"/servers"}""")
        MockGateway.fault("""{"kind":"html","path_prefix":"/servers"}""")
        val started = System.nanoTime()
        assertEquals(6, client().listServers().size)
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "Retry-After honoured")
        assertEquals(4, MockGateway.sent("GET", "/servers"))
    }

    @Test
    fun postIsNeverSentTwice() = runBlocking<Unit> {
        val c = client()
        MockGateway.fault("""{"kind":"status","status":502,"method":"POST"}""")
        assertEquals(502.toUShort(), expect<VpskitException.Server> { c.reboot("fsrv_111") }.status)
        MockGateway.fault("""{"kind":"drop","method":"POST"}""")
        expect<VpskitException.Transport> { c.reboot("fsrv_111") }
        MockGateway.fault("""{"kind":"truncate","method":"POST"}""")
        expect<VpskitException> { c.reboot("fsrv_111") }
        assertEquals(3, MockGateway.sent("POST", "/servers/fsrv_111/reboot"))
    }

    @Test
    fun postRefusedWith429AndRetryAfterIsSentAgain() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"rate_limit","retry_after":1,"method":"POST"}""")
        assertEquals("Reboot command accepted.", client().reboot("fsrv_111").message)
        assertEquals(2, MockGateway.sent("POST", "/servers/fsrv_111/reboot"))
    }

    @Test
    fun getRecoversFromDropAndTruncation() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"drop","path_prefix":"/jobs"}""")
        MockGateway.fault("""{"kind":"truncate","path_prefix":"/jobs"}""")
        assertEquals(0, client().listJobs().size)
        assertEquals(3, MockGateway.sent("GET", "/jobs"))
    }

    @Test
    fun slowAnswerTimesOut() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"slow","delay_ms":1500,"count":4}""")
        val e = expect<VpskitException.Transport> { client(Duration.ofMillis(300)).listServers() }
        assertTrue(e.detail.contains("timed out"), e.detail)
    }

    @Test
    fun aFailingForeignTransportBecomesATransportError() = runBlocking<Unit> {
        val broken = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = throw IllegalStateException("boom")
            override suspend fun sleep(ms: ULong) = kotlinx.coroutines.delay(ms.toLong())
        }
        val e = expect<VpskitException.Transport> {
            FaithServerClient(MockGateway.KEY, broken, MockGateway.baseUrl, false).reboot("fsrv_111")
        }
        assertTrue(e.requestSent)
    }

    @Test
    fun redirectsToAnotherHostAreNotFollowed() = runBlocking<Unit> {
        MockGateway.fault("""{"kind":"redirect","count":10}""")
        val e = expect<VpskitException.Server> { client().listServers() }
        assertEquals(302.toUShort(), e.status)
        assertEquals(1, MockGateway.sent("GET", "/servers"))
    }

    @Test
    fun rustPanicArrivesAsInternal() = runBlocking<Unit> {
        val e = expect<VpskitException.Internal> { vpskitPanicForTests() }
        assertTrue(e.detail.contains("this is a bug"), e.detail)
        // The library still works after the caught panic.
        assertEquals(Support.NO, productSupport(Product.BudgetVps, Action.Console))
    }
}
