/// A column type's reader of cells from their bytes, as its own type: the per-cell loop over a column is
/// generic over it (`ColumnProcessor.run`), so each type's loop is compiled with its reader inlined, with no
/// dispatch on the column's type per cell. `ColumnNormalizer.withBytesReader` picks a column's.
protocol CellBytesReader {
    /// Whether every value it reads is the cell's bytes as given (so they, not the copy just written, are
    /// hashed).
    static var keepsBytes: Bool { get }

    /// Reads a cell that needs no trimming, appending its canonical bytes to `values`; nil when the text path
    /// must read it (nothing appended).
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading?

    /// Reads as `read(bytes:into:)` a cell that needs no trimming at all, and when it reads it adds to
    /// `evidence` exactly what `ColumnEvidence.observe(bytes:dates:numbers:)` would for the column's type,
    /// from what reading it found (not reading it again); nothing when it returns nil.
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, observing evidence: inout ColumnEvidence) -> ColumnNormalizer.BytesReading?
}

extension CellBytesReader {
    static var keepsBytes: Bool { false }

    /// A type whose columns gather no evidence (strings, addresses, phones) adds none.
    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, observing evidence: inout ColumnEvidence) -> ColumnNormalizer.BytesReading? {
        read(bytes: bytes, into: &values)
    }
}

/// Calls back with a column's `CellBytesReader` as its own type (Swift has no generic closures).
protocol CellBytesReaderUser {
    associatedtype Result
    mutating func use<Reader: CellBytesReader>(_ reader: Reader) -> Result
}

/// A string: kept as written.
struct StringBytesReader: CellBytesReader {
    static var keepsBytes: Bool { true }

    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading? {
        values.append(bytes)
        return .asWritten
    }
}

/// A plain ASCII address, lower-cased.
struct EmailBytesReader: CellBytesReader {
    let normalizer: EmailNormalizer

    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading? {
        normalizer.read(bytes: bytes, into: &values) ? .asWritten : nil
    }
}

/// A phone number, to E.164.
struct PhoneBytesReader: CellBytesReader {
    let normalizer: PhoneNormalizer

    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading? {
        normalizer.read(bytes: bytes, into: &values).map { $0 ? .repaired(.phoneFormat) : .asWritten }
    }
}

/// A number: a decimal column's, or an integer column's (a `wholeNumber`, its decimal reader's).
struct NumberBytesReader: CellBytesReader {
    let decimal: DecimalNormalizer
    let wholeNumber: Bool

    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading? {
        decimal.read(bytes: bytes, into: &values, wholeNumber: wholeNumber).map { $0 ? .repaired(.numberFormat) : .asWritten }
    }

    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, observing evidence: inout ColumnEvidence) -> ColumnNormalizer.BytesReading? {
        decimal.read(bytes: bytes, into: &values, wholeNumber: wholeNumber, observing: &evidence.numbers).map { $0 ? .repaired(.numberFormat) : .asWritten }
    }
}

/// A date written as numbers, with no declared format.
struct DateBytesReader: CellBytesReader {
    let reader: DateReader

    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading? {
        switch reader.read(bytes: bytes, into: &values) {
        case .yearFirst?: .asWritten
        case .numeric(let slot, _)?: .dateRepaired(patternSlot: slot)
        case nil: nil
        }
    }

    /// A year-first date shows nothing about the order; a numeric one its shape (digits and `/.-` only: no
    /// time, which the evidence would read as text).
    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, observing evidence: inout ColumnEvidence) -> ColumnNormalizer.BytesReading? {
        switch reader.read(bytes: bytes, into: &values) {
        case .yearFirst?: return .asWritten
        case .numeric(let slot, let shape)?:
            evidence.dates.observe(shape)
            return .dateRepaired(patternSlot: slot)
        case nil: return nil
        }
    }
}

/// A type read only as text.
struct NoBytesReader: CellBytesReader {
    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> ColumnNormalizer.BytesReading? {
        nil
    }
}
