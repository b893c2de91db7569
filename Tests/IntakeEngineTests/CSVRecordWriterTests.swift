import Testing

@testable import IntakeEngine

@Suite struct CSVRecordWriterTests {
    @Test func quotesOnlyWhenNeeded() {
        #expect(CSVRecordWriter.record(["a", "b,c", "say \"hi\"", "line\nbreak", ""]) == #"a,"b,c","say ""hi""","line"# + "\nbreak\",")
    }

    @Test(arguments: [("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"), ("+A1", "'+A1"),
                      ("-A1", "'-A1"), ("\tx", "'\tx"), ("-12.5", "-12.5"), ("+14155550100", "+14155550100"), ("-", "'-")])
    func neutralisesFormulaTriggers(input: String, expected: String) {
        #expect(CSVRecordWriter.field(input) == expected)
    }

    @Test func randomRecordsParseBack() {
        let alphabet = Array("ab,\"\n\r =+-@\t1.é")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let values = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            let expected = values.map { CSVRecordWriter.needsNeutralising($0) ? "'" + $0 : $0 }
            #expect(Self.parse(CSVRecordWriter.record(values)) == expected, "\(values)")
        }
    }

    /// A minimal RFC 4180 reader for one record, independent of the writer.
    static func parse(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(line)[...]
        var atFieldStart = true
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && atFieldStart {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
                continue
            } else {
                field.append(character)
            }
            atFieldStart = false
        }
        fields.append(field)
        return fields
    }
}
