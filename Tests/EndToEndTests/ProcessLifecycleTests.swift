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

    /// A worker told to stop while it imports goes on for its grace period (1 s here), then hands the run over:
    /// it exits at once, cleanly, keeping none of the run's rows; the run is queued again, uncharged, and the
    /// next worker imports it whole.
    @Test func aWorkerStoppedMidRunHandsItsRunOverToTheNext() async throws {
        try await LocalStack.with("e2e-handover", extra: ["INTAKE_SHUTDOWN_GRACE_SECONDS": "1"]) { stack, client in
            let template = try await client.createTemplate(["name": "Contacts", "columns": [
                ["key": "email", "type": "email", "required": true, "unique": true], ["key": "n", "type": "integer"],
                ["key": "note", "type": "string"],
            ]])
            let plan = try await client.createPlan(["name": "Contacts", "review": "report", "sheets": [["key": "contacts", "template_id": template]]])
            let company = try await client.createCompany(name: "Handover", planId: plan)
            // Long enough for the import to be under way well past the grace period (a debug build heals ~70,000
            // of these rows a second); written by awk, which takes a fraction of a second where a debug build's
            // string appends take minutes.
            let count = 300_000
            let script = #"BEGIN { print "email,n,note"; for (n = 1; n <= \#(count); n++) printf "person%d@example.com,%d,note %d\n", n, n, n % 97 }"#
            let text = try #require(try Tools.run(["awk", script], input: []))
            let upload = try await client.upload(company: company, name: "contacts.csv", text: text)
            let runId = try #require(try await client.createImport(company: company, ["files": [["name": "contacts.csv", "upload_ref": upload]]]).json["run_id"] as? String)
            var status = ""
            for _ in 0..<400 where status != "running" {
                status = try await client.run(company: company, run: runId)["status"] as? String ?? ""
                if status != "running" { try await Task.sleep(for: .milliseconds(25)) }
            }
            try #require(status == "running")

            let stopped = ContinuousClock.now
            #expect(await stack.stop("import-worker") == 0, "a stopping worker exits cleanly")
            #expect(ContinuousClock.now - stopped < .seconds(8), "it waits out its grace, not the import")
            #expect(stack.log("import-worker").contains("handed over to another worker"), "\(stack.log("import-worker"))")

            let run = try await client.run(company: company, run: runId)
            #expect(run["status"] as? String == "queued", "handed over, not left to its lease: \(run)")
            #expect(try stack.sql("SELECT attempt FROM runs WHERE id = '\(runId)'") == "0", "the attempt is not charged")
            #expect(try stack.sql("SELECT count(*) FROM sheet_rows WHERE run_id = '\(runId)'") == "0", "nothing of the attempt is kept")
            #expect(try stack.sql("""
                SELECT detail->>'reason' FROM run_events WHERE run_id = '\(runId)' AND from_status = 'running' AND to_status = 'queued'
                """) == "worker stopping")

            try stack.launch("import-worker", extra: ["INTAKE_WORKER_PORT": "0"], as: "import-worker-2")
            let finished = try await client.waitForRun(company: company, run: runId, seconds: 180)
            #expect(finished["status"] as? String == "completed")
            #expect((finished["report"] as? [String: Any])?["inserted"] as? Int == count)
            #expect(try stack.sql("SELECT attempt FROM run_events WHERE run_id = '\(runId)' AND to_status = 'completed'") == "1")
            #expect(try stack.sql("SELECT count(*) FROM sheet_rows WHERE run_id = '\(runId)'") == "\(count)")
        }
    }

    /// Claims that fail for a while (Postgres failing over, here a trigger refusing them for 10 s) are retried
    /// with the delivery held, so the run starts once Postgres answers. (Requeued after a second each, the
    /// message used up the work queue's delivery limit in about five and was dead-lettered: the run stayed
    /// queued until a reminder, five minutes on.)
    @Test func aRunWhoseClaimFailsForSecondsStartsOncePostgresAnswers() async throws {
        try await LocalStack.with("e2e-claims") { stack, client in
            let template = try await client.createTemplate(["name": "Notes", "columns": [["key": "note", "type": "string", "required": true]]])
            let plan = try await client.createPlan(["name": "Notes", "review": "report", "sheets": [["key": "notes", "template_id": template]]])
            let company = try await client.createCompany(name: "Claims", planId: plan)
            _ = try stack.sql("""
                CREATE FUNCTION e2e_refuse_claims() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'claims are refused for this test'; END $$;
                CREATE TRIGGER e2e_refuse_claims BEFORE UPDATE ON runs FOR EACH ROW
                    WHEN (OLD.status = 'queued' AND NEW.status = 'running') EXECUTE FUNCTION e2e_refuse_claims();
                """)
            let runId = try #require(try await client.createImport(company: company, ["rows": [["note": "one"], ["note": "two"]]]).json["run_id"] as? String)
            try await Task.sleep(for: .seconds(10))
            #expect(try await client.run(company: company, run: runId)["status"] as? String == "queued")
            _ = try stack.sql("DROP TRIGGER e2e_refuse_claims ON runs")

            let run = try await client.waitForRun(company: company, run: runId, seconds: 30)
            #expect(run["status"] as? String == "completed", "\(run)\nworker log:\n\(stack.log("import-worker"))")
            #expect(stack.log("import-worker").contains("could not claim run; retrying"))
            #expect(try stack.sql("SELECT attempt FROM runs WHERE id = '\(runId)'") == "1", "failed claims charge no attempt")
        }
    }
}
