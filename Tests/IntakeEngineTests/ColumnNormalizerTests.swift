import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct ColumnNormalizerTests {
    let sheet = SheetSpec(key: "s", templateId: UUID())

    @Test func trimsIncludingNoBreakSpaces() throws {
        let normalizer = try ColumnNormalizer(column: TemplateColumn(key: "name", type: .string), sheet: sheet, defaultCountry: "US")
        #expect(normalizer.normalize("\u{00A0} Ada \t").result == .success("Ada"))
    }

    @Test func requiredEmptyIsConstraintError() throws {
        let normalizer = try ColumnNormalizer(column: TemplateColumn(key: "email", type: .email, required: true), sheet: sheet, defaultCountry: "US")
        #expect(normalizer.normalize("  ") == .failure(CellFailure(.constraintError, "a value is required")))
    }

    @Test func optionalEmptyIsEmpty() throws {
        let normalizer = try ColumnNormalizer(column: TemplateColumn(key: "n", type: .integer), sheet: sheet, defaultCountry: "US")
        #expect(normalizer.normalize("").result == .success(""))
    }

    @Test func valueMapsAndDefaultsApplyBeforeTheType() throws {
        var sheet = self.sheet
        sheet.valueMaps = ["tier": ["Gold Plus": "gold"]]
        sheet.defaults = ["tier": "silver"]
        let column = TemplateColumn(key: "tier", type: .enum, values: ["gold", "silver"])
        let normalizer = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: "US")
        #expect(normalizer.normalize("Gold Plus").result == .success("gold"))
        #expect(normalizer.normalize("").result == .success("silver"))
        #expect(normalizer.normalize("GOLD").result == .success("gold"))
        guard case .failure(let failure) = normalizer.normalize("bronze").result else {
            Issue.record("bronze accepted")
            return
        }
        #expect(failure.code == .constraintError)
    }

    @Test func patternChecksTheCanonicalValue() throws {
        let column = TemplateColumn(key: "sku", type: .string, pattern: "[A-Z]{3}-[0-9]+")
        let normalizer = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: "US")
        #expect(normalizer.normalize("ABC-12").result == .success("ABC-12"))
        #expect(throws: CellFailure.self) { try normalizer.normalize("abc-12").result.get() }
    }

    @Test func badPatternAndEnumAreRejectedUpFront() {
        #expect(throws: PlanError.self) {
            try ColumnNormalizer(column: TemplateColumn(key: "x", type: .string, pattern: "("), sheet: sheet, defaultCountry: "US")
        }
        #expect(throws: PlanError.self) {
            try ColumnNormalizer(column: TemplateColumn(key: "x", type: .enum), sheet: sheet, defaultCountry: "US")
        }
    }
}
