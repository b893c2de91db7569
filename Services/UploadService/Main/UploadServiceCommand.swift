import ArgumentParser
import IntakeServiceKit
import Logging
import UploadService

/// `upload-service`: receives file bytes on signed URLs.
@main
struct UploadServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload-service",
        abstract: "Intake's upload service (settings from the environment; see README)."
    )

    func run() async throws {
        let registry = ServiceProcess.bootstrap(label: "upload-service")
        let logger = Logger(label: "upload-service")
        let configuration = try UploadConfiguration()
        let (application, dependencies) = try await buildUploadService(configuration: configuration, registry: registry, logger: logger)
        try await ServiceRunner.run(application, after: dependencies, logger: logger)
    }
}
