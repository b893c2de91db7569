import Foundation
import IntakeTestSupport
import XLSXTestSupport
import Testing

/// An XLSX workbook uploaded once feeds every plan sheet whose file pattern matches it, each from the
/// worksheet named like the sheet; a zip bomb fails the run with a clear error.
@Suite(.serialized) struct WorkbookImportTests {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func workbook(_ builder: WorkbookBuilder) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try builder.write(to: url)
        return Array(try Data(contentsOf: url))
    }

    @Test func oneWorkbookFeedsEverySheetByWorksheetName() async throws {
        try await LocalStack.with("e2e-xlsx") { _, client in
            let contacts = try await client.createTemplate(["name": "Contacts", "columns": [["key": "email", "type": "email", "required": true], ["key": "joined", "type": "date"]]])
            let deals = try await client.createTemplate(["name": "Deals", "columns": [["key": "deal", "type": "string", "required": true], ["key": "amount", "type": "decimal"]]])
            let plan = try await client.createPlan(["name": "CRM", "sheets": [
                ["key": "contacts", "template_id": contacts, "file": "crm*.xlsx"],
                ["key": "deals", "template_id": deals, "file": "crm*.xlsx"],
            ]])
            let company = try await client.createCompany(name: "Acme", planId: plan)
            var builder = WorkbookBuilder()
            builder.sheets = [
                ("Deals", WorkbookBuilder.row(["Deal", "Amount"]) + #"<row><c t="inlineStr"><is><t>Big one</t></is></c><c><v>1250.5</v></c></row>"#),
                ("Contacts", WorkbookBuilder.row(["E-mail", "Joined"]) + #"<row><c t="inlineStr"><is><t>ada@example.com</t></is></c><c s="1"><v>45356</v></c></row>"#),
            ]
            let ref = try await client.upload(company: company, name: "crm-2024.xlsx", bytes: try workbook(builder), contentType: Self.xlsx)
            let created = try await client.createImport(company: company, ["files": [["name": "crm-2024.xlsx", "upload_ref": ref]]])
            #expect(created.status == 201)
            let run = try await client.waitForRun(company: company, run: try #require(created.json["run_id"] as? String))
            #expect(run["status"] as? String == "completed", "\(run)")
            #expect(try await client.export(company: company, query: "sheet=contacts").body == "email,joined\r\nada@example.com,2024-03-05\r\n")
            #expect(try await client.export(company: company, query: "sheet=deals").body == "deal,amount\r\nBig one,1250.5\r\n")
        }
    }

    @Test func aZipBombFailsTheRunWithAClearError() async throws {
        try await LocalStack.with("e2e-xlsx-bomb") { _, client in
            let contacts = try await client.createTemplate(["name": "Contacts", "columns": [["key": "email", "type": "email", "required": true]]])
            let plan = try await client.createPlan(["name": "CRM", "sheets": [["key": "contacts", "template_id": contacts]]])
            let company = try await client.createCompany(name: "Acme", planId: plan)
            var builder = WorkbookBuilder()
            builder.sheets = [("Contacts", String(repeating: WorkbookBuilder.row([String(repeating: "A", count: 1_000)]), count: 20_000))]
            let ref = try await client.upload(company: company, name: "bomb.xlsx", bytes: try workbook(builder), contentType: Self.xlsx)
            let created = try await client.createImport(company: company, ["files": [["name": "bomb.xlsx", "upload_ref": ref]]])
            let run = try await client.waitForRun(company: company, run: try #require(created.json["run_id"] as? String))
            #expect(run["status"] as? String == "failed")
            let error = run["error"] as? [String: Any]
            #expect(error?["code"] as? String == "unreadable_file")
            #expect((error?["message"] as? String)?.contains("inflates") == true, "\(String(describing: error))")
        }
    }
}
