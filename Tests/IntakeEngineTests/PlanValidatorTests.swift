import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct PlanValidatorTests {
    let template = Template(id: UUID(), name: "T", columns: [TemplateColumn(key: "d", type: .date)], createdAt: Date())

    @Test func acceptsAGoodPlan() throws {
        let plan = PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: template.id, mapping: ["d": "Date"], formats: ["d": "DD/MM/YYYY"])])
        try PlanValidator.validate(plan: plan, templates: [template.id: template])
    }

    @Test func namesTheProblem() {
        func message(_ plan: PlanSpec) -> String? {
            do {
                try PlanValidator.validate(plan: plan, templates: [template.id: template])
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(PlanSpec(name: "P", sheets: [])) == "sheets must list at least one sheet")
        #expect(message(PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: UUID())]))?.contains("does not exist") == true)
        #expect(message(PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: template.id, mapping: ["x": "X"])])) ==
            "sheet \"s\": mapping names \"x\", which is not a column of template \"T\"")
        #expect(message(PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: template.id, formats: ["d": "banana"])]))?.contains("unreadable date format") == true)
        #expect(message(PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: template.id)], defaultCountry: "usa"))?.contains("default_country") == true)
        #expect(message(PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: template.id), SheetSpec(key: "s", templateId: template.id)])) == "sheet key \"s\" appears twice")
    }

    @Test func templatesNeedUniqueWellFormedKeys() {
        #expect(throws: PlanError.self) { try PlanValidator.validate(templateName: "T", columns: []) }
        #expect(throws: PlanError.self) { try PlanValidator.validate(templateName: "T", columns: [TemplateColumn(key: "a b", type: .string)]) }
        #expect(throws: PlanError.self) {
            try PlanValidator.validate(templateName: "T", columns: [TemplateColumn(key: "a", type: .string), TemplateColumn(key: "a", type: .integer)])
        }
        #expect(throws: PlanError.self) { try PlanValidator.validate(templateName: " ", columns: [TemplateColumn(key: "a", type: .string)]) }
    }
}
