/// Reads whole numbers written as any number the column can read (grouped, signed, with a `.0` tail).
struct IntegerNormalizer {
    var decimal = DecimalNormalizer()

    func normalize(_ value: String) -> CellReading {
        switch decimal.parse(value) {
        case .success(let number):
            guard number.fraction.allSatisfy({ $0 == "0" }) else {
                return .failure(.type("\"\(value)\" is not a whole number"))
            }
            return .checked(number.sign + number.integer, written: value, kind: .numberFormat)
        case .failure(let failure) where failure.ambiguity != nil:
            return .failure(failure)
        case .failure:
            return .failure(.type("\"\(value)\" is not an integer"))
        }
    }

    /// Reads a whole number written in plain ASCII from its bytes (see `DecimalNormalizer.read(bytes:into:)`).
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> Bool? {
        decimal.read(bytes: bytes, into: &values, wholeNumber: true)
    }

    /// `read(bytes:into:)`, adding what the number shows to `evidence` when it is read.
    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, observing evidence: inout NumberEvidence) -> Bool? {
        decimal.read(bytes: bytes, into: &values, wholeNumber: true, observing: &evidence)
    }
}
