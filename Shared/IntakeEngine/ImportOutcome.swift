import IntakeDomain

/// How the engine finished a run's data.
public enum ImportOutcome: Sendable, Equatable {
    /// Every row is in; invalid rows (if any) flagged. In `report` mode the report may carry a suggestion.
    case completed(RunReport, healing: [HealingEvent])
    /// Rows still fail (or a column could not be bound safely) and the plan asks for a human first.
    case needsAttention(RunReport, healing: [HealingEvent], NeedsAttention)
}

/// One plan sheet to import: its spec, its template and where its records come from.
public struct SheetJob: Sendable {
    public var sheet: SheetSpec
    public var template: Template
    public var source: any RecordSource

    public init(sheet: SheetSpec, template: Template, source: any RecordSource) {
        self.sheet = sheet
        self.template = template
        self.source = source
    }
}
