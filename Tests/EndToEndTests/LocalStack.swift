import Foundation
import Synchronization
import IntakeTestSupport

/// The four real service processes on free loopback ports, over a fresh database and vhost.
final class LocalStack: @unchecked Sendable {
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let gatewayURL: String
    let reportURL: String
    let workerURL: String
    let uploadURL: String
    let environment: [String: String]
    let logDirectory: URL
    private var processes: [String: Process] = [:]
    private let lock = NSLock()

    /// The folder holding the built executables: `INTAKE_BIN_DIR`, or this package's `.build/debug`.
    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["INTAKE_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug")
    }

    init(databaseURL: String, amqpURL: String, extra: [String: String] = [:]) throws {
        let ports = try (0..<4).map { _ in try FreePort.find() }
        gatewayURL = "http://127.0.0.1:\(ports[0])"
        uploadURL = "http://127.0.0.1:\(ports[1])"
        reportURL = "http://127.0.0.1:\(ports[2])"
        workerURL = "http://127.0.0.1:\(ports[3])"
        environment = [
            "DATABASE_URL": databaseURL,
            "AMQP_URL": amqpURL,
            "INTAKE_INTERNAL_TOKEN": UUID().uuidString,
            "INTAKE_UPLOAD_SECRET": UUID().uuidString,
            "INTAKE_UPLOAD_URL": "http://127.0.0.1:\(ports[1])",
            "INTAKE_MAX_UPLOAD_BYTES": "\(300 << 20)",
            "INTAKE_GATEWAY_PORT": "\(ports[0])",
            "INTAKE_UPLOAD_PORT": "\(ports[1])",
            "INTAKE_REPORT_PORT": "\(ports[2])",
            "INTAKE_WORKER_PORT": "\(ports[3])",
            "INTAKE_REPORT_URL": "http://127.0.0.1:\(ports[2])",
            "INTAKE_LEASE_SECONDS": "6",
            "INTAKE_API_KEY_CACHE_SECONDS": "1",
            "LOG_LEVEL": "info",
        ].merging(extra) { $1 }
        logDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
    }

    /// Runs `body` against a fresh stack (own database and vhost) with a new account's client; stops it after.
    static func with(
        _ prefix: String,
        extra: [String: String] = [:],
        _ body: (LocalStack, IntakeClient) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create("intake_\(prefix)")
        let stack = try LocalStack(databaseURL: database.url, amqpURL: try await TestBroker.createVhost("intake-\(prefix)"), extra: extra)
        do {
            try await stack.start()
            try await body(stack, IntakeClient(baseURL: stack.gatewayURL, apiKey: try stack.createAccount()))
        } catch {
            await stack.stopAll()
            throw error
        }
        await stack.stopAll()
    }

    /// Starts every service and waits until each answers `/readyz`.
    func start() async throws {
        for name in ["report-service", "upload-service", "import-worker", "api-gateway"] {
            try launch(name)
        }
        for url in [reportURL, uploadURL, workerURL, gatewayURL] {
            try await waitUntilReady(url)
        }
    }

    /// Starts another process of `name` (e.g. a second worker) with extra settings.
    @discardableResult
    func launch(_ name: String, extra: [String: String] = [:], as label: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = Self.binDirectory.appendingPathComponent(name)
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env.merge(extra) { $1 }
        process.environment = env
        let log = logDirectory.appendingPathComponent("\(label ?? name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        lock.withLock { processes[label ?? name] = process }
        return process
    }

    /// Runs `api-gateway create-account` and returns the new API key.
    func createAccount(name: String = "E2E") throws -> String {
        guard let key = try admin(["create-account", "--name", name])["api_key"] as? String else {
            throw StartFailure(description: "create-account printed no api_key")
        }
        return key
    }

    /// Runs an `api-gateway` admin subcommand and returns the JSON object it prints.
    func admin(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = Self.binDirectory.appendingPathComponent("api-gateway")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0, let json = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw StartFailure(description: "api-gateway \(arguments.first ?? "") failed: \(String(decoding: output, as: UTF8.self))")
        }
        return json
    }

    /// Sends SIGTERM to `label` and waits for it to exit; returns its exit status.
    @discardableResult
    func stop(_ label: String, signal: Int32 = SIGTERM) async -> Int32 {
        guard let process = lock.withLock({ processes.removeValue(forKey: label) }) else { return -1 }
        kill(process.processIdentifier, signal)
        for _ in 0..<200 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
        // A process that ignores SIGTERM for 10 s is killed, so a stuck service fails its test instead of
        // hanging the suite.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stopAll() async {
        for label in lock.withLock({ Array(processes.keys) }) {
            await stop(label)
        }
    }

    /// The process's peak resident set size (VmHWM), in bytes.
    func peakResidentBytes(_ label: String) -> Int? {
        guard let process = lock.withLock({ processes[label] }),
              let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// Runs one SQL statement with `psql` on the stack's database; its first result, trimmed (nil when psql
    /// fails).
    func sql(_ statement: String) throws -> String? {
        try Tools.run(["psql", environment["DATABASE_URL"] ?? "", "-At", "-c", statement], input: [])?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func log(_ label: String) -> String {
        (try? String(contentsOf: logDirectory.appendingPathComponent("\(label).log"), encoding: .utf8)) ?? ""
    }

    private func waitUntilReady(_ url: String) async throws {
        for _ in 0..<200 {
            if let (status, _, _) = try? await HTTP.request("GET", url + "/readyz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StartFailure(description: "\(url) never became ready; logs in \(logDirectory.path)")
    }
}

/// Finds a free loopback TCP port for a service to listen on.
///
/// Ports are drawn at random below the kernel's ephemeral range (`ip_local_port_range`), never handed out
/// twice in one test run, and checked free by binding. A port from `bind(0)` would come from the ephemeral
/// range, where any outgoing connection may take it as its local port between the check and the service
/// binding it (a private broker restarted after an outage once found its port so taken), and where two stacks
/// started side by side could be handed the same one.
enum FreePort {
    private static let issued = Mutex(Set<Int>())

    static func find() throws -> Int {
        let ephemeralStart = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))
            .flatMap { Int($0.split(whereSeparator: \.isWhitespace).first ?? "") } ?? 32768
        let range = 20000..<max(20001, min(ephemeralStart, 32768))
        for _ in 0..<1000 {
            let port = Int.random(in: range)
            guard issued.withLock({ $0.insert(port).inserted }) else { continue }
            if isFree(port) { return port }
        }
        throw LocalStack.StartFailure(description: "no free port in \(range)")
    }

    private static func isFree(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
