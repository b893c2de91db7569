/// Why a workbook cannot be read; every case names what to fix.
public enum XLSXError: Error, Equatable, CustomStringConvertible {
    case notAWorkbook(String)
    case malformed(String)
    case tooLarge(String)
    case noSuchSheet(String)

    public var description: String {
        switch self {
        case .notAWorkbook(let detail): "the file is not an XLSX workbook: \(detail)"
        case .malformed(let detail): "the workbook is malformed: \(detail)"
        case .tooLarge(let detail): "the workbook is too large to read safely: \(detail)"
        case .noSuchSheet(let detail): detail
        }
    }
}

/// Bounds that keep a hostile or broken workbook (a zip bomb) from exhausting memory or disk.
public struct XLSXLimits: Sendable, Equatable {
    /// Entries in the archive.
    public var maxEntries = 10_000
    /// Inflated size of one worksheet (streamed to a temporary file).
    public var maxSheetBytes: UInt64 = 4 << 30
    /// Inflated size of the parts held in memory: shared strings, styles, workbook.
    public var maxPartBytes: UInt64 = 512 << 20
    /// Inflated bytes per compressed byte, checked for entries over 1 MiB.
    public var maxRatio: UInt64 = 200

    public init() {}
}
