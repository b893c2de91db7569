import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct ImportEngineTests {
    let template = Template(id: UUID(), name: "Contacts", columns: [
        TemplateColumn(key: "email", type: .email, required: true, unique: true),
        TemplateColumn(key: "signed_up", type: .date),
        TemplateColumn(key: "tier", type: .enum, values: ["customer", "partner"]),
    ], createdAt: Date())

    func plan(review: ReviewMode = .gate, mapping: [String: String] = [:], formats: [String: String] = [:]) -> PlanSpec {
        PlanSpec(name: "p", sheets: [SheetSpec(key: "contacts", templateId: template.id, mapping: mapping, formats: formats)], review: review)
    }

    func run(_ csv: String, plan: PlanSpec, headSize: Int = 10_000) async throws -> (ImportOutcome, MemorySink) {
        let source = DelimitedTextSource(bytes: Array(csv.utf8), fileName: "contacts.csv", sheet: "contacts", chunkSize: 7)
        var sink = MemorySink()
        let outcome = try await ImportEngine(plan: plan, review: plan.review, headSize: headSize)
            .run([SheetJob(sheet: plan.sheets[0], template: template, source: source)], into: &sink)
        return (outcome, sink)
    }

    @Test func evidenceAfterTheHeadRereadsTheSheet() async throws {
        let csv = "email,signed_up,tier\na@x.io,03/04/2024,customer\nb@x.io,05/06/2024,partner\nc@x.io,25/12/2023,customer\n"
        let (outcome, sink) = try await run(csv, plan: plan(), headSize: 2)
        guard case .completed(let report, let healing) = outcome else {
            Issue.record("expected completion, got \(outcome)")
            return
        }
        #expect(sink.discarded == ["contacts"], "the head saw no day over 12; the third record did")
        #expect(sink.validCSV("contacts") == ["a@x.io,2024-04-03,customer", "b@x.io,2024-06-05,partner", "c@x.io,2023-12-25,customer"])
        #expect(report.invalidRowCount == 0)
        let heal = try #require(healing.first { $0.kind == "date_format" })
        #expect(heal.to == "DD/MM/YYYY" && heal.cells == 3)
    }

    @Test func undecidableDatesPauseWithAMeasuredPatchThatCompletesTheRun() async throws {
        let csv = "E-mail Address,Signup Date,Tier\na@x.io,03/04/2024,Customer\nb@x.io,05/06/2024,partner\nc@x.io,2024-01-02,cust\n"
        let (outcome, _) = try await run(csv, plan: plan())
        guard case .needsAttention(let report, let healing, let attention) = outcome else {
            Issue.record("expected a pause, got \(outcome)")
            return
        }
        #expect(report.invalidRowCount == 3)
        #expect(healing.contains { $0.kind == "renamed_header" && $0.column == "email" && $0.to == "E-mail Address" })
        let question = try #require(attention.questions.first { $0.column == "signed_up" })
        #expect(question.options.map(\.value) == ["MM/DD/YYYY", "DD/MM/YYYY"])
        let actions = attention.proposedPatch.actions
        #expect(actions.contains(PlanPatch.Action(type: .setFormat, sheet: "contacts", column: "signed_up", format: "MM/DD/YYYY")))
        #expect(actions.contains(PlanPatch.Action(type: .mapValues, sheet: "contacts", column: "tier", values: ["cust": "customer"])))
        #expect(!actions.contains { $0.type == .dropInvalidRows }, "the patch fixes every row")
        #expect(attention.proposedPatch.impact == PlanPatch.Impact(rowsFixed: 3, cellsChanged: 3))

        let approved = try PlanPatcher.apply(attention.proposedPatch, answers: [], questions: attention.questions, to: plan())
        let (rerun, sink) = try await run(csv, plan: approved)
        guard case .completed(let rerunReport, _) = rerun else {
            Issue.record("the approved patch must complete the run, got \(rerun)")
            return
        }
        #expect(rerunReport.invalidRowCount == 0)
        #expect(sink.validCSV("contacts") == ["a@x.io,2024-03-04,customer", "b@x.io,2024-05-06,partner", "c@x.io,2024-01-02,customer"])

        let answered = try PlanPatcher.apply(attention.proposedPatch, answers: [DecisionRequest.Answer(id: question.id, value: "DD/MM/YYYY")], questions: attention.questions, to: plan())
        let (_, europe) = try await run(csv, plan: answered)
        #expect(europe.validCSV("contacts").first == "a@x.io,2024-04-03,customer", "an answer overrides the proposal")
    }

    @Test func trulyBadValuesAreDroppedByTheProposalAndReportModeOnlySuggests() async throws {
        let csv = "email,signed_up,tier\nnot-an-email,2024-01-01,customer\nb@x.io,2024-01-02,partner\n"
        let (outcome, sink) = try await run(csv, plan: plan(review: .report))
        guard case .completed(let report, _) = outcome else {
            Issue.record("report mode completes, got \(outcome)")
            return
        }
        #expect(sink.validCSV("contacts") == ["b@x.io,2024-01-02,partner"])
        let suggestion = try #require(report.suggestion)
        #expect(suggestion.proposedPatch.actions == [PlanPatch.Action(type: .dropInvalidRows)])
        #expect(suggestion.proposedPatch.summary.contains("1 row(s)"))
    }

    @Test func aMissingRequiredColumnWithAWeakCandidateBecomesAQuestion() async throws {
        let csv = "Contact,Joined\na@x.io,2024-01-01\nb@x.io,2024-01-02\nc@x.io,2024-01-03\n"
        let twoEmailish = "Contact,Backup,Joined\na@x.io,z@x.io,2024-01-01\nb@x.io,y@x.io,2024-01-02\nc@x.io,w@x.io,2024-01-03\n"
        let (single, singleSink) = try await run(csv, plan: plan())
        guard case .completed = single else {
            Issue.record("one column full of emails is the email column, got \(single)")
            return
        }
        #expect(singleSink.validCSV("contacts").count == 3)
        let (outcome, _) = try await run(twoEmailish, plan: plan())
        guard case .needsAttention(_, _, let attention) = outcome else {
            Issue.record("two candidate columns must not be guessed, got \(outcome)")
            return
        }
        let question = try #require(attention.questions.first { $0.column == "email" })
        #expect(Set(question.options.prefix(2).map(\.value)) == ["Contact", "Backup"])
        #expect(!question.sampleValues.isEmpty)
    }
}

@Suite struct LinkValidationTests {
    @Test func aLinkToNothingIsAForeignKeyErrorWhicheverSheetComesFirst() async throws {
        let contacts = Template(id: UUID(), name: "Contacts", columns: [TemplateColumn(key: "email", type: .email, required: true)], createdAt: Date())
        let deals = Template(id: UUID(), name: "Deals", columns: [
            TemplateColumn(key: "deal", type: .string, required: true),
            TemplateColumn(key: "contact", type: .email, link: .init(template: "contacts", column: "email")),
        ], createdAt: Date())
        let plan = PlanSpec(name: "crm", sheets: [SheetSpec(key: "deals", templateId: deals.id), SheetSpec(key: "contacts", templateId: contacts.id)], review: .report)
        let jobs = [
            SheetJob(sheet: plan.sheets[0], template: deals, source: InlineRowsSource(table: InlineRows(headers: ["deal", "contact"], records: [["Big", "ADA@x.io"], ["Lost", "nobody@x.io"], ["Open", ""]]))),
            SheetJob(sheet: plan.sheets[1], template: contacts, source: InlineRowsSource(table: InlineRows(headers: ["email"], records: [["ada@x.io"], ["not-an-email"]]))),
        ]
        var sink = MemorySink()
        let outcome = try await ImportEngine(plan: plan, review: .report).run(jobs, into: &sink)
        guard case .completed(let report, _) = outcome else {
            Issue.record("report mode completes, got \(outcome)")
            return
        }
        #expect(report.sheets.map(\.sheet) == ["deals", "contacts"], "the report keeps the plan's order")
        #expect(sink.validCSV("deals") == ["Big,ada@x.io", "Open,"])
        let lost = try #require(sink.rows["deals"]?.first { $0.number == 2 })
        #expect(lost.invalidCells.map(\.code) == [.foreignKey])
        #expect(lost.invalidCells.first?.message == "\"nobody@x.io\" matches no email of sheet \"contacts\"")
    }
}
