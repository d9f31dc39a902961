package dev.vpskit

import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.UnknownHostException
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.net.http.HttpRequest as JdkRequest
import java.net.http.HttpResponse as JdkResponse
import java.net.http.HttpTimeoutException
import java.time.Duration

/**
 * A ready [HttpTransport] on `java.net.http.HttpClient`.
 *
 * It follows no redirects (so the `Authorization` header never reaches another host), reads at
 * most [MAX_RESPONSE_BYTES] + 1 bytes, and reports failures as [TransportFailure.Failed] saying
 * whether the request may have reached the server.
 *
 * ```kotlin
 * val client = FaithServerClient(apiKey, JavaHttpTransport(timeout = Duration.ofSeconds(10)))
 * ```
 */
class JavaHttpTransport @JvmOverloads constructor(
    private val timeout: Duration = Duration.ofSeconds(30),
    private val http: HttpClient = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .build(),
) : HttpTransport {

    override fun send(request: HttpRequest): HttpResponse {
        val body = request.body()
        val builder = JdkRequest.newBuilder(URI.create(request.url()))
            .timeout(timeout)
            .method(request.method(), if (body == null) JdkRequest.BodyPublishers.noBody() else JdkRequest.BodyPublishers.ofByteArray(body))
        for (header in request.headers()) {
            // java.net.http sets these itself and refuses them in a request.
            if (header.name.equals("Content-Length", ignoreCase = true) || header.name.equals("Host", ignoreCase = true)) continue
            builder.header(header.name, header.value)
        }
        try {
            val response = http.send(builder.build(), JdkResponse.BodyHandlers.ofInputStream())
            val bytes = response.body().use { it.readNBytes(MAX_RESPONSE_BYTES + 1) }
            val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
            return HttpResponse(response.statusCode().toUShort(), headers, bytes)
        } catch (e: HttpConnectTimeoutException) {
            throw TransportFailure.Failed("connecting timed out", requestSent = false)
        } catch (e: HttpTimeoutException) {
            throw TransportFailure.Failed("the request timed out", requestSent = true)
        } catch (e: ConnectException) {
            throw TransportFailure.Failed("connection failed: ${e.javaClass.simpleName}", requestSent = false)
        } catch (e: UnknownHostException) {
            throw TransportFailure.Failed("unknown host", requestSent = false)
        } catch (e: IOException) {
            throw TransportFailure.Failed("the connection broke: ${e.javaClass.simpleName}", requestSent = true)
        } catch (e: InterruptedException) {
            Thread.currentThread().interrupt()
            throw TransportFailure.Failed("interrupted", requestSent = true)
        }
    }

    companion object {
        /** The largest body the core parses (16 MiB). */
        const val MAX_RESPONSE_BYTES: Int = 16 * 1024 * 1024
    }
}
