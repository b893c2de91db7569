import Foundation
import IntakeDomain
import IntakeEngine

/// The template of the contacts file deploy/bench/generate_contacts.py writes (ten typed columns, as
/// deploy/bench/run's plan), and the engine run over it that the engine benchmarks time.
public enum BenchTemplate {
    public static let contacts = Template(id: UUID(), name: "Contacts", columns: [
        TemplateColumn(key: "email", type: .email, required: true, unique: true),
        TemplateColumn(key: "first_name", type: .string), TemplateColumn(key: "last_name", type: .string),
        TemplateColumn(key: "phone", type: .phone), TemplateColumn(key: "signed_up", type: .date),
        TemplateColumn(key: "amount", type: .decimal), TemplateColumn(key: "active", type: .boolean),
        TemplateColumn(key: "tier", type: .enum, values: ["customer", "partner", "prospect"]),
        TemplateColumn(key: "city", type: .string), TemplateColumn(key: "notes", type: .string),
    ], createdAt: Date())

    /// The same columns, every one an optional plain string: the engine's floor, all it does to a cell that
    /// no type reads (parse, map, copy, hash and count as distinct; no normalising, no `unique` check).
    /// Timed beside `contacts`, it splits the engine's time into the floor and what normalising adds.
    public static let untyped = Template(
        id: UUID(), name: "Contacts, untyped", columns: contacts.columns.map { TemplateColumn(key: $0.key, type: .string) }, createdAt: Date()
    )

    /// Runs the engine over `bytes` (a contacts CSV, read in 1 MiB chunks as the worker reads a blob) in
    /// `lanes` lanes under a `report` plan mapping it onto `template` (`contacts` or `untyped`), every row
    /// into `sink`.
    public static func run(_ bytes: [UInt8], lanes: Int, template: Template = contacts, into sink: inout some RowSink) async throws -> ImportOutcome {
        let plan = PlanSpec(name: "bench", sheets: [SheetSpec(key: "contacts", templateId: template.id)], review: .report)
        let source = DelimitedTextSource(bytes: bytes, fileName: "contacts.csv", sheet: "contacts", chunkSize: 1 << 20)
        let job = SheetJob(sheet: plan.sheets[0], template: template, source: source)
        return try await ImportEngine(plan: plan, review: .report, lanes: lanes).run([job], into: &sink)
    }
}
