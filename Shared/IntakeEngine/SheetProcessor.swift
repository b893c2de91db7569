import IntakeDomain

/// Normalises and validates the records of one sheet against its template, one record at a time.
///
/// Memory is bounded by the template, not the file, except for `unique` columns, which must remember
/// every value they have seen.
public struct SheetProcessor {
    public let sheet: SheetSpec
    public let columns: [TemplateColumn]
    public let binding: HeaderBinding
    public private(set) var summary: SheetSummary
    private let normalizers: [ColumnNormalizer]
    private var seenUnique: [Int: Set<String>] = [:]

    public init(sheet: SheetSpec, template: Template, defaultCountry: String, headers: [String]) throws(PlanError) {
        self.sheet = sheet
        self.columns = template.columns
        self.binding = HeaderBinding(headers: headers, columns: template.columns, mapping: sheet.mapping)
        var normalizers: [ColumnNormalizer] = []
        for column in template.columns {
            normalizers.append(try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: defaultCountry))
        }
        self.normalizers = normalizers
        self.summary = SheetSummary(columnCount: template.columns.count)
        for (index, column) in template.columns.enumerated() where column.unique {
            seenUnique[index] = []
        }
    }

    /// Processes one record; nil for a blank record, which is skipped and counted.
    public mutating func process(number: Int, fields: [String]) -> ProcessedRow? {
        if fields.allSatisfy({ ValueText.trimmed($0).isEmpty }) {
            summary.blankRows += 1
            return nil
        }
        var values: [String] = []
        values.reserveCapacity(columns.count)
        var invalid: [InvalidCell] = []
        for (position, normalizer) in normalizers.enumerated() {
            let column = columns[position]
            var raw = ""
            if let index = binding.sourceIndex[position] {
                if index < fields.count {
                    raw = fields[index]
                } else if column.required {
                    invalid.append(cell(number, column, "", .missingCell, "the record has no cell for this column"))
                    values.append("")
                    continue
                }
            }
            switch normalizer.normalize(raw) {
            case .success(let canonical):
                if !canonical.isEmpty, seenUnique[position] != nil, !seenUnique[position]!.insert(canonical).inserted {
                    invalid.append(cell(number, column, raw, .uniqueError, "\"\(canonical)\" already appears in an earlier row"))
                }
                values.append(canonical)
            case .failure(let failure):
                invalid.append(cell(number, column, raw, failure.code, failure.message))
                values.append(ValueText.trimmed(raw))
            }
        }
        if fields.count > binding.headers.count {
            for index in binding.headers.count..<fields.count where !ValueText.trimmed(fields[index]).isEmpty {
                invalid.append(InvalidCell(
                    sheet: sheet.key, row: number, column: "#\(index + 1)", value: fields[index],
                    code: .extraCell, message: "the record has more cells than the header row"
                ))
            }
        }
        let row = ProcessedRow(number: number, values: values, invalidCells: invalid)
        summary.record(row)
        return row
    }

    private func cell(_ number: Int, _ column: TemplateColumn, _ value: String, _ code: InvalidCell.Code, _ message: String) -> InvalidCell {
        InvalidCell(sheet: sheet.key, row: number, column: column.key, value: value, code: code, message: message)
    }
}
