import Foundation
import IntakeTestSupport
import Testing

/// A service that cannot start exits with its error, so a supervisor sees it and restarts it: a second copy
/// of each service, given a port the running one holds, must exit non-zero within seconds. (The gateway and
/// the worker once hung instead, in about a third of starts: the failing server cancelled every service at
/// once, and a transaction of the outbox relay then waited forever on its closed connection.)
@Suite struct ProcessLifecycleTests {
    static let services = [
        ("api-gateway", "INTAKE_GATEWAY_PORT"), ("upload-service", "INTAKE_UPLOAD_PORT"),
        ("report-service", "INTAKE_REPORT_PORT"), ("import-worker", "INTAKE_WORKER_PORT"),
    ]

    @Test func aServiceWhosePortIsTakenExitsWithItsError() async throws {
        try await LocalStack.with("e2e-ports") { stack, _ in
            // Each start is a new roll of the race: several per service.
            for attempt in 1...4 {
                for (name, portVariable) in Self.services {
                    let label = "\(name)-again-\(attempt)"
                    let process = try stack.launch(name, extra: [portVariable: stack.environment[portVariable]!], as: label)
                    for _ in 0..<200 where process.isRunning {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    #expect(!process.isRunning, "\(label) still running 10 s after its port was refused")
                    await stack.stop(label, signal: SIGKILL)
                    #expect(process.terminationStatus != 0)
                    #expect(stack.log(label).contains("Address already in use"), "\(label): \(stack.log(label))")
                }
            }
        }
    }
}
