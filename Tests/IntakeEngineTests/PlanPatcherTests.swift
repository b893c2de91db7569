import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct PlanPatcherTests {
    let plan = PlanSpec(name: "P", sheets: [SheetSpec(key: "contacts", templateId: UUID(), mapping: ["email": "Email"])])

    @Test func appliesEveryActionKind() throws {
        let patch = PlanPatch(summary: "fix", actions: [
            .init(type: .mapColumn, sheet: "contacts", column: "email", to: "E-mail Address"),
            .init(type: .setFormat, column: "joined", format: "DD/MM/YYYY"),
            .init(type: .mapValues, column: "tier", values: ["Gold+": "gold"]),
            .init(type: .setDefault, column: "country", value: "US"),
            .init(type: .dropInvalidRows),
        ], impact: .init(rowsFixed: 3, cellsChanged: 4))
        let revised = try PlanPatcher.apply(patch, answers: [], questions: [], to: plan)
        let sheet = revised.sheets[0]
        #expect(sheet.mapping == ["email": "E-mail Address"])
        #expect(sheet.formats == ["joined": "DD/MM/YYYY"])
        #expect(sheet.valueMaps == ["tier": ["Gold+": "gold"]])
        #expect(sheet.defaults == ["country": "US"])
    }

    @Test func answersAddTheChosenOptionsAction() throws {
        let question = NeedsAttention.Question(id: "q1", prompt: "Day or month first?", column: "joined", sampleValues: ["03/04/2024"], options: [
            .init(value: "dmy", label: "Day first", action: .init(type: .setFormat, column: "joined", format: "DD/MM/YYYY")),
            .init(value: "mdy", label: "Month first", action: .init(type: .setFormat, column: "joined", format: "MM/DD/YYYY")),
        ])
        let patch = PlanPatch(summary: "", actions: [], impact: .init(rowsFixed: 0, cellsChanged: 0))
        let revised = try PlanPatcher.apply(patch, answers: [.init(id: "q1", value: "mdy")], questions: [question], to: plan)
        #expect(revised.sheets[0].formats["joined"] == "MM/DD/YYYY")
        #expect(PlanPatcher.changesPlan(patch, answers: [.init(id: "q1", value: "mdy")]))
        #expect(!PlanPatcher.changesPlan(PlanPatch(summary: "", actions: [.init(type: .dropInvalidRows)], impact: .init(rowsFixed: 0, cellsChanged: 0)), answers: []))
        #expect(throws: PlanError.self) { try PlanPatcher.apply(patch, answers: [.init(id: "q1", value: "ymd")], questions: [question], to: plan) }
        #expect(throws: PlanError.self) { try PlanPatcher.apply(patch, answers: [.init(id: "q9", value: "dmy")], questions: [question], to: plan) }
    }

    @Test func actionsMustNameARealSheetAndAColumn() {
        let unknownSheet = PlanPatch(summary: "", actions: [.init(type: .setDefault, sheet: "deals", column: "x", value: "1")], impact: .init(rowsFixed: 0, cellsChanged: 0))
        #expect(throws: PlanError.self) { try PlanPatcher.apply(unknownSheet, answers: [], questions: [], to: plan) }
        let noColumn = PlanPatch(summary: "", actions: [.init(type: .setDefault, value: "1")], impact: .init(rowsFixed: 0, cellsChanged: 0))
        #expect(throws: PlanError.self) { try PlanPatcher.apply(noColumn, answers: [], questions: [], to: plan) }
    }
}
