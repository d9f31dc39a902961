package dev.vpskit.testing

import java.nio.file.Path
import org.junit.jupiter.api.extension.BeforeEachCallback
import org.junit.jupiter.api.extension.ExtendWith
import org.junit.jupiter.api.extension.ExtensionConfigurationException
import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolver

/**
 * Runs the vpskit mock gateway for a test class: started on a free loopback port when the class
 * first needs it, reset to its sample state before each test, stopped after the class. A
 * [MockGateway] parameter of a test, a lifecycle method or the constructor receives it.
 *
 * ```kotlin
 * @VpskitMock
 * class FleetTest {
 *     @Test
 *     fun lists(mock: MockGateway) = runBlocking {
 *         assertEquals(6, mock.client.listServers().size)
 *     }
 * }
 * ```
 *
 * The binary is the file `VPSKIT_MOCK_BIN` names, or `vpskit-mock` on `PATH`. For another binary,
 * or to keep the mock's state from one test to the next, register a [VpskitMockExtension] instead.
 * Needs JUnit Jupiter 5.13 or later.
 */
@Target(AnnotationTarget.CLASS)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
@ExtendWith(VpskitMockExtension::class)
annotation class VpskitMock

/**
 * The JUnit Jupiter extension behind [VpskitMock]: one [MockGateway] per test class (nested
 * classes share their outer class's), closed with the class's extension context.
 *
 * Registered by [VpskitMock] or `@ExtendWith(VpskitMockExtension::class)` with the defaults, or
 * with options as a field:
 *
 * ```kotlin
 * companion object {
 *     @JvmField @RegisterExtension
 *     val mock = VpskitMockExtension(resetBeforeEachTest = false)
 * }
 * ```
 *
 * @param binary the `vpskit-mock` executable; `null` for [MockGateway.findBinary]'s.
 * @param resetBeforeEachTest whether each test starts from the sample state with no fault and an
 *   empty request log ([MockGateway.reset]).
 */
class VpskitMockExtension @JvmOverloads constructor(
    private val binary: Path? = null,
    private val resetBeforeEachTest: Boolean = true,
) : BeforeEachCallback, ParameterResolver {

    /** Starts the mock if the class has none yet, and resets it unless told not to. */
    override fun beforeEach(context: ExtensionContext) {
        val mock = mockFor(context)
        if (resetBeforeEachTest) mock.reset()
    }

    /** Whether the parameter is a [MockGateway]. */
    override fun supportsParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Boolean =
        parameterContext.parameter.type == MockGateway::class.java

    /** The test class's [MockGateway], started if need be. */
    override fun resolveParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Any =
        mockFor(extensionContext)

    /**
     * The mock of the test class that [context] belongs to, started on first use and kept in the
     * class's store (JUnit closes it, and so stops the mock, when the class is done).
     */
    private fun mockFor(context: ExtensionContext): MockGateway {
        var classContext = context
        while (classContext.testMethod.isPresent) classContext = classContext.parent.get()
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, { start() }, MockGateway::class.java)
    }

    private fun start(): MockGateway = try {
        if (binary != null) MockGateway.start(binary) else MockGateway.start()
    } catch (e: IllegalStateException) {
        throw ExtensionConfigurationException(e.message, e)
    }

    private companion object {
        val NAMESPACE: ExtensionContext.Namespace = ExtensionContext.Namespace.create(VpskitMockExtension::class.java)
        const val KEY = "mock"
    }
}
