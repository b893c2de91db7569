import ArgumentParser
import IntakeServiceKit
import Logging
import ReportService

/// `report-service`: exports and run reports, behind the gateway.
@main
struct ReportServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-service",
        abstract: "Intake's report service (settings from the environment; see README)."
    )

    func run() async throws {
        let registry = ServiceProcess.bootstrap(label: "report-service")
        let logger = Logger(label: "report-service")
        let configuration = try ReportConfiguration()
        let (application, dependencies) = try await buildReportService(configuration: configuration, registry: registry, logger: logger)
        try await ServiceRunner.run(application, after: dependencies, logger: logger)
    }
}
