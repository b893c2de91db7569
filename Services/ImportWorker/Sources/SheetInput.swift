import IntakeDomain

/// The source table of one plan sheet: its header row and records.
struct SheetInput {
    var sheet: SheetSpec
    var headers: [String]
    var records: [[String]]
}
