import Foundation
import Testing

/// The compose stack stays valid and names every service.
@Suite struct DeploymentFilesTests {
    @Test func composeFileIsValidAndRunsEveryService() throws {
        let file = PrivateBroker.repositoryRoot.appendingPathComponent("deploy/docker-compose.yml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-compose", "-f", file.path, "config", "--services"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "docker-compose config failed: \(text)")
        let services = Set(text.split(separator: "\n").map(String.init))
        #expect(services.isSuperset(of: ["postgres", "rabbitmq", "migrate", "api-gateway", "upload-service", "import-worker", "report-service"]))
    }
}
