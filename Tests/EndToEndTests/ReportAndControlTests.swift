import Foundation
import IntakeTestSupport
import Testing

/// Invalid-cell listings, gzip and ZIP exports, cancel and rate limits, as a client sees them.
@Suite(.serialized) struct ReportAndControlTests {
    func withStack(extra: [String: String] = [:], _ body: (LocalStack, IntakeClient) async throws -> Void) async throws {
        try await LocalStack.with("report", extra: extra, body)
    }

    @Test func invalidCellsArePagedAndExportsCompress() async throws {
        try await withStack { _, client in
            let template = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
            let plan = try await client.createPlan(ImportLifecycleTests.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)
            let rows: [[String: Any]] = (1...5).map { ["E-mail": "bad\($0)", "seats": "x\($0)"] } + [["E-mail": "ok@example.com"]]
            let runId = try #require(try await client.createImport(company: company, ["rows": rows]).json["run_id"] as? String)
            _ = try await client.waitForRun(company: company, run: runId)

            var seen: [[String: Any]] = []
            var cursor: String?
            repeat {
                let page = try await client.invalidCells(company: company, run: runId, query: "limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == 200)
                seen += page.json["cells"] as? [[String: Any]] ?? []
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 10)
            #expect(seen.first?["row"] as? Int == 1)
            #expect(seen.first?["column"] as? String == "email")
            #expect(seen.first?["code"] as? String == "type-error")
            #expect(seen.first?["value"] as? String == "bad1")
            #expect(seen.last?["row"] as? Int == 5)
            #expect(try await client.invalidCells(company: company, run: runId, query: "limit=0").status == 400)
            #expect(try await client.invalidCells(company: company, run: UUID().uuidString).status == 404)

            let gzipped = try await client.exportBytes(company: company, query: "filter=invalid", headers: ["accept-encoding": "gzip"])
            #expect(gzipped.headers["content-encoding"] == "gzip")
            #expect(Array(gzipped.body.prefix(2)) == [0x1F, 0x8B])
            let plain = try await client.export(company: company, query: "filter=invalid")
            #expect(try Tools.gunzip(gzipped.body) == plain.body)
            #expect(plain.body.split(separator: "\r\n").count == 6)
        }
    }

    @Test func aMultiSheetPlanExportsAZipOfEverySheet() async throws {
        try await withStack { _, client in
            let contacts = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
            let deals = try await client.createTemplate(["name": "Deals", "columns": [["key": "deal", "type": "string", "required": true], ["key": "amount", "type": "decimal"]]])
            let plan = try await client.createPlan(["name": "Two sheets", "review": "report", "sheets": [
                ["key": "contacts", "template_id": contacts, "file": "contacts*.csv", "mapping": ["email": "E-mail"]],
                ["key": "deals", "template_id": deals, "file": "deals*.csv"],
            ]])
            let company = try await client.createCompany(name: "Acme", planId: plan)
            let first = try await client.upload(company: company, name: "contacts.csv", text: "E-mail,seats\nada@example.com,3\n")
            let second = try await client.upload(company: company, name: "deals-2024.csv", text: "deal,amount\nBig one,\"$1,250.50\"\n,3\n")
            let created = try await client.createImport(company: company, ["files": [
                ["name": "deals-2024.csv", "upload_ref": second], ["name": "contacts.csv", "upload_ref": first],
            ]])
            #expect(created.status == 201)
            let run = try await client.waitForRun(company: company, run: try #require(created.json["run_id"] as? String))
            #expect(run["status"] as? String == "completed")

            let zip = try await client.exportBytes(company: company, query: "filter=all")
            #expect(zip.headers["content-type"] == "application/zip")
            #expect(zip.headers["x-total-records"] == "3")
            let entries = try #require(try Tools.unzip(zip.body))
            #expect(entries["contacts-all.csv"] == "email,first_name,signup_date,vip,seats\r\nada@example.com,,,,3\r\n")
            #expect(entries["deals-all.csv"] == "deal,amount\r\nBig one,1250.50\r\n,3\r\n")
            let single = try await client.export(company: company, query: "sheet=deals")
            #expect(single.body == "deal,amount\r\nBig one,1250.50\r\n")
        }
    }

    @Test func cancelEndsAnActiveRunOnly() async throws {
        try await withStack { stack, client in
            await stack.stop("import-worker")
            let template = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
            let plan = try await client.createPlan(ImportLifecycleTests.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)
            let runId = try #require(try await client.createImport(company: company, ["rows": ImportLifecycleTests.rows]).json["run_id"] as? String)
            let canceled = try await client.cancel(company: company, run: runId)
            #expect(canceled.status == 200)
            #expect(canceled.json["status"] as? String == "canceled")
            #expect(try await client.cancel(company: company, run: runId).status == 409)
            try stack.launch("import-worker", extra: ["INTAKE_WORKER_PORT": "0"], as: "import-worker-2")
            let next = try await client.createImport(company: company, ["rows": ImportLifecycleTests.rows])
            #expect(next.status == 201, "a canceled run frees the company's slot")
            let finished = try await client.waitForRun(company: company, run: try #require(next.json["run_id"] as? String))
            #expect(finished["status"] as? String == "completed")
            #expect(try await client.run(company: company, run: runId)["status"] as? String == "canceled", "the worker skipped the canceled run")
        }
    }

    /// While a worker imports a run, polls see its progress and a cancel goes through at once; the worker then
    /// leaves it (the company's next import completes; that nothing of it is kept is RunRepositoryTests').
    /// Both waited for the import to end while the result's transaction locked the run.
    @Test func aRunningImportShowsProgressAndCanBeCanceled() async throws {
        try await withStack { _, client in
            let template = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
            let plan = try await client.createPlan(ImportLifecycleTests.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)
            // Long enough for several heartbeats (every 2 s here) in a debug build.
            let text = "E-mail,First Name,seats\n" + (1...800_000).map { "person\($0)@example.com,P\($0),\($0 % 90)\n" }.joined()
            let upload = try await client.upload(company: company, name: "contacts.csv", text: text)
            let runId = try #require(try await client.createImport(company: company, ["files": [["name": "contacts.csv", "upload_ref": upload]]]).json["run_id"] as? String)

            var run: [String: Any] = [:]
            var progressWhileRunning = false
            for _ in 0..<1_200 {
                run = try await client.run(company: company, run: runId)
                let status = run["status"] as? String
                if status == "running", let progress = run["progress"] as? [String: Any], (progress["rows_processed"] as? Int ?? 0) > 0 {
                    progressWhileRunning = true
                    break
                }
                if status != "queued", status != "running" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(progressWhileRunning, "rows processed reported while the run is running: \(run)")

            let canceled = try await client.cancel(company: company, run: runId)
            #expect(canceled.status == 200, "the cancel goes through while the worker imports: \(canceled.json)")
            #expect(canceled.json["status"] as? String == "canceled")

            let next = try await client.createImport(company: company, ["rows": ImportLifecycleTests.rows])
            #expect(next.status == 201, "a canceled run frees the company's slot")
            let finished = try await client.waitForRun(company: company, run: try #require(next.json["run_id"] as? String))
            #expect(finished["status"] as? String == "completed", "the worker left the canceled run for the next one")
            #expect(try await client.run(company: company, run: runId)["status"] as? String == "canceled")
        }
    }

    @Test func aBurstPastTheRateLimitIsRefusedWithRetryAfter() async throws {
        try await withStack(extra: ["INTAKE_RATE_LIMIT_PER_SECOND": "1", "INTAKE_RATE_LIMIT_BURST": "5"]) { _, client in
            // Requests one after another until one is refused: a slow machine may see a token or two refilled
            // (one a second) before the bucket runs dry, never more than the time taken allows.
            var statuses: [Int] = []
            var refused: [String: String] = [:]
            let started = ContinuousClock.now
            while refused.isEmpty, statuses.count < 20 {
                let response = try await client.call("GET", "/v1/templates")
                statuses.append(response.status)
                if response.status == 429 { refused = response.headers }
            }
            let elapsed = ContinuousClock.now - started
            #expect(statuses.prefix(5).allSatisfy { $0 == 200 })
            #expect(statuses.last == 429)
            #expect(statuses.filter { $0 == 200 }.count <= 5 + Int(elapsed.components.seconds) + 1, "\(statuses) in \(elapsed)")
            #expect(refused["retry-after"].flatMap(Int.init).map { $0 >= 1 } == true)
            #expect(refused["ratelimit-limit"] == "5")
            #expect(refused["ratelimit-remaining"] == "0")
        }
    }
}
