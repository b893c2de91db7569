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
}
