import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ready `HttpTransport` on `URLSession`.
///
/// It follows no redirects (so the `Authorization` header never reaches another host), stops
/// reading past 16 MiB, and reports failures as `TransportFailure.Failed` saying whether the
/// request may have reached the server. Nothing blocks: every client method is `async`, and
/// cancelling its task cancels the request in flight.
///
/// ```swift
/// let client = try FaithServerClient(apiKey: key, transport: URLSessionTransport(timeout: 10))
/// let servers = try await client.listServers()
/// ```
public final class URLSessionTransport: NSObject, HttpTransport, URLSessionTaskDelegate {
    /// The largest body the core parses (16 MiB).
    public static let maxResponseBytes = 16 * 1024 * 1024

    private let timeout: TimeInterval
    private lazy var session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }()

    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
    }

    /// Refuses every redirect.
    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    public func send(request: HttpRequest) async throws -> HttpResponse {
        guard let url = URL(string: request.url()) else {
            throw TransportFailure.Failed(reason: "not a URL", requestSent: false)
        }
        var urlRequest = URLRequest(url: url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method()
        for header in request.headers() {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        urlRequest.httpBody = request.body()

        let result: Result<(Data, HTTPURLResponse), Error>
        do {
            // Cancelling the task that awaits (the call's) cancels the data task.
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            result = .success((data, http))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            result = .failure(error)
        }

        switch result {
        case .success(let (data, http)):
            let headers = http.allHeaderFields.compactMap { key, value -> HttpHeader? in
                guard let name = key as? String else { return nil }
                return HttpHeader(name: name, value: "\(value)")
            }
            return HttpResponse(status: UInt16(clamping: http.statusCode), headers: headers,
                                body: data.prefix(Self.maxResponseBytes + 1))
        case .failure(let error as URLError) where error.code == .cancelled:
            throw CancellationError()
        case .failure(let error as URLError):
            let notSent: Set<URLError.Code> = [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .badURL]
            let reason = error.code == .timedOut ? "the request timed out" : "URLSession failed: \(error.code.rawValue)"
            throw TransportFailure.Failed(reason: reason, requestSent: !notSent.contains(error.code))
        case .failure(let error):
            throw TransportFailure.Failed(reason: "URLSession failed: \(type(of: error))", requestSent: true)
        }
    }

    /// Waits before a retry, a job poll or the throttle's turn; a cancelled task stops waiting.
    public func sleep(ms: UInt64) async {
        try? await Task.sleep(nanoseconds: ms &* 1_000_000)
    }
}
