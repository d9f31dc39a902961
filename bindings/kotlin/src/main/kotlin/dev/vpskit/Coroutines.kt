package dev.vpskit

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * `suspend` versions of every [FaithServerClient] operation, run on [Dispatchers.IO] (the
 * client blocks on its transport).
 *
 * ```kotlin
 * val servers = client.suspending().listServers()
 * ```
 */
class SuspendingFaithServerClient(
    val client: FaithServerClient,
    private val dispatcher: CoroutineDispatcher = Dispatchers.IO,
) {
    private suspend fun <T> io(block: FaithServerClient.() -> T): T = withContext(dispatcher) { client.block() }

    suspend fun listServers(): List<Server> = io { listServers() }
    suspend fun getServer(id: String): Server = io { getServer(id) }
    suspend fun getStatus(id: String): PowerStatus = io { getStatus(id) }
    suspend fun getOverview(id: String): Overview = io { getOverview(id) }
    suspend fun start(id: String): ActionResult = io { start(id) }
    suspend fun stop(id: String): ActionResult = io { stop(id) }
    suspend fun reboot(id: String): ActionResult = io { reboot(id) }
    suspend fun wakeOnLan(id: String): ActionResult = io { wakeOnLan(id) }
    suspend fun getConsole(id: String): ConsoleSession = io { getConsole(id) }
    suspend fun getRescueStatus(id: String): RescueStatus = io { getRescueStatus(id) }
    suspend fun enableRescue(id: String): ActionResult = io { enableRescue(id) }
    suspend fun disableRescue(id: String): ActionResult = io { disableRescue(id) }
    suspend fun listImages(id: String): ImageList = io { listImages(id) }
    suspend fun reinstall(id: String, request: ReinstallRequest): ActionResult = io { reinstall(id, request) }
    suspend fun resetPassword(id: String, password: Secret? = null): ActionResult = io { resetPassword(id, password) }
    suspend fun listCredentials(id: String): List<Credential> = io { listCredentials(id) }
    suspend fun getCredential(id: String, kind: String, username: String): Credential = io { getCredential(id, kind, username) }
    suspend fun getTraffic(id: String, query: TrafficQuery): Traffic = io { getTraffic(id, query) }
    suspend fun listIps(id: String): List<IpAddress> = io { listIps(id) }
    suspend fun getMonitor(id: String): Monitor = io { getMonitor(id) }
    suspend fun listTasks(id: String): List<LogEntry> = io { listTasks(id) }
    suspend fun listServerActions(id: String): List<LogEntry> = io { listServerActions(id) }
    suspend fun listLogs(): List<LogEntry> = io { listLogs() }
    suspend fun listJobs(): List<Job> = io { listJobs() }
    suspend fun getJob(jobId: String): Job = io { getJob(jobId) }
    suspend fun waitForJob(jobId: String, timeoutMs: ULong = 600_000uL, pollIntervalMs: ULong = 1_000uL, onUpdate: JobListener? = null): Job =
        io { waitForJob(jobId, timeoutMs, pollIntervalMs, onUpdate) }
    suspend fun raw(method: String, path: String, bodyJson: String? = null): RawResponse = io { raw(method, path, bodyJson) }
}

/** `suspend` versions of [VpsOrgClient]. */
class SuspendingVpsOrgClient(
    val client: VpsOrgClient,
    private val dispatcher: CoroutineDispatcher = Dispatchers.IO,
) {
    suspend fun getAccount(): AccountInfo = withContext(dispatcher) { client.getAccount() }
}

/** This client's `suspend` twin. */
fun FaithServerClient.suspending(dispatcher: CoroutineDispatcher = Dispatchers.IO) = SuspendingFaithServerClient(this, dispatcher)

/** This client's `suspend` twin. */
fun VpsOrgClient.suspending(dispatcher: CoroutineDispatcher = Dispatchers.IO) = SuspendingVpsOrgClient(this, dispatcher)
