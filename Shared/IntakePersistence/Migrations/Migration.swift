/// One forward-only schema change, applied once in its own transaction.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every migration this build knows, in order.
    public static let all: [Migration] = [.initialSchema, .opsViews, .uploads, .invalidCellOrder, .columnMemory, .blobCompression, .rowBlocks, .runChangeNotify, .rowBlockReading, .queuedRunIndex]

    /// The schema version this build needs; services refuse to start on an older database.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}
