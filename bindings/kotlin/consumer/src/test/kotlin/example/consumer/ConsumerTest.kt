package example.consumer

import dev.vpskit.JobStatus
import dev.vpskit.VpskitException
import dev.vpskit.testing.Fault
import dev.vpskit.testing.MockGateway
import dev.vpskit.testing.VpskitMock
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The app's own tests, on the mock gateway that vpskit-testing runs. */
@VpskitMock
class ConsumerTest {
    @Test
    fun theTour(mock: MockGateway) = runBlocking<Unit> {
        val lines = mutableListOf<String>()
        val job = tour(mock.client, say = lines::add)
        assertEquals(JobStatus.Completed, job.status)
        assertTrue(lines.any { it.startsWith("fsrv_158 ") && it.contains("console is not available for Budget VPS") }, lines.toString())
        assertTrue("reboot: Reboot command accepted." in lines, lines.toString())
        val sent = mock.requests().map { it.methodAndPath }
        assertEquals(
            listOf("GET /api/v1/servers", "POST /api/v1/servers/fsrv_111/reboot", "POST /api/v1/servers/fsrv_111/reinstall"),
            sent.take(3),
        )
        assertTrue(sent.drop(3).all { it == "GET /api/v1/jobs/${job.id}" } && sent.size >= 5, sent.toString())
    }

    @Test
    fun mainPrintsTheTour(mock: MockGateway) {
        val out = ByteArrayOutputStream()
        val stdout = System.out
        System.setOut(PrintStream(out, true))
        try {
            main(arrayOf(mock.baseUrl))
        } finally {
            System.setOut(stdout)
        }
        val printed = out.toString()
        print(printed)
        assertTrue(printed.contains("reboot: Reboot command accepted.") && printed.lines().any { it.endsWith(": Completed") }, printed)
    }

    // README:start
    @Test
    fun aRateLimitedRebootIsSentAgain(mock: MockGateway) = runBlocking<Unit> {
        mock.fault(Fault.RateLimit(retryAfterSeconds = 1), method = "POST", pathPrefix = "/servers/fsrv_111/reboot")
        assertEquals("Reboot command accepted.", mock.client.reboot("fsrv_111").message)
        val reboots = mock.requests().filter { it.apiPath == "/servers/fsrv_111/reboot" }
        assertEquals(listOf("rate_limit", null), reboots.map { it.fault })
        assertEquals(listOf(429, 200), reboots.map { it.status })
    }
    // README:end

    @Test
    fun aDroppedRebootIsNeverSentTwice(mock: MockGateway) = runBlocking<Unit> {
        mock.fault(Fault.Drop, method = "POST")
        val e = assertThrows(VpskitException.Transport::class.java) { runBlocking { mock.client.reboot("fsrv_111") } }
        assertTrue(e.requestSent)
        assertEquals(1, mock.sent("POST", "/servers/fsrv_111/reboot"))
        assertTrue(mock.requests().all { it.authorization == "bearer" && !it.keyInQuery && !it.knownKeyInUrl })
    }
}
