import IntakeDomain
import IntakeEngine

/// The source of one plan sheet: which sheet it feeds and where its records come from.
struct SheetInput: Sendable {
    var sheet: SheetSpec
    var source: any RecordSource
}
