import IntakeDomain

/// Turns one raw cell of a template column into its canonical text, or a failure with a Frictionless code.
///
/// Order: trim, the plan's value map, the plan's default for empty cells, `required`, the type's
/// normaliser, then `pattern` on the canonical value.
public struct ColumnNormalizer {
    enum Kind {
        case string
        case integer(IntegerNormalizer)
        case decimal(DecimalNormalizer)
        case boolean(BooleanNormalizer)
        case date(DateNormalizer)
        case datetime(DateTimeNormalizer)
        case email(EmailNormalizer)
        case phone(PhoneNormalizer)
        case url(URLNormalizer)
        case enumeration(EnumNormalizer)
    }

    public let column: TemplateColumn
    let kind: Kind
    let valueMap: [String: String]
    let defaultValue: String?
    let pattern: Regex<AnyRegexOutput>?

    /// Builds the normaliser of `column` under a sheet's formats, value maps and defaults.
    public init(column: TemplateColumn, sheet: SheetSpec, defaultCountry: String) throws(PlanError) {
        self.column = column
        self.valueMap = sheet.valueMaps[column.key] ?? [:]
        self.defaultValue = sheet.defaults[column.key]
        if let pattern = column.pattern {
            do {
                self.pattern = try Regex(pattern)
            } catch {
                throw PlanError("column \"\(column.key)\" has an invalid pattern: \(pattern)")
            }
        } else {
            self.pattern = nil
        }
        switch column.type {
        case .string: kind = .string
        case .integer: kind = .integer(IntegerNormalizer())
        case .decimal: kind = .decimal(DecimalNormalizer())
        case .boolean: kind = .boolean(BooleanNormalizer())
        case .date:
            let name = sheet.formats[column.key] ?? "YYYY-MM-DD"
            guard let format = DateFormat(name) else {
                throw PlanError("column \"\(column.key)\" has an unreadable date format \"\(name)\"")
            }
            kind = .date(DateNormalizer(format: format, formatName: name))
        case .datetime: kind = .datetime(DateTimeNormalizer())
        case .email: kind = .email(EmailNormalizer())
        case .phone: kind = .phone(PhoneNormalizer(defaultCountry: defaultCountry))
        case .url: kind = .url(URLNormalizer())
        case .enum:
            guard let values = column.values, !values.isEmpty else {
                throw PlanError("enum column \"\(column.key)\" needs a non-empty values list")
            }
            kind = .enumeration(EnumNormalizer(allowed: values))
        }
    }

    /// The canonical value of `raw` (empty string for an empty optional cell), or why it is invalid.
    public func normalize(_ raw: String) -> Result<String, CellFailure> {
        var value = ValueText.trimmed(raw)
        if let mapped = valueMap[value] { value = mapped }
        if value.isEmpty, let defaultValue { value = defaultValue }
        if value.isEmpty {
            return column.required ? .failure(CellFailure(.constraintError, "a value is required")) : .success("")
        }
        let result: Result<String, CellFailure>
        switch kind {
        case .string: result = .success(value)
        case .integer(let normalizer): result = normalizer.normalize(value)
        case .decimal(let normalizer): result = normalizer.normalize(value)
        case .boolean(let normalizer): result = normalizer.normalize(value)
        case .date(let normalizer): result = normalizer.normalize(value)
        case .datetime(let normalizer): result = normalizer.normalize(value)
        case .email(let normalizer): result = normalizer.normalize(value)
        case .phone(let normalizer): result = normalizer.normalize(value)
        case .url(let normalizer): result = normalizer.normalize(value)
        case .enumeration(let normalizer): result = normalizer.normalize(value)
        }
        guard case .success(let canonical) = result, let pattern else { return result }
        guard (try? pattern.wholeMatch(in: canonical)) != nil else {
            return .failure(CellFailure(.constraintError, "\"\(value)\" does not match the pattern \(column.pattern ?? "")"))
        }
        return result
    }
}
