/// One repair the engine made to the source data, reported on the run.
public struct HealingEvent: Codable, Sendable, Equatable {
    public var kind: String
    public var sheet: String
    public var column: String?
    public var from: String?
    public var to: String?
    public var confidence: Double?
    public var cells: Int?

    public init(kind: String, sheet: String, column: String? = nil, from: String? = nil, to: String? = nil, confidence: Double? = nil, cells: Int? = nil) {
        self.kind = kind
        self.sheet = sheet
        self.column = column
        self.from = from
        self.to = to
        self.confidence = confidence
        self.cells = cells
    }
}
