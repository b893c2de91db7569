import struct Foundation.UUID
import IntakeDomain

/// Checks templates and plans before they are stored, so a frozen plan can always be applied.
public enum PlanValidator {
    private static let keyCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")

    /// Throws the first problem with a template's name and columns.
    public static func validate(templateName: String, columns: [TemplateColumn]) throws(PlanError) {
        guard !templateName.trimmingSpaces.isEmpty else { throw PlanError("name must not be empty") }
        guard !columns.isEmpty else { throw PlanError("columns must list at least one column") }
        var keys = Set<String>()
        for column in columns {
            guard !column.key.isEmpty, column.key.allSatisfy({ keyCharacters.contains($0) }) else {
                throw PlanError("column key \"\(column.key)\" must be non-empty letters, digits, _ - or .")
            }
            guard keys.insert(column.key).inserted else { throw PlanError("column key \"\(column.key)\" appears twice") }
            _ = try ColumnNormalizer(column: column, sheet: SheetSpec(key: "validation", templateId: UUID()), defaultCountry: "US")
        }
    }

    /// Throws the first problem with a plan, given the account's templates by id.
    public static func validate(plan: PlanSpec, templates: [UUID: Template]) throws(PlanError) {
        guard !plan.name.trimmingSpaces.isEmpty else { throw PlanError("name must not be empty") }
        guard !plan.sheets.isEmpty else { throw PlanError("sheets must list at least one sheet") }
        guard plan.defaultCountry.count == 2, plan.defaultCountry.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw PlanError("default_country must be an ISO 3166 alpha-2 code such as \"US\"")
        }
        var sheetKeys = Set<String>()
        for sheet in plan.sheets {
            guard !sheet.key.isEmpty else { throw PlanError("every sheet needs a key") }
            guard sheetKeys.insert(sheet.key).inserted else { throw PlanError("sheet key \"\(sheet.key)\" appears twice") }
            guard let template = templates[sheet.templateId] else {
                throw PlanError("sheet \"\(sheet.key)\": template \(sheet.templateId.uuidString.lowercased()) does not exist")
            }
            let columnKeys = Set(template.columns.map(\.key))
            for (name, keys) in [("mapping", Array(sheet.mapping.keys)), ("formats", Array(sheet.formats.keys)),
                                 ("value_maps", Array(sheet.valueMaps.keys)), ("defaults", Array(sheet.defaults.keys))] {
                if let unknown = keys.sorted().first(where: { !columnKeys.contains($0) }) {
                    throw PlanError("sheet \"\(sheet.key)\": \(name) names \"\(unknown)\", which is not a column of template \"\(template.name)\"")
                }
            }
            for column in template.columns {
                do {
                    _ = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: plan.defaultCountry)
                } catch {
                    throw PlanError("sheet \"\(sheet.key)\": \(error.message)")
                }
            }
        }
    }
}

extension String {
    var trimmingSpaces: String { ValueText.trimmed(self) }
}
