import IntakeDomain

/// One source record after normalisation: canonical values in template order and its invalid cells.
public struct ProcessedRow: Sendable, Equatable {
    /// 1-based record number in the source.
    public var number: Int
    /// Canonical values in template column order; an invalid cell keeps its trimmed source value.
    public var values: [String]
    public var invalidCells: [InvalidCell]

    public var isInvalid: Bool { !invalidCells.isEmpty }
}
