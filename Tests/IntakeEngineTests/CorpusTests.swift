import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

/// Runs every case of the drift corpus (`Tests/Fixtures/corpus`, written by its `generate.py`) through the
/// engine as a run would: a file that pauses is approved with its first proposed patch and run again with
/// the next plan version; the valid export must then equal the expected file cell for cell.
@Suite struct CorpusTests {
    struct Case: Decodable {
        struct Expect: Decodable {
            var status: String
            var heals: [String]
            var invalidRowsAfter: Int

            enum CodingKeys: String, CodingKey {
                case status, heals
                case invalidRowsAfter = "invalid_rows_after"
            }
        }

        var plan: PlanSpec
        var expect: Expect
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus")
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/case.json").path) }
        .sorted()

    static let template = Template(
        id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, name: "Contacts",
        columns: [
            TemplateColumn(key: "email", type: .email, required: true, unique: true),
            TemplateColumn(key: "first_name", label: "First name", type: .string),
            TemplateColumn(key: "last_name", label: "Last name", type: .string),
            TemplateColumn(key: "phone", type: .phone),
            TemplateColumn(key: "signed_up", type: .date),
            TemplateColumn(key: "amount", type: .decimal),
            TemplateColumn(key: "active", type: .boolean),
            TemplateColumn(key: "tier", type: .enum, values: ["customer", "partner", "prospect"]),
        ],
        createdAt: Date()
    )

    @Test func corpusIsThere() {
        #expect(Self.cases.count >= 20, "found \(Self.cases) in \(Self.folder.path)")
    }

    @Test(arguments: cases)
    func driftedFileImportsAsExpected(name: String) async throws {
        let directory = Self.folder.appendingPathComponent(name)
        let spec = try JSONDecoder().decode(Case.self, from: Data(contentsOf: directory.appendingPathComponent("case.json")))
        let bytes = Array(try Data(contentsOf: directory.appendingPathComponent("input.csv")))
        let expected = try String(contentsOf: directory.appendingPathComponent("expected.csv"), encoding: .utf8)

        let (first, firstSink) = try await run(bytes, plan: spec.plan, review: spec.plan.review)
        var sink = firstSink
        var healing: [HealingEvent] = []
        switch first {
        case .completed(_, let heals):
            #expect(spec.expect.status == "completed", "\(name) completed, but a careful human would have asked")
            healing = heals
        case .needsAttention(_, let heals, let attention):
            #expect(spec.expect.status == "needs_attention", "\(name) paused: \(attention.questions.map(\.prompt)) \(attention.proposedPatch.summary)")
            healing = heals
            let actions = try PlanPatcher.actions(attention.proposedPatch, answers: [], questions: attention.questions)
            let next = try PlanPatcher.apply(actions, to: spec.plan)
            let review: ReviewMode = actions.contains { $0.type == .dropInvalidRows } ? .report : spec.plan.review
            let (second, secondSink) = try await run(bytes, plan: next, review: review)
            guard case .completed(let report, _) = second else {
                Issue.record("\(name): the first proposed patch did not complete the run: \(second)")
                return
            }
            #expect(report.invalidRowCount == spec.expect.invalidRowsAfter, "\(name)")
            sink = secondSink
        }
        let kinds = Set(healing.map(\.kind))
        for kind in spec.expect.heals {
            #expect(kinds.contains(kind), "\(name) should report a \(kind) heal; it reported \(kinds.sorted())")
        }
        let header = CSVRecordWriter.record(Self.template.columns.map(\.key))
        let actual = ([header] + sink.validCSV("contacts")).joined(separator: "\n") + "\n"
        #expect(actual == expected, "\(name): export differs")
    }

    func run(_ bytes: [UInt8], plan: PlanSpec, review: ReviewMode) async throws -> (ImportOutcome, MemorySink) {
        let source = DelimitedTextSource(bytes: bytes, fileName: "input.csv", sheet: "contacts", chunkSize: 5)
        var sink = MemorySink()
        let outcome = try await ImportEngine(plan: plan, review: review)
            .run([SheetJob(sheet: plan.sheets[0], template: Self.template, source: source)], into: &sink)
        return (outcome, sink)
    }
}
