import IntakeDomain
import Testing

@testable import IntakeEngine

/// A number cell read from its bytes (`DecimalNormalizer.read(bytes:)`, whose one-pass reader takes most
/// cells) gives exactly the text path's reading, and adds the evidence `NumberEvidence.observe` would.
@Suite struct DecimalByteReadingTests {
    /// A random number as people write them, right or wrong: signs and dollars around it, digits in runs of
    /// zero to four (sometimes led by a zero) between commas and points, and now and then a stray ending.
    static func randomNumber(using generator: inout some RandomNumberGenerator) -> String {
        let prefixes = ["", "", "", "-", "$", "-$", "$-", "+", "--", "$$", "("]
        let suffixes = ["", "", "", "", "$", "-", "%", ".", ")"]
        var body = ""
        for run in 0..<Int.random(in: 1...5, using: &generator) {
            if run > 0 { body += [",", ".", ",", ".", " ", "'"].randomElement(using: &generator)! }
            let length = run == 0 ? Int.random(in: 0...4, using: &generator) : [3, 3, 3, 0, 1, 2, 4].randomElement(using: &generator)!
            for position in 0..<length {
                body += position == 0 && Int.random(in: 0..<6, using: &generator) == 0 ? "0" : String(Int.random(in: 0...9, using: &generator))
            }
        }
        return prefixes.randomElement(using: &generator)! + body + suffixes.randomElement(using: &generator)!
    }

    @Test(arguments: [Character("."), ",", nil], [false, true])
    func bytesReadAsTheTextPathReads(separator: Character?, wholeNumber: Bool) {
        let decimal = DecimalNormalizer(decimalSeparator: separator)
        var generator = SystemRandomNumberGenerator()
        var readFromBytes = 0
        for _ in 0..<20_000 {
            let text = Self.randomNumber(using: &generator)
            let expected = wholeNumber ? IntegerNormalizer(decimal: decimal).normalize(text) : decimal.normalize(text)
            var values = ColumnValues(capacity: 1)
            var evidence = NumberEvidence()
            var bytes = text
            let reading = bytes.withUTF8 { bytes in
                values.withWriter { decimal.read(bytes: bytes, into: &$0, wholeNumber: wholeNumber, observing: &evidence) }
            }
            guard let healed = reading else {
                #expect(values.count == 0, "\(text): nothing appended when the text path must read it")
                continue
            }
            readFromBytes += 1
            let value = values.withValue(0) { String(decoding: $0, as: UTF8.self) }
            #expect(expected == (healed ? .healed(value, CellHeal(kind: .numberFormat)) : .value(value)), "\(text)")
            var observed = NumberEvidence()
            observed.observe(text)
            #expect(evidence == observed, "\(text)")
        }
        // Most of them are numbers the bytes read, so the comparison is not empty.
        #expect(readFromBytes > 1_000)
    }
}
