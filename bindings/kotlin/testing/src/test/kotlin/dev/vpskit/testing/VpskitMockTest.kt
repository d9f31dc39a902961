package dev.vpskit.testing

import dev.vpskit.ServerStatus
import dev.vpskit.VpskitException
import java.nio.file.Files
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.MethodOrderer
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestMethodOrder
import org.junit.jupiter.api.extension.ExtensionConfigurationException
import org.junit.jupiter.api.extension.RegisterExtension
import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.engine.discovery.DiscoverySelectors.selectClass
import org.junit.platform.testkit.engine.EngineTestKit

/** The extension as an app's tests use it: injection, reset between tests, faults, the log. */
@VpskitMock
@TestMethodOrder(MethodOrderer.OrderAnnotation::class)
class VpskitMockTest(private val mock: MockGateway) {

    @Test
    @Order(1)
    fun aStoppedServerIsStarted() = runBlocking<Unit> {
        assertEquals("Start command accepted.", mock.client.start("fsrv_112").message)
        assertEquals(ServerStatus.Running, mock.client.getStatus("fsrv_112").status)
    }

    @Test
    @Order(2)
    fun eachTestStartsFromTheSampleState(injected: MockGateway) = runBlocking<Unit> {
        assertSame(mock, injected, "one mock per class")
        assertEquals(ServerStatus.Stopped, mock.client.getStatus("fsrv_112").status)
        assertEquals(listOf("GET /api/v1/servers/fsrv_112/status"), mock.requests().map { it.methodAndPath })
    }

    @Test
    fun faultsAndTheRequestLog() = runBlocking<Unit> {
        mock.fault(Fault.Status(503), pathPrefix = "/servers", method = "GET")
        mock.fault(Fault.Status(502), method = "POST")
        assertEquals(6, mock.client.listServers().size)
        val refused = assertThrows(VpskitException.Server::class.java) { runBlocking { mock.client.reboot("fsrv_111") } }
        assertEquals(502.toUShort(), refused.status)
        val log = mock.requests()
        assertEquals(listOf(503, 200), log.filter { it.apiPath == "/servers" }.map { it.status })
        assertEquals(listOf("status", null), log.filter { it.apiPath == "/servers" }.map { it.fault })
        assertEquals(1, mock.sent("POST", "/servers/fsrv_111/reboot"), "a POST is never sent twice")
        assertTrue(log.all { it.authorization == "bearer" && !it.keyInQuery && !it.knownKeyInUrl })
        assertEquals(0, mock.stats().inFlight)
    }

    @Test
    fun otherClients() = runBlocking<Unit> {
        assertThrows(VpskitException.Auth::class.java) {
            runBlocking { mock.faithServerClient(MockGateway.REVOKED_KEY).use { it.listServers() } }
        }
        mock.vpsOrgClient().use { assertEquals("john@example.com", it.getAccount().account.email) }
        assertThrows(VpskitException.Auth::class.java) {
            runBlocking { mock.vpsOrgClient(MockGateway.EXPIRED_TOKEN).use { it.getAccount() } }
        }
    }

    /** Nested classes share the outer class's mock. */
    @Nested
    inner class Inner {
        @Test
        fun sharesTheMock(inner: MockGateway) = assertSame(mock, inner)
    }
}

/** Finding the binary, and a clear error without one. */
class FindBinaryTest {
    @Test
    fun theEnvironmentVariableComesFirst() {
        val binary = MockGateway.findBinary()   // the test run sets VPSKIT_MOCK_BIN
        assertEquals(binary, MockGateway.findBinary(mapOf(MockGateway.BINARY_ENV to binary.toString(), "PATH" to "/nowhere")))
    }

    @Test
    fun thenPath() {
        val binary = MockGateway.findBinary()
        val dir = Files.createTempDirectory("vpskit-path")
        val linked = Files.createSymbolicLink(dir.resolve(MockGateway.BINARY_NAME), binary.toAbsolutePath())
        assertEquals(linked, MockGateway.findBinary(mapOf("PATH" to "/nowhere:$dir")))
    }

    @Test
    fun missingIsAClearError() {
        val missing = assertThrows(IllegalStateException::class.java) { MockGateway.findBinary(mapOf("PATH" to "/nowhere")) }
        assertTrue(missing.message!!.contains("set VPSKIT_MOCK_BIN"), missing.message)
        val wrong = assertThrows(IllegalStateException::class.java) { MockGateway.findBinary(mapOf(MockGateway.BINARY_ENV to "/nowhere/vpskit-mock")) }
        assertTrue(wrong.message!!.contains("VPSKIT_MOCK_BIN=/nowhere/vpskit-mock is not an executable file"), wrong.message)
    }

    @Test
    fun startAndClose() {
        val mock = MockGateway.start()
        assertTrue(mock.baseUrl.matches(Regex("http://127\\.0\\.0\\.1:\\d+/api/v1")), mock.baseUrl)
        mock.reset()
        mock.close()
        assertFalse(mock.isRunning)
    }
}

/** The mock lives as long as its test class. */
class LifecycleTest {
    @Test
    fun theMockStopsAfterTheClass() {
        val results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Sample::class.java)).execute()
        results.testEvents().assertStatistics { it.started(2).succeeded(2) }
        val seen = Sample.seen.toSet()
        assertEquals(1, seen.size, "one mock for the class")
        assertFalse(seen.single().isRunning, "stopped after the class")
    }

    @Test
    fun aMissingBinaryFailsEachTestWithTheReason() {
        val results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Missing::class.java)).execute()
        results.testEvents().assertStatistics { it.started(1).failed(1) }
        val failure = results.testEvents().failed().list().single().getRequiredPayload(TestExecutionResult::class.java).throwable.get()
        assertTrue(failure is ExtensionConfigurationException && failure.message!!.contains("could not start the mock gateway /nowhere/vpskit-mock"), failure.toString())
    }

    /** Run by [theMockStopsAfterTheClass] only (a nested class: Surefire does not pick it up). */
    @VpskitMock
    class Sample {
        @Test
        fun first(mock: MockGateway) { seen.add(mock) }

        @Test
        fun second(mock: MockGateway) { seen.add(mock) }

        companion object {
            val seen: MutableList<MockGateway> = java.util.Collections.synchronizedList(mutableListOf())
        }
    }

    /** A binary that is not there. */
    class Missing {
        @Test
        fun needsTheMock(mock: MockGateway) { mock.reset() }

        companion object {
            @JvmField
            @RegisterExtension
            val extension = VpskitMockExtension(binary = java.nio.file.Path.of("/nowhere/vpskit-mock"))
        }
    }
}
