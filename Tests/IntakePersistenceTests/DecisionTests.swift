import Foundation
import IntakeDomain
import IntakePersistence
import IntakeTestSupport
import PostgresNIO
import Testing

@Suite struct DecisionTests {
    static let attention = NeedsAttention(questions: [], proposedPatch: PlanPatch(
        summary: "read joined as day-first", actions: [.init(type: .setFormat, sheet: "s", column: "email", format: "x")],
        impact: .init(rowsFixed: 2, cellsChanged: 2)
    ))

    func pausedRun(_ client: PostgresClient, _ fixtures: Fixtures, _ runs: PostgresRunRepository) async throws -> RunRecord {
        let run = try await runs.create(fixtures.newRun()).run
        let json = try JSONText.encode(Self.attention)
        try await client.query("UPDATE runs SET status = 'needs_attention', needs_attention = \(json)::jsonb WHERE id = \(run.id)")
        return run
    }

    @Test func approveWritesTheNextPlanVersionAndRequeues() async throws {
        let database = try await TestDatabase.create("intake_decide")
        try await database.withClient { client, logger in
            let fixtures = try await Fixtures.make(client: client, logger: logger)
            let runs = PostgresRunRepository(client: client, logger: logger)
            let run = try await pausedRun(client, fixtures, runs)
            #expect(try await runs.find(id: run.id)?.needsAttention == Self.attention)
            let decided = try #require(try await runs.decide(id: run.id, companyId: fixtures.company.id, approve: true) { pending in
                var plan = pending.plan
                plan.sheets[0].defaults["email"] = "x@example.com"
                let remembered = PostgresRunRepository.Revision.RememberedHeader(templateId: fixtures.template.id, headerKey: "contactmail", columnKey: "email")
                return .init(plan: plan, remember: [remembered], acceptInvalidRows: true)
            })
            #expect(decided.status == .queued)
            #expect(decided.review == .report, "a patch that drops invalid rows lets the re-run complete with them flagged")
            let memory = try await PostgresColumnMemoryRepository(client: client, logger: logger).memory(accountId: fixtures.accountId, templateIds: [fixtures.template.id])
            #expect(memory == [fixtures.template.id.uuidString.lowercased(): ["contactmail": "email"]])
            #expect(decided.planVersion == 2)
            #expect(decided.needsAttention == nil)
            let plans = PostgresPlanRepository(client: client, logger: logger)
            let current = try #require(try await plans.findCurrent(id: fixtures.plan.id, accountId: fixtures.accountId))
            #expect(current.version == 2)
            #expect(current.createdFromRun == run.id)
            #expect(current.spec.sheets[0].defaults == ["email": "x@example.com"])
            #expect(try await plans.find(id: fixtures.plan.id, version: 1)?.spec.sheets[0].defaults == [:], "versions are immutable")
            #expect(try await client.count("SELECT count(*)::int FROM outbox WHERE routing_key = 'run.queued'") == 2)
            await #expect(throws: PostgresRunRepository.InvalidTransition(current: .queued)) {
                _ = try await runs.decide(id: run.id, companyId: fixtures.company.id, approve: false) { _ in nil }
            }
        }
    }

    @Test func rejectCompletesAsItIs() async throws {
        let database = try await TestDatabase.create("intake_decide")
        try await database.withClient { client, logger in
            let fixtures = try await Fixtures.make(client: client, logger: logger)
            let runs = PostgresRunRepository(client: client, logger: logger)
            let run = try await pausedRun(client, fixtures, runs)
            let decided = try #require(try await runs.decide(id: run.id, companyId: fixtures.company.id, approve: false) { _ in
                Issue.record("reject must not revise the plan")
                return nil
            })
            #expect(decided.status == .completed)
            #expect(decided.planVersion == 1)
            #expect(try await runs.decide(id: UUID(), companyId: fixtures.company.id, approve: true) { _ in nil } == nil)
        }
    }
}
