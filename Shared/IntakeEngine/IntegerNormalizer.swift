/// Reads whole numbers: an optional sign, digits, optionally grouped by commas in threes, or a `.0` tail.
struct IntegerNormalizer {
    func normalize(_ value: String) -> Result<String, CellFailure> {
        switch DecimalNormalizer().parse(value) {
        case .success(let number):
            guard number.fraction.allSatisfy({ $0 == "0" }) else {
                return .failure(.type("\"\(value)\" is not a whole number"))
            }
            return .success(number.sign + number.integer)
        case .failure:
            return .failure(.type("\"\(value)\" is not an integer"))
        }
    }
}
