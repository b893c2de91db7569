import Foundation
import IntakeTestSupport
import Testing

/// The `gate` review loop over HTTP: a run whose rows still fail pauses with questions and a measured patch;
/// approving it writes the next plan version, re-runs and completes; an approved header is remembered.
@Suite(.serialized) struct ReviewLoopTests {
    static var template: [String: Any] { [
        "name": "Contacts",
        "columns": [
            ["key": "email", "type": "email", "required": true, "unique": true],
            ["key": "signed_up", "type": "date"],
            ["key": "tier", "type": "enum", "values": ["customer", "partner"]],
        ],
    ] }

    @Test func aPausedRunApprovedWithItsPatchCompletesWithTheNextPlanVersion() async throws {
        try await LocalStack.with("e2e-review") { _, client in
            let template = try await client.createTemplate(Self.template)
            let plan = try await client.createPlan(["name": "Contacts", "sheets": [["key": "contacts", "template_id": template, "mapping": ["email": "Email"]]]])
            let company = try await client.createCompany(name: "Acme", planId: plan)
            let rows: [[String: Any]] = [
                ["Email": "a@example.com", "Signed up": "03/04/2024", "Tier": "Customer"],
                ["Email": "b@example.com", "Signed up": "05/06/2024", "Tier": "cust"],
            ]
            let runId = try #require(try await client.createImport(company: company, ["rows": rows]).json["run_id"] as? String)
            let paused = try await client.waitForRun(company: company, run: runId)
            #expect(paused["status"] as? String == "needs_attention")
            let attention = try #require(paused["needs_attention"] as? [String: Any])
            let questions = try #require(attention["questions"] as? [[String: Any]])
            let dateQuestion = try #require(questions.first { $0["column"] as? String == "signed_up" })
            #expect((dateQuestion["options"] as? [[String: Any]])?.compactMap { $0["value"] as? String } == ["MM/DD/YYYY", "DD/MM/YYYY"])
            let patch = try #require(attention["proposed_patch"] as? [String: Any])
            let impact = try #require(patch["impact"] as? [String: Any])
            #expect(impact["rows_fixed"] as? Int == 2)
            #expect((paused["report"] as? [String: Any])?["invalid_row_count"] as? Int == 2)

            let decided = try await client.call("POST", "/v1/companies/\(company)/imports/\(runId)/decisions", [
                "decision": "approve", "answers": [["id": dateQuestion["id"] as? String ?? "", "value": "DD/MM/YYYY"]],
            ])
            #expect(decided.status == 200)
            #expect(decided.json["plan_version"] as? Int == 2)
            let finished = try await client.waitForRun(company: company, run: runId)
            #expect(finished["status"] as? String == "completed")
            #expect(finished["plan_version"] as? Int == 2)
            let export = try await client.export(company: company, query: "")
            #expect(export.body == "email,signed_up,tier\r\na@example.com,2024-04-03,customer\r\nb@example.com,2024-06-05,customer\r\n")
            let version = try await client.call("GET", "/v1/plans/\(plan)/versions/2")
            let sheets = (version.json["spec"] as? [String: Any])?["sheets"] as? [[String: Any]] ?? (version.json["sheets"] as? [[String: Any]] ?? [])
            #expect((sheets.first?["formats"] as? [String: String])?["signed_up"] == "DD/MM/YYYY")
        }
    }

    @Test func anApprovedHeaderIsRememberedForTheAccount() async throws {
        try await LocalStack.with("e2e-memory") { _, client in
            let template = try await client.createTemplate(Self.template)
            let plan = try await client.createPlan(["name": "Contacts", "sheets": [["key": "contacts", "template_id": template]]])
            let rows: [[String: Any]] = [
                ["Work": "a@example.com", "Home": "x@example.org"],
                ["Work": "b@example.com", "Home": "y@example.org"],
                ["Work": "c@example.com", "Home": "z@example.org"],
            ]
            let first = try await client.createCompany(name: "First", planId: plan)
            let runId = try #require(try await client.createImport(company: first, ["rows": rows]).json["run_id"] as? String)
            let paused = try await client.waitForRun(company: first, run: runId)
            #expect(paused["status"] as? String == "needs_attention", "two columns of emails: a human picks")
            let question = try #require(((paused["needs_attention"] as? [String: Any])?["questions"] as? [[String: Any]])?.first { $0["column"] as? String == "email" })
            let decided = try await client.call("POST", "/v1/companies/\(first)/imports/\(runId)/decisions", [
                "decision": "approve", "answers": [["id": question["id"] as? String ?? "", "value": "Home"]],
            ])
            #expect(decided.status == 200)
            #expect(try await client.waitForRun(company: first, run: runId)["status"] as? String == "completed")

            let freshPlan = try await client.createPlan(["name": "Contacts again", "sheets": [["key": "contacts", "template_id": template]]])
            let second = try await client.createCompany(name: "Second", planId: freshPlan)
            let again = try #require(try await client.createImport(company: second, ["rows": rows]).json["run_id"] as? String)
            let run = try await client.waitForRun(company: second, run: again)
            #expect(run["status"] as? String == "completed", "the approved header is remembered: \(run)")
            let heal = (run["healing"] as? [[String: Any]] ?? []).first { $0["kind"] as? String == "renamed_header" }
            #expect(heal?["to"] as? String == "Home")
            #expect(try await client.export(company: second, query: "").body == "email,signed_up,tier\r\nx@example.org,,\r\ny@example.org,,\r\nz@example.org,,\r\n")
        }
    }
}
