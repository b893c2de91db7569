/// The outcome of reading one cell: its canonical value (possibly repaired on the way), or why it failed.
public enum CellReading: Sendable, Equatable {
    /// Already canonical, or the declared form.
    case value(String)
    /// Canonical only after a repair, which the run reports.
    case healed(String, CellHeal)
    case failure(CellFailure)

    /// The canonical value, nil on failure.
    public var canonical: String? {
        switch self {
        case .value(let value), .healed(let value, _): value
        case .failure: nil
        }
    }

    /// A repair of kind `kind` when `canonical` differs from what was written, else the plain value.
    static func checked(_ canonical: String, written: String, kind: HealKind) -> CellReading {
        canonical == written ? .value(canonical) : .healed(canonical, CellHeal(kind: kind))
    }
}

/// One repair made to a cell. Format heals name the formats (`from` declared, `to` found); value heals leave
/// them nil and the run reports an example cell instead.
public struct CellHeal: Sendable, Equatable, Hashable {
    public var kind: HealKind
    public var from: String?
    public var to: String?

    public init(kind: HealKind, from: String? = nil, to: String? = nil) {
        self.kind = kind
        self.from = from
        self.to = to
    }
}

/// The kinds of repair a run reports in its `healing` list.
public enum HealKind: String, Sendable, Hashable, CaseIterable {
    case renamedHeader = "renamed_header"
    case reorderedColumns = "reordered_columns"
    case extraColumn = "extra_column"
    case dateFormat = "date_format"
    case numberFormat = "number_format"
    case booleanFormat = "boolean_format"
    case phoneFormat = "phone_format"
    case enumValue = "enum_value"
    case encoding
    case delimiter
    case headerRow = "header_row"
    case trimmed
}

extension CellReading {
    /// The canonical value or the failure, dropping what was repaired.
    public var result: Result<String, CellFailure> {
        switch self {
        case .value(let value), .healed(let value, _): .success(value)
        case .failure(let failure): .failure(failure)
        }
    }
}
