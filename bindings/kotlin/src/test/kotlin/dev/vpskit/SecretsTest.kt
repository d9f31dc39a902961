package dev.vpskit

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** No key, password, console URL or credential in any generated toString. */
class SecretsTest {
    private val secrets = listOf(MockGateway.KEY, "PasswordKuat123!", "token=", "Gen-", "panel-fsrv", "InitialRootPw1!")

    @Test
    fun generatedTypesNeverPrintSecrets() = runBlocking<Unit> {
        MockGateway.reset()
        val c = FaithServerClient(MockGateway.KEY, JavaHttpTransport(), MockGateway.baseUrl, true)
        val console = c.getConsole("fsrv_111")
        val generated = c.resetPassword("fsrv_111")
        val creds = c.listCredentials("fsrv_111")
        val custom = c.resetPassword("fsrv_158", password = Secret("PasswordKuat123!"))
        val request = buildRequest("""{"operation":"reinstall","args":{"id":"fsrv_158","os_id":"1109","password":"PasswordKuat123!"}}""", "faithserver", MockGateway.KEY)
        val error = runCatching { c.getConsole("fsrv_158") }.exceptionOrNull()!!
        val password = Secret("PasswordKuat123!")
        val printed = listOf(console, console.url, generated, generated.generatedPassword, creds, custom, request, error, error.message, password, c)
            .map { it.toString() }
        for (text in printed) for (secret in secrets) assertFalse(text.contains(secret), "$secret shown in $text")
        assertTrue(console.url.expose().contains("token="), "reachable explicitly")
        assertTrue(request.headers().any { it.name == "Authorization" && it.value == "Bearer ${MockGateway.KEY}" }, "the transport gets the key")
    }

    @Test
    fun unmodelledMembersAreKeptOnlyWhenPresentAndPrintRedacted() = runBlocking<Unit> {
        val body = """{"success":true,"data":[{"id":"fsrv_1","product":"Budget VPS","allowed_actions":[]},""" +
            """{"id":"fsrv_2","product":"Budget VPS","allowed_actions":[],"root_password":"InitialRootPw1!","rack":"B7"}]}"""
        val transport = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse =
                HttpResponse(200.toUShort(), listOf(HttpHeader("Content-Type", "application/json")), body.toByteArray())
            override suspend fun sleep(ms: ULong) = kotlinx.coroutines.delay(ms.toLong())
        }
        val servers = FaithServerClient(MockGateway.KEY, transport, "http://127.0.0.1:9/api/v1", false).listServers()
        assertEquals(null, servers[0].extra, "no unmodelled members: no object")
        val extra = servers[1].extra!!
        assertEquals("\"B7\"", extra.get("rack"))
        assertEquals("\"InitialRootPw1!\"", extra.get("root_password"), "reachable explicitly")
        for (text in listOf(servers[1].toString(), extra.toString())) assertFalse(text.contains("InitialRootPw1!"), text)
    }
}
