import ArgumentParser
import ImportWorker
import IntakeServiceKit
import Logging

/// `import-worker`: consumes queued runs; start as many as you like.
@main
struct ImportWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-worker",
        abstract: "Intake's import worker (settings from the environment; see README)."
    )

    func run() async throws {
        let registry = ServiceProcess.bootstrap(label: "import-worker")
        let logger = Logger(label: "import-worker")
        let configuration = try WorkerConfiguration()
        let (application, dependencies) = try await buildWorker(configuration: configuration, registry: registry, logger: logger)
        try await ServiceRunner.run(application, after: dependencies, logger: logger)
    }
}
