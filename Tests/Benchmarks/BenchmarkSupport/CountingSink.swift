import IntakeEngine

/// Counts rows and, when `encodes`, encodes each as the worker would store it (straight into a reused
/// buffer), without a database.
public struct CountingSink: RowSink {
    public let encodes: Bool
    public private(set) var rows = 0
    public private(set) var bytes = 0
    private var block = [UInt8](repeating: 0, count: 1 << 20)

    public init(encodes: Bool) {
        self.encodes = encodes
    }

    public mutating func beginSheet(_ key: String) async throws {}
    public mutating func write(_ batch: RowBatch, sheet: String) async throws {
        guard encodes else {
            rows += batch.count
            return
        }
        batch.withRecordWriter { records in
            for row in 0..<batch.count {
                let longest = records.maximumCount(row)
                if block.count < longest { block = [UInt8](repeating: 0, count: longest) }
                bytes += block.withUnsafeMutableBytes { records.write(row, to: $0) }
                rows += 1
            }
        }
    }
    public mutating func discardSheet(_ key: String) async throws { rows = 0 }
    public mutating func endSheet(_ key: String) async throws {}
}
