/// Which rows an export holds.
enum ExportFilter: String {
    case valid
    case invalid
    case all
}
