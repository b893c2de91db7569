/// Which rows an export holds.
enum ExportFilter: String {
    case valid
    case invalid
    case all
}

extension ExportFilter {
    /// Whether a row that is (or is not) invalid belongs in this export.
    func selects(invalid: Bool) -> Bool {
        switch self {
        case .valid: !invalid
        case .invalid: invalid
        case .all: true
        }
    }
}
