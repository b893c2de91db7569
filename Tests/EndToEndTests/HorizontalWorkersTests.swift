import Foundation
import IntakeTestSupport
import Testing

/// Several import-worker processes share the queue: many companies' imports each complete exactly once,
/// spread over the workers and running side by side.
@Suite(.serialized) struct HorizontalWorkersTests {
    static let companies = 40
    static let rowsPerImport = 2_000

    @Test func fourWorkersCompleteFortyCompaniesImportsExactlyOnceEach() async throws {
        try await LocalStack.with("e2e-scale") { stack, client in
            await stack.stop("import-worker")
            let template = try await client.createTemplate(["name": "Contacts", "columns": [
                ["key": "email", "type": "email", "required": true, "unique": true], ["key": "n", "type": "integer"],
            ]])
            let plan = try await client.createPlan(["name": "Contacts", "review": "report", "sheets": [["key": "contacts", "template_id": template]]])
            var companies: [String] = []
            for index in 0..<Self.companies {
                companies.append(try await client.createCompany(name: "Company \(index)", planId: plan))
            }
            // Queued while no worker runs, then four workers start and take them from the queue side by side.
            var runs: [(String, String)] = []
            for (index, company) in companies.enumerated() {
                let rows: [[String: Any]] = (0..<Self.rowsPerImport).map { ["email": "c\(index)-\($0)@example.com", "n": "\($0)"] }
                let created = try await client.createImport(company: company, ["rows": rows])
                #expect(created.status == 201)
                runs.append((company, try #require(created.json["run_id"] as? String)))
            }
            for index in 1...4 {
                // Half of them heal a sheet's columns on one lane, half on two.
                _ = try stack.launch("import-worker", extra: ["INTAKE_WORKER_PORT": "0", "INTAKE_WORKER_LANES": "\(index % 2 + 1)"], as: "import-worker-\(index)")
            }
            for (company, run) in runs {
                let finished = try await client.waitForRun(company: company, run: run, seconds: 180)
                #expect(finished["status"] as? String == "completed")
                #expect((finished["report"] as? [String: Any])?["inserted"] as? Int == Self.rowsPerImport)
            }
            #expect(try stack.sql("SELECT count(*) FROM run_events WHERE to_status = 'completed'") == "\(Self.companies)", "each run completes once")
            #expect(try stack.sql("SELECT count(DISTINCT run_id) FROM run_events WHERE to_status = 'completed'") == "\(Self.companies)")
            #expect(try stack.sql("SELECT count(*) FROM sheet_rows") == "\(Self.companies * Self.rowsPerImport)", "no row is written twice")
            let workers = Int(try stack.sql("SELECT count(DISTINCT detail->>'worker') FROM run_events WHERE to_status = 'running'") ?? "") ?? 0
            #expect(workers >= 3, "the runs spread over the workers (\(workers) took some)")
            let overlapping = Int(try stack.sql("""
                SELECT count(*) FROM runs a JOIN runs b ON a.id < b.id
                WHERE a.started_at < b.finished_at AND b.started_at < a.finished_at
                """) ?? "") ?? 0
            #expect(overlapping > 0, "runs of different companies proceed at the same time")
        }
    }
}
