package example.consumer

import dev.vpskit.Action
import dev.vpskit.FaithServerClient
import dev.vpskit.GatewayJob
import dev.vpskit.JavaHttpTransport
import dev.vpskit.JobListener
import dev.vpskit.check
import dev.vpskit.productName
import java.time.Duration
import kotlinx.coroutines.runBlocking

/** The mock gateway's sample FaithServer key, used when `FAITHSERVER_API_KEY` is not set. */
const val MOCK_KEY: String = "fs_test_mock_valid_key_0001"

/**
 * Lists the fleet, checks what a server allows, reboots it, reinstalls it and waits for the
 * reinstall's job, printing each step.
 *
 * `mvn exec:java -Dexec.args=http://127.0.0.1:PORT/api/v1` (or `VPSKIT_BASE_URL`); the key is
 * `FAITHSERVER_API_KEY`'s, or the mock's sample key.
 */
fun main(args: Array<String>) {
    val baseUrl = args.firstOrNull() ?: System.getenv("VPSKIT_BASE_URL")
        ?: error("usage: example.consumer.MainKt BASE_URL (or VPSKIT_BASE_URL), like http://127.0.0.1:8080/api/v1")
    val apiKey = System.getenv("FAITHSERVER_API_KEY") ?: MOCK_KEY
    runBlocking {
        FaithServerClient(apiKey, JavaHttpTransport(Duration.ofSeconds(10)), baseUrl).use { client ->
            tour(client, say = ::println)
        }
    }
}

/**
 * The steps of [main] over [client] on the server [target], each result handed to [say].
 *
 * @return the reinstall's job, finished.
 */
suspend fun tour(client: FaithServerClient, target: String = "fsrv_111", say: (String) -> Unit): GatewayJob {
    val servers = client.listServers()
    for (server in servers) {
        say("${server.id} ${productName(server.product)} (${server.status.label()}): ${check(server, Action.Console).reason}")
    }
    val server = servers.first { it.id == target }
    for (action in listOf(Action.Reboot, Action.Reinstall)) {
        val verdict = check(server, action)
        say("$target ${action.label()}: ${if (verdict.allowed) "allowed" else "refused"} (${verdict.reason})")
    }
    // The server just read is the preflight's: checked again, not read again.
    say("reboot: ${client.reboot(target, held = server).message}")
    val jobId = client.reinstall(target, imageId = "UBUNTU_24_04_64BIT", held = server).jobId
        ?: error("the reinstall started no job")
    say("reinstall: job $jobId")
    val progress = object : JobListener {
        override fun onUpdate(job: GatewayJob) = say("job $jobId: ${job.status.label()} ${job.progress}%")
    }
    val done = client.waitForJob(jobId, pollIntervalMs = 200uL, onUpdate = progress)
    say("job $jobId: ${done.status.label()}")
    return done
}

/** A sealed value's variant name (`Running`, `Completed`), or `unknown`. */
private fun Any?.label(): String = this?.let { it::class.simpleName } ?: "unknown"
