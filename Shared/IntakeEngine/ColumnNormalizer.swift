import IntakeDomain

/// Turns one raw cell of a template column into its canonical text, or a failure with a Frictionless code.
///
/// Order: trim, the plan's value map, the plan's default for empty cells, `required`, the type's reader
/// (set up with what the whole source column showed), then `pattern` on the canonical value.
///
/// Immutable once built (hence `@unchecked Sendable`: its regex is only read).
public final class ColumnNormalizer: @unchecked Sendable {
    enum Kind {
        case string
        case integer(IntegerNormalizer)
        case decimal(DecimalNormalizer)
        case boolean(BooleanNormalizer)
        case date(DateReader)
        case datetime(DateTimeReader)
        case email(EmailNormalizer)
        case phone(PhoneNormalizer)
        case url(URLNormalizer)
        case enumeration(EnumNormalizer)
    }

    public let column: TemplateColumn
    let kind: Kind
    let valueMap: [String: String]
    /// The value map by folded key (case, spacing, punctuation, accents), for spellings the plan did not list.
    let valueMapByKey: [String: String]
    let defaultValue: String?
    let pattern: Regex<AnyRegexOutput>?
    /// Whether `pattern` is set, read on every cell without copying (and retaining) the regex.
    let hasPattern: Bool

    /// Builds the normaliser of `column` under a sheet's formats, value maps and defaults, reading ambiguous
    /// values as `evidence` (the whole source column) decides.
    public init(column: TemplateColumn, sheet: SheetSpec, defaultCountry: String, evidence: ColumnEvidence = ColumnEvidence()) throws(PlanError) {
        self.column = column
        self.valueMap = sheet.valueMaps[column.key] ?? [:]
        var byKey: [String: String] = [:]
        for (source, target) in valueMap where byKey[EnumNormalizer.key(source)] == nil { byKey[EnumNormalizer.key(source)] = target }
        self.valueMapByKey = byKey
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
        self.hasPattern = column.pattern != nil
        let declared = sheet.formats[column.key]
        switch column.type {
        case .string: kind = .string
        case .integer: kind = .integer(IntegerNormalizer(decimal: Self.decimal(declared, evidence.numbers, defaultCountry)))
        case .decimal: kind = .decimal(Self.decimal(declared, evidence.numbers, defaultCountry))
        case .boolean: kind = .boolean(BooleanNormalizer())
        case .date:
            var format: DateFormat?
            if let declared {
                guard let parsed = DateFormat(declared) else {
                    throw PlanError("column \"\(column.key)\" has an unreadable date format \"\(declared)\"")
                }
                format = parsed
            }
            kind = .date(DateReader(declared: format, declaredName: declared, evidence: evidence.dates))
        case .datetime:
            let datePattern = declared.map { String($0.prefix { $0 != " " && $0 != "T" }) }
            let format = datePattern.flatMap(DateFormat.init)
            kind = .datetime(DateTimeReader(dates: DateReader(declared: format, declaredName: format == nil ? nil : datePattern, evidence: evidence.dates)))
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

    /// The column's decimal separator: what the column proves, else the plan's declared number format
    /// (e.g. `1.234,56` or `,`), else the country's convention; nil when the column shows both.
    private static func decimal(_ declared: String?, _ evidence: NumberEvidence, _ country: String) -> DecimalNormalizer {
        if evidence.decimalPoint > 0 || evidence.decimalComma > 0 {
            return DecimalNormalizer(decimalSeparator: evidence.decimalSeparator(country: country))
        }
        if let declared, let separator = declared.last(where: { $0 == "," || $0 == "." }) {
            return DecimalNormalizer(decimalSeparator: separator)
        }
        return DecimalNormalizer(decimalSeparator: evidence.decimalSeparator(country: country))
    }

    /// Whether a value needing no trimming is its own canonical value whatever it is: no value map, default
    /// or pattern applies (for a string column).
    var keepsWrittenValues: Bool { valueMap.isEmpty && defaultValue == nil && !hasPattern }

    /// A cell read from its bytes: kept as written, or repaired.
    enum BytesReading {
        case asWritten
        /// Repaired: a repair of this kind, which (read from bytes) names no `from`/`to`.
        case repaired(HealKind)
        /// A date written as numbers in the pattern of this slot, repaired to ISO (`dateHeal(patternSlot:)`).
        case dateRepaired(patternSlot: Int)
    }

    /// Whether its reader of cells from their bytes (`withBytesReader`) may read this column's cells: a type
    /// read byte by byte, and nothing else (value map, default, pattern; for a date, a declared format) in play.
    var readsBytes: Bool {
        guard keepsWrittenValues else { return false }
        switch kind {
        case .string, .email, .phone, .integer, .decimal: return true
        case .date(let reader): return reader.declared == nil
        default: return false
        }
    }

    /// The repair a `.dateRepaired(patternSlot:)` reading stands for.
    func dateHeal(patternSlot slot: Int) -> CellHeal {
        guard case .date(let reader) = kind else { preconditionFailure("a date repair of a \(column.type) column") }
        return reader.heal(patternSlot: slot)
    }

    /// Calls `user` with this column's reader of cells from their bytes, as its own type (for a column that
    /// does not `readsBytes`, one that leaves every cell to the text path).
    @inline(__always)
    func withBytesReader<User: CellBytesReaderUser>(_ user: inout User) -> User.Result {
        switch kind {
        case .string: user.use(StringBytesReader())
        case .email(let normalizer): user.use(EmailBytesReader(normalizer: normalizer))
        case .phone(let normalizer): user.use(PhoneBytesReader(normalizer: normalizer))
        case .integer(let normalizer): user.use(NumberBytesReader(decimal: normalizer.decimal, wholeNumber: true))
        case .decimal(let normalizer): user.use(NumberBytesReader(decimal: normalizer, wholeNumber: false))
        case .date(let reader): user.use(DateBytesReader(reader: reader))
        default: user.use(NoBytesReader())
        }
    }

    /// The canonical value of `raw` (empty string for an empty optional cell), or why it is invalid.
    public func normalize(_ raw: String) -> CellReading {
        var value = ValueText.trimmed(raw)
        if !valueMap.isEmpty, let mapped = valueMap[value] ?? (value.isEmpty ? nil : valueMapByKey[EnumNormalizer.key(value)]) { value = mapped }
        if value.isEmpty, let defaultValue { value = defaultValue }
        if value.isEmpty {
            return column.required ? .failure(CellFailure(.constraintError, "a value is required")) : .value("")
        }
        let reading: CellReading
        switch kind {
        case .string: reading = .value(value)
        case .integer(let normalizer): reading = normalizer.normalize(value)
        case .decimal(let normalizer): reading = normalizer.normalize(value)
        case .boolean(let normalizer): reading = normalizer.normalize(value)
        case .date(let normalizer): reading = normalizer.read(value)
        case .datetime(let normalizer): reading = normalizer.read(value)
        case .email(let normalizer): reading = normalizer.normalize(value)
        case .phone(let normalizer): reading = normalizer.normalize(value)
        case .url(let normalizer): reading = normalizer.normalize(value)
        case .enumeration(let normalizer): reading = normalizer.normalize(value)
        }
        guard hasPattern, let pattern, let canonical = reading.canonical else { return reading }
        guard (try? pattern.wholeMatch(in: canonical)) != nil else {
            return .failure(CellFailure(.constraintError, "\"\(value)\" does not match the pattern \(column.pattern ?? "")"))
        }
        return reading
    }
}
