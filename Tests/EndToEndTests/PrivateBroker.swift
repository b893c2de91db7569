import Foundation

/// A RabbitMQ node of a test's own, started and stopped with the project's `deploy/local/rabbitmq` script.
struct PrivateBroker {
    let environment: [String: String]
    let amqpURL: String

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init() throws {
        let ports = try (0..<4).map { _ in try FreePort.find() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        environment = [
            "INTAKE_LOCAL": FileManager.default.temporaryDirectory.appendingPathComponent("intake-broker-\(suffix)").path,
            "INTAKE_AMQP_PORT": "\(ports[0])",
            "INTAKE_RABBIT_MGMT_PORT": "\(ports[1])",
            "INTAKE_RABBIT_DIST_PORT": "\(ports[2])",
            "INTAKE_EPMD_PORT": "\(ports[3])",
            "INTAKE_RABBIT_NODENAME": "e2e\(suffix)@localhost",
        ]
        amqpURL = "amqp://guest:guest@127.0.0.1:\(ports[0])/"
    }

    func start() throws { try script("start") }
    func stop() throws { try script("stop") }

    private func script(_ action: String) throws {
        let process = Process()
        process.executableURL = Self.repositoryRoot.appendingPathComponent("deploy/local/rabbitmq")
        process.arguments = [action]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LocalStack.StartFailure(description: "deploy/local/rabbitmq \(action) exited \(process.terminationStatus)")
        }
    }
}
