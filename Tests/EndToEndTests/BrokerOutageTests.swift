import Foundation
import IntakeTestSupport
import Testing

/// A broker outage delays runs and loses none: the outbox keeps the message until the broker is back.
@Suite(.serialized) struct BrokerOutageTests {
    @Test(.timeLimit(.minutes(5)))
    func aRunQueuedDuringABrokerOutageCompletesAfterItReturns() async throws {
        let broker = try PrivateBroker()
        try broker.start()
        let database = try await TestDatabase.create("intake_outage")
        let stack = try LocalStack(databaseURL: database.url, amqpURL: broker.amqpURL)
        defer { try? broker.stop() }
        do {
            try await stack.start()
            let client = IntakeClient(baseURL: stack.gatewayURL, apiKey: try stack.createAccount())
            let template = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
            let plan = try await client.createPlan(ImportLifecycleTests.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)

            try broker.stop()
            let created = try await client.createImport(company: company, ["rows": ImportLifecycleTests.rows])
            #expect(created.status == 201, "accepting an import needs Postgres only")
            let runId = try #require(created.json["run_id"] as? String)
            try await Task.sleep(for: .seconds(20))
            #expect(try await client.run(company: company, run: runId)["status"] as? String == "queued")

            try broker.start()
            let run = try await client.waitForRun(company: company, run: runId, seconds: 90)
            #expect(run["status"] as? String == "completed")
            #expect((run["report"] as? [String: Any])?["inserted"] as? Int == 2)
        } catch {
            await stack.stopAll()
            throw error
        }
        await stack.stopAll()
    }
}
