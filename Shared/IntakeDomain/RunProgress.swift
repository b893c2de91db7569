/// Where a run is in its work, for polling clients.
public struct RunProgress: Codable, Sendable, Equatable {
    public var phase: String
    public var rowsProcessed: Int
    public var message: String?

    public init(phase: String, rowsProcessed: Int = 0, message: String? = nil) {
        self.phase = phase
        self.rowsProcessed = rowsProcessed
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case phase, message
        case rowsProcessed = "rows_processed"
    }
}
