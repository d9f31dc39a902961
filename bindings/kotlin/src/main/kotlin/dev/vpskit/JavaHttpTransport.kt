package dev.vpskit

import java.io.ByteArrayOutputStream
import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.UnknownHostException
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.net.http.HttpRequest as JdkRequest
import java.net.http.HttpResponse as JdkResponse
import java.net.http.HttpTimeoutException
import java.nio.ByteBuffer
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.Flow
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.delay
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * A ready [HttpTransport] on `java.net.http.HttpClient`'s asynchronous API: no thread is blocked
 * while a request is in flight, and cancelling the coroutine cancels the exchange.
 *
 * It follows no redirects (so the `Authorization` header never reaches another host), reads at
 * most [MAX_RESPONSE_BYTES] + 1 bytes, and reports failures as [TransportFailure.Failed] saying
 * whether the request may have reached the server.
 *
 * ```kotlin
 * val client = FaithServerClient(apiKey, JavaHttpTransport(timeout = Duration.ofSeconds(10)))
 * val servers = client.listServers() // suspends
 * ```
 *
 * @param timeout how long one exchange may take, connecting included (`connectTimeout` of the
 *   default [http] client and each request's `timeout`).
 * @param http the client that sends; by default one that follows no redirects. A client passed
 *   here should not follow redirects either.
 */
class JavaHttpTransport @JvmOverloads constructor(
    private val timeout: Duration = Duration.ofSeconds(30),
    private val http: HttpClient = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .build(),
) : HttpTransport {

    /**
     * Sends [request] and suspends until its whole answer (at most [MAX_RESPONSE_BYTES] + 1 bytes
     * of body) has arrived; cancelling the coroutine cancels the exchange.
     *
     * @throws TransportFailure.Failed when no answer came: `requestSent` is `false` only when the
     *   request cannot have reached the server (connecting failed or timed out, unknown host).
     */
    override suspend fun send(request: HttpRequest): HttpResponse {
        val body = request.body()
        val builder = JdkRequest.newBuilder(URI.create(request.url()))
            .timeout(timeout)
            .method(request.method(), if (body == null) JdkRequest.BodyPublishers.noBody() else JdkRequest.BodyPublishers.ofByteArray(body))
        for (header in request.headers()) {
            // java.net.http sets these itself and refuses them in a request.
            if (header.name.equals("Content-Length", ignoreCase = true) || header.name.equals("Host", ignoreCase = true)) continue
            builder.header(header.name, header.value)
        }
        val response = try {
            exchange(builder.build())
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
        }
        val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
        return HttpResponse(response.statusCode().toUShort(), headers, response.body())
    }

    /** Suspends on `sendAsync`; cancelling the coroutine cancels the exchange (and its connection). */
    private suspend fun exchange(request: JdkRequest): JdkResponse<ByteArray> = suspendCancellableCoroutine { continuation ->
        val future = http.sendAsync(request, capped())
        continuation.invokeOnCancellation { future.cancel(true) }
        future.whenComplete { response, failure ->
            when {
                failure == null -> continuation.resume(response)
                else -> continuation.resumeWithException((failure as? CompletionException)?.cause ?: failure)
            }
        }
    }

    /** At most [MAX_RESPONSE_BYTES] + 1 bytes of the body: the core rejects anything longer. */
    private fun capped(): JdkResponse.BodyHandler<ByteArray> = JdkResponse.BodyHandler { CappedBody() }

    /** Collects a body without blocking, and stops reading one byte past the cap. */
    private class CappedBody : JdkResponse.BodySubscriber<ByteArray> {
        private val body = CompletableFuture<ByteArray>()
        private val bytes = ByteArrayOutputStream()
        private lateinit var subscription: Flow.Subscription

        override fun getBody(): CompletionStage<ByteArray> = body
        override fun onSubscribe(subscription: Flow.Subscription) {
            this.subscription = subscription
            subscription.request(Long.MAX_VALUE)
        }
        override fun onNext(item: List<ByteBuffer>) {
            for (buffer in item) {
                val chunk = ByteArray(minOf(buffer.remaining(), MAX_RESPONSE_BYTES + 1 - bytes.size()))
                buffer.get(chunk)
                bytes.write(chunk)
            }
            if (bytes.size() > MAX_RESPONSE_BYTES) {
                subscription.cancel()
                body.complete(bytes.toByteArray())
            }
        }
        override fun onError(throwable: Throwable) { body.completeExceptionally(throwable) }
        override fun onComplete() { body.complete(bytes.toByteArray()) }
    }

    /** Suspends for [ms] milliseconds without blocking a thread (`kotlinx.coroutines.delay`). */
    override suspend fun sleep(ms: ULong) = delay(ms.toLong())

    /** The transport's limits. */
    companion object {
        /** The largest body the core parses (16 MiB). */
        const val MAX_RESPONSE_BYTES: Int = 16 * 1024 * 1024
    }
}
