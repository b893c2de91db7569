import Foundation
import IntakeTestSupport
import Testing

/// Drives the four real processes over HTTP exactly as a client would.
@Suite(.serialized) struct ImportLifecycleTests {
    static var contactsTemplate: [String: Any] { [
        "name": "Contacts",
        "columns": [
            ["key": "email", "type": "email", "required": true, "unique": true],
            ["key": "first_name", "type": "string"],
            ["key": "signup_date", "type": "date"],
            ["key": "vip", "type": "boolean"],
            ["key": "seats", "type": "integer"],
        ],
    ] }

    /// The lifecycle tests' plan: `report` review, so runs with invalid rows complete with them flagged
    /// (the `gate` loop has its own tests in ReviewLoopTests).
    static func plan(template: String) -> [String: Any] {
        ["name": "Contacts v1", "review": "report", "sheets": [[
            "key": "contacts", "template_id": template,
            "mapping": ["email": "E-mail", "first_name": "First Name", "signup_date": "Signed up"],
            "formats": ["signup_date": "DD/MM/YYYY"],
        ]]]
    }

    static var rows: [[String: Any]] { [
        ["E-mail": " Ada@Example.com ", "First Name": "Ada", "Signed up": "31/12/2023", "vip": "yes", "seats": "1,200"],
        ["E-mail": "grace@example.com", "First Name": "Grace", "Signed up": "01/02/2024", "vip": "no", "seats": 12],
        ["E-mail": "not-an-email", "First Name": "=cmd|' /C calc'!A0", "Signed up": "05/06/2024", "vip": true, "seats": "3"],
    ] }

    func withStack(_ body: (LocalStack, IntakeClient) async throws -> Void) async throws {
        try await LocalStack.with("e2e", body)
    }

    /// How many row blocks the run's rows are stored in.
    func storedBlocks(_ stack: LocalStack, run: String) throws -> Int {
        Int(try stack.sql("SELECT count(*) FROM sheet_row_blocks WHERE run_id = '\(run)'") ?? "") ?? 0
    }

    @Test func inlineRowsImportCompleteAndExportByFilter() async throws {
        try await withStack { stack, client in
            let template = try await client.createTemplate(Self.contactsTemplate)
            let plan = try await client.createPlan(Self.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)

            let created = try await client.createImport(company: company, ["rows": Self.rows])
            #expect(created.status == 201)
            #expect(created.json["status"] as? String == "queued")
            let runId = try #require(created.json["run_id"] as? String)
            #expect((created.json["poll_url"] as? String)?.hasSuffix("/imports/\(runId.lowercased())") == true)

            let run = try await client.waitForRun(company: company, run: runId)
            #expect(run["status"] as? String == "completed")
            #expect(run["plan_version"] as? Int == 1)
            let report = try #require(run["report"] as? [String: Any])
            #expect(report["inserted"] as? Int == 2)
            #expect(report["invalid_row_count"] as? Int == 1)
            #expect(report["invalid_cell_count"] as? Int == 1)

            let valid = try await client.export(company: company, query: "filter=valid")
            #expect(valid.status == 200)
            #expect(valid.headers["content-type"] == "text/csv; charset=utf-8")
            #expect(valid.headers["x-total-records"] == "2")
            #expect(valid.headers["content-disposition"]?.hasPrefix("attachment") == true)
            #expect(valid.body == "email,first_name,signup_date,vip,seats\r\nada@example.com,Ada,2023-12-31,true,1200\r\ngrace@example.com,Grace,2024-02-01,false,12\r\n")

            let invalid = try await client.export(company: company, query: "filter=invalid")
            #expect(invalid.body == "email,first_name,signup_date,vip,seats\r\nnot-an-email,'=cmd|' /C calc'!A0,2024-06-05,true,3\r\n")
            let all = try await client.export(company: company, query: "filter=all")
            #expect(all.headers["x-total-records"] == "3")
            #expect(all.body.split(separator: "\r\n").count == 4)
            #expect(try await client.export(company: company, query: "filter=bogus").status == 400)

            // report-service counts lifecycle events as it consumes them, a moment after the run completes.
            let expected = #"intake_run_transitions_total{status="completed"} 1"#
            var metrics = try await HTTP.request("GET", stack.reportURL + "/metrics").2
            for _ in 0..<100 where !metrics.contains(expected) {
                try await Task.sleep(for: .milliseconds(100))
                metrics = try await HTTP.request("GET", stack.reportURL + "/metrics").2
            }
            #expect(metrics.contains(expected), "report-service log:\n\(stack.log("report-service"))")
            // The refused export is counted as the 400 it was answered with, not as a server error.
            #expect(metrics.contains(#"hb_requests{http_route="/internal/companies/{id}/export.csv",http_request_method="GET",http_response_status_code="400"} 1"#))
            #expect(!metrics.contains(#"http_response_status_code="500""#))
        }
    }

    /// Dates that read either way for the first 10,000 records (the head the worker decides on), then a day
    /// over 12: the sheet is read again, its first attempt's stored rows (several blocks) are replaced, and
    /// every row comes out once, read day first.
    @Test func aSheetReadAgainIsStoredOnceAcrossBlocks() async throws {
        try await withStack { stack, client in
            let template = try await client.createTemplate(["name": "Signups", "columns": [
                ["key": "n", "type": "integer", "required": true, "unique": true], ["key": "signed_up", "type": "date"],
                ["key": "note", "type": "string"],
            ]])
            let plan = try await client.createPlan(["name": "Signups", "review": "report", "sheets": [["key": "signups", "template_id": template]]])
            let company = try await client.createCompany(name: "Late evidence", planId: plan)
            let count = 12_000
            let rows: [[String: Any]] = (1...count).map { n in
                ["n": "\(n)", "signed_up": n == count ? "25/12/2023" : "0\(n % 9 + 1)/04/2024", "note": n % 1000 == 0 ? "x\"y, \(n)" : "plain text \(n)"]
            }
            let created = try await client.createImport(company: company, ["rows": rows])
            let runId = try #require(created.json["run_id"] as? String)
            let run = try await client.waitForRun(company: company, run: runId)
            #expect(run["status"] as? String == "completed")
            #expect((run["report"] as? [String: Any])?["inserted"] as? Int == count)
            #expect(try storedBlocks(stack, run: runId) > 1, "the rows span several blocks")

            let all = try await client.export(company: company, query: "filter=all")
            let lines = all.body.components(separatedBy: "\r\n").dropLast()
            #expect(lines.count == count + 1)
            #expect(lines.first == "n,signed_up,note")
            #expect(lines[1] == "1,2024-04-02,plain text 1")
            #expect(lines[1000] == "1000,2024-04-02,\"x\"\"y, 1000\"")
            #expect(lines.last == "\(count),2023-12-25,\"x\"\"y, \(count)\"")
            #expect(Set(lines.dropFirst().map { $0.prefix { $0 != "," } }).count == count, "each row once")
        }
    }


    /// A file of several upload chunks (stored a few at a time, on separate connections) whose rows fill
    /// many blocks (several inserts queued on the run's connection at once) comes back row for row, in order.
    @Test func aFileOfManyChunksAndBlocksComesBackRowForRow() async throws {
        try await withStack { stack, client in
            let template = try await client.createTemplate(Self.contactsTemplate)
            let plan = try await client.createPlan(Self.plan(template: template))
            let company = try await client.createCompany(name: "Bulk", planId: plan)
            let count = 80_000
            var text = "E-mail,First Name,Signed up,vip,seats\n"
            var valid = ["email,first_name,signup_date,vip,seats"]
            var invalid = 0
            for n in 1...count {
                let (day, month) = (n % 28 + 1, n % 12 + 1)
                let bad = n % 997 == 0
                let email = bad ? "person\(n)-at-example.com" : "Person\(n)@Example.com"
                text += "\(email),P\(n),\(day < 10 ? "0" : "")\(day)/\(month < 10 ? "0" : "")\(month)/2024,\(n % 2 == 0 ? "yes" : "no"),\(n % 500)\n"
                if bad {
                    invalid += 1
                } else {
                    let date = "2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                    valid.append("person\(n)@example.com,P\(n),\(date),\(n % 2 == 0),\(n % 500)")
                }
            }
            #expect(text.utf8.count > 3 << 20, "more than three upload chunks")
            let upload = try await client.upload(company: company, name: "contacts.csv", text: text)
            let created = try await client.createImport(company: company, ["files": [["name": "contacts.csv", "upload_ref": upload]]])
            let runId = try #require(created.json["run_id"] as? String)
            let run = try await client.waitForRun(company: company, run: runId)
            #expect(run["status"] as? String == "completed")
            #expect((run["report"] as? [String: Any])?["invalid_row_count"] as? Int == invalid)

            #expect(try storedBlocks(stack, run: runId) > 6, "the rows span more blocks than are inserted at once")
            let exported = try await client.export(company: company, query: "filter=valid")
            #expect(exported.headers["x-total-records"] == "\(count - invalid)")
            let lines = exported.body.components(separatedBy: "\r\n").dropLast()
            #expect(lines.count == valid.count)
            #expect(Array(lines) == valid, "every valid row, as healed, in file order")
        }
    }
    @Test func aSecondImportWaitsForTheFirstAndBadRequestsAreClear() async throws {
        try await withStack { stack, client in
            let template = try await client.createTemplate(Self.contactsTemplate)
            let plan = try await client.createPlan(Self.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)

            #expect(try await client.createImport(company: company, [:]).status == 400)
            #expect(try await client.createImport(company: company, ["rows": []]).status == 400)
            let other = IntakeClient(baseURL: stack.gatewayURL, apiKey: try stack.createAccount(name: "Other"))
            #expect(try await other.createImport(company: company, ["rows": Self.rows]).status == 404)
            let anonymous = IntakeClient(baseURL: stack.gatewayURL, apiKey: "ik_nope")
            let denied = try await anonymous.call("GET", "/v1/templates")
            #expect(denied.status == 401)
            #expect(denied.json["code"] as? String == "unauthorized")
            #expect(denied.headers["x-request-id"] == denied.json["request_id"] as? String)

            let first = try await client.createImport(company: company, ["rows": Self.rows, "idempotency_key": "k-1"])
            let replay = try await client.createImport(company: company, ["rows": Self.rows, "idempotency_key": "k-1"])
            #expect(replay.status == 201)
            #expect(replay.headers["idempotent-replayed"] == "true")
            #expect(replay.json["run_id"] as? String == first.json["run_id"] as? String)
            let runId = try #require(first.json["run_id"] as? String)
            _ = try await client.waitForRun(company: company, run: runId)
            let second = try await client.createImport(company: company, ["rows": Array(Self.rows.prefix(1))])
            #expect(second.status == 201)

            let revoked = try stack.admin(["revoke-key", "--prefix", String(other.apiKey.prefix(11))])
            #expect(revoked["revoked"] as? Int == 1)
            try await Task.sleep(for: .milliseconds(1_200))  // the gateway trusts a live key for INTAKE_API_KEY_CACHE_SECONDS (1 in tests)
            #expect(try await other.call("GET", "/v1/templates").status == 401)
            #expect(try await client.call("GET", "/v1/templates").status == 200)
        }
    }

    @Test func aRunQueuedWhileTheWorkerIsDownCompletesWhenOneStarts() async throws {
        try await withStack { stack, client in
            await stack.stop("import-worker")
            let template = try await client.createTemplate(Self.contactsTemplate)
            let plan = try await client.createPlan(Self.plan(template: template))
            let company = try await client.createCompany(name: "Acme", planId: plan)
            let runId = try #require(try await client.createImport(company: company, ["rows": Self.rows]).json["run_id"] as? String)
            try await Task.sleep(for: .seconds(1))
            #expect(try await client.run(company: company, run: runId)["status"] as? String == "queued")
            try stack.launch("import-worker", extra: ["INTAKE_WORKER_PORT": "0"], as: "import-worker-2")
            let run = try await client.waitForRun(company: company, run: runId)
            #expect(run["status"] as? String == "completed")
        }
    }
}
