import XCTest
@testable import Vpskit

/// Mirrors the Kotlin suite: vectors through the bindings, every operation against the mock
/// (started from the workspace's target/debug/vpskit-mock), faults and secret-leak checks.
final class VpskitTests: XCTestCase {
    static let key = "fs_test_mock_valid_key_0001"
    static var origin: String = {
        let workspace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../..").standardized
        let process = Process()
        process.executableURL = workspace.appendingPathComponent("target/debug/vpskit-mock")
        process.arguments = ["--listen", "127.0.0.1:0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        var line = Data()
        while let byte = try? pipe.fileHandleForReading.read(upToCount: 1), let b = byte.first, b != 10 { line.append(b) }
        return String(decoding: line, as: UTF8.self).replacingOccurrences(of: "listening on ", with: "")
    }()
    var baseUrl: String { Self.origin + "/api/v1" }

    func admin(_ method: String, _ path: String, _ body: String? = nil) throws -> Data {
        var request = URLRequest(url: URL(string: Self.origin + path)!)
        request.httpMethod = method
        request.httpBody = body?.data(using: .utf8)
        let done = DispatchSemaphore(value: 0)
        var out = Data()
        URLSession.shared.dataTask(with: request) { data, _, _ in out = data ?? Data(); done.signal() }.resume()
        done.wait()
        return out
    }

    override func setUp() {
        _ = try? admin("POST", "/__mock/reset")
        _ = try? admin("DELETE", "/__mock/faults")
        _ = try? admin("DELETE", "/__mock/requests")
    }

    func client(preflight: Bool = true, timeout: TimeInterval = 10) throws -> FaithServerClient {
        try FaithServerClient(apiKey: Self.key, transport: URLSessionTransport(timeout: timeout), baseUrl: baseUrl, preflight: preflight)
    }

    func testEveryOperation() async throws {
        let c = try client()
        XCTAssertEqual(try await c.listServers().prefix(3).map(\.id), ["fsrv_111", "fsrv_112", "fsrv_158"])
        XCTAssertEqual(try await c.getServer(id: "fsrv_111").name, "VPS AMD 1")
        XCTAssertEqual(try await c.getStatus(id: "fsrv_111").status, .running)
        XCTAssertEqual(try await c.getOverview(id: "fsrv_220").plan, "Flexible DS E3")
        _ = try await c.stop(id: "fsrv_111")
        _ = try await c.start(id: "fsrv_111")
        XCTAssertEqual(try await c.reboot(id: "fsrv_158").budgetOutput?.status, 1)
        _ = try await c.wakeOnLan(id: "fsrv_221")
        XCTAssertTrue(try await c.getConsole(id: "fsrv_111").url.expose().contains("token="))
        _ = try await c.enableRescue(id: "fsrv_111")
        XCTAssertEqual(try await c.getRescueStatus(id: "fsrv_111").pendingReboot, true)
        _ = try await c.disableRescue(id: "fsrv_111")
        XCTAssertEqual(try await c.listImages(id: "fsrv_158").images.map(\.id), ["1109", "1024", "1056", "100001"])
        let job = try await c.reinstall(id: "fsrv_111", imageId: "UBUNTU_24_04_64BIT").jobId!
        XCTAssertEqual(try await c.waitForJob(jobId: job, timeoutMs: 10_000, pollIntervalMs: 10).status, .completed)
        _ = try await c.reinstall(id: "fsrv_158", osId: "1109", password: Secret(value: "PasswordKuat123!"))
        XCTAssertNotNil(try await c.resetPassword(id: "fsrv_111", password: nil).generatedPassword)
        _ = try await c.resetPassword(id: "fsrv_158", password: Secret(value: "PasswordKuat123!"))
        XCTAssertEqual(try await c.listCredentials(id: "fsrv_111").count, 2)
        XCTAssertEqual(try await c.getCredential(id: "fsrv_111", kind: "panel", username: "admin").username, "admin")
        XCTAssertEqual(try await c.getTraffic(id: "fsrv_111", period: "month").period, "month")
        XCTAssertEqual(try await c.getTraffic(id: "fsrv_158", month: "202605").month, "202605")
        XCTAssertEqual(try await c.listIps(id: "fsrv_158").first?.version, 4)
        XCTAssertNotNil(try await c.getMonitor(id: "fsrv_158").cpuPercent)
        XCTAssertFalse(try await c.listTasks(id: "fsrv_158").isEmpty)
        XCTAssertFalse(try await c.listServerActions(id: "fsrv_111").isEmpty)
        XCTAssertFalse(try await c.listLogs().isEmpty)
        XCTAssertEqual(try await c.listJobs().count, 2)
        XCTAssertEqual(try await c.getJob(jobId: job).id, job)
        XCTAssertEqual(try await c.raw(methodName: "GET", path: "/servers/fsrv_111", bodyJson: nil).status, 200)
    }

    func testErrorsAndPreflight() async throws {
        await assertThrows({ _ = try await client().getConsole(id: "fsrv_158") }) { error in
            guard case VpskitError.NotAllowed(_, _, let detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(detail, "console is not available for Budget VPS")
        }
        await assertThrows({ _ = try await client(preflight: false).getConsole(id: "fsrv_158") }) { error in
            guard case VpskitError.NotAllowed(_, let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "console_not_available")
        }
        await assertThrows({ _ = try await client().getServer(id: "..") }) { error in
            guard case VpskitError.Validation = error else { return XCTFail("\(error)") }
        }
    }

    func testPostIsNeverSentTwice() async throws {
        _ = try admin("POST", "/__mock/faults", #"{"kind":"status","status":502,"method":"POST"}"#)
        await assertThrows({ _ = try await client(preflight: false).reboot(id: "fsrv_111") })
        _ = try admin("POST", "/__mock/faults", #"{"kind":"drop","method":"POST"}"#)
        await assertThrows({ _ = try await client(preflight: false).reboot(id: "fsrv_111") })
        let log = String(decoding: try admin("GET", "/__mock/requests"), as: UTF8.self)
        XCTAssertEqual(log.components(separatedBy: #""path":"/api/v1/servers/fsrv_111/reboot""#).count - 1, 2)
    }

    func testGetIsRetriedAndSlowAnswersTimeOut() async throws {
        _ = try admin("POST", "/__mock/faults", #"{"kind":"status","status":503,"path_prefix":"/servers"}"#)
        XCTAssertEqual(try await client(preflight: false).listServers().count, 6)
        _ = try admin("POST", "/__mock/faults", #"{"kind":"slow","delay_ms":1500,"count":4}"#)
        await assertThrows({ _ = try await client(timeout: 0.3).listServers() }) { error in
            guard case VpskitError.Transport = error else { return XCTFail("\(error)") }
        }
    }

    func testSecretsNeverPrint() async throws {
        let c = try client()
        let console = try await c.getConsole(id: "fsrv_111")
        let request = try buildRequest(callJson: #"{"operation":"reinstall","args":{"id":"fsrv_158","os_id":"1109","password":"PasswordKuat123!"}}"#,
                                       api: "faithserver", key: Self.key, baseUrl: nil, userAgentHost: nil)
        for text in ["\(console)", "\(console.url)", "\(request)", String(describing: Secret(value: "PasswordKuat123!"))] {
            for secret in [Self.key, "PasswordKuat123!", "token="] {
                XCTAssertFalse(text.contains(secret), "\(secret) shown in \(text)")
            }
        }
    }

    func testVectorsParse() throws {
        let workspace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../..").standardized
        let data = try Data(contentsOf: workspace.appendingPathComponent("tests/vectors/requests.json"))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var built = 0
        for vector in root["vectors"] as! [[String: Any]] {
            let config = vector["config"] as! [String: Any]
            let call = String(decoding: try JSONSerialization.data(withJSONObject: vector["call"]!), as: UTF8.self)
            let expect = vector["expect"] as! [String: Any]
            do {
                let request = try buildRequest(callJson: call, api: config["api"] as! String, key: config["key"] as! String,
                                               baseUrl: config["base_url"] as? String, userAgentHost: "")
                let want = expect["request"] as! [String: Any]
                XCTAssertEqual(request.url(), want["url"] as? String, vector["name"] as! String)
                built += 1
            } catch {
                XCTAssertNotNil(expect["error"], "\(vector["name"]!): \(error)")
            }
        }
        XCTAssertGreaterThan(built, 28)
    }

    func testCancellingATaskCancelsTheRequestInFlight() async throws {
        _ = try admin("POST", "/__mock/faults", #"{"kind":"slow","delay_ms":5000,"path_prefix":"/servers"}"#)
        let c = try client(preflight: false)
        let call = Task { try await c.listServers() }
        try await Task.sleep(nanoseconds: 300_000_000)
        call.cancel()
        await assertThrows({ _ = try await call.value })
        try await Task.sleep(nanoseconds: 300_000_000)
        let stats = String(decoding: try admin("GET", "/__mock/stats"), as: UTF8.self)
        XCTAssertTrue(stats.contains(#""in_flight":0"#), stats)
    }

    /// `XCTAssertThrowsError` for code that awaits.
    func assertThrows(_ body: () async throws -> Void, file: StaticString = #filePath, line: UInt = #line,
                      _ check: (Error) -> Void = { _ in }) async {
        do {
            try await body()
            XCTFail("nothing was thrown", file: file, line: line)
        } catch {
            check(error)
        }
    }

    func testRustPanicArrivesAsInternal() {
        XCTAssertThrowsError(try vpskitPanicForTests()) { error in
            guard case VpskitError.Internal(let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("this is a bug"))
        }
    }
}
