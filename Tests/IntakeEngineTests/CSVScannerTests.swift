import Testing

@testable import IntakeEngine

@Suite struct CSVScannerTests {
    func scan(_ text: String, delimiter: Character = ",", chunk: Int = .max) -> [[String]] {
        var scanner = CSVScanner(delimiter: delimiter.asciiValue!)
        var records: [[String]] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            scanner.feed(bytes[offset..<end]) { records.append($0) }
            offset = end
        }
        scanner.finish { records.append($0) }
        return records
    }

    @Test func readsRFC4180() {
        #expect(scan("a,b\r\n1,\"x,y\"\r\n\"say \"\"hi\"\"\",\"multi\nline\"\n") == [["a", "b"], ["1", "x,y"], ["say \"hi\"", "multi\nline"]])
    }

    @Test func lastRecordWithoutLineBreakAndEmptyFields() {
        #expect(scan("a,,c\n,,\nz") == [["a", "", "c"], ["", "", ""], ["z"]])
        #expect(scan("") == [])
        #expect(scan("\n") == [[""]])
    }

    @Test func lineEndingsLFCRLFAndLoneCR() {
        #expect(scan("a\rb\r\nc\nd") == [["a"], ["b"], ["c"], ["d"]])
    }

    @Test func otherDelimiters() {
        #expect(scan("a;b\n1;2", delimiter: ";") == [["a", "b"], ["1", "2"]])
        #expect(scan("a\tb\n\"1\t2\"\t3", delimiter: "\t") == [["a", "b"], ["1\t2", "3"]])
    }

    @Test func anyChunkingGivesTheSameRecords() {
        let alphabet = Array("ab,\"\n\r é1")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let table = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
                }
            }
            let text = table.map { record in
                record.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            }.joined(separator: "\r\n") + "\r\n"
            let chunk = Int.random(in: 1...8, using: &generator)
            #expect(scan(text, chunk: chunk) == table, "chunk \(chunk): \(table)")
            #expect(scan(text) == table)
        }
    }

    /// Any text at all, in any chunking, reads as a plain one-byte-at-a-time reading of the same rules does:
    /// fields long and short, quoted or not, doubled quotes, text after a closing quote, every line ending.
    @Test func anyTextReadsAsTheReferenceReadsIt() {
        let pieces = ["a", "bc", "0123456789abcdef", "é", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "xyz,,", "\"q,\"r", "long field text"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let delimiter: Character = Bool.random(using: &generator) ? "," : ";"
            let expected = Self.reference(text, delimiter: delimiter.asciiValue!)
            let chunk = Int.random(in: 1...20, using: &generator)
            #expect(scan(text, delimiter: delimiter, chunk: chunk) == expected, "chunk \(chunk): \(text.debugDescription)")
            #expect(scan(text, delimiter: delimiter) == expected, "\(text.debugDescription)")
        }
    }

    /// Long texts, whole and in chunks of many records: a chunk holds far more fields and records than the
    /// scanner marks before handing them to the batch (`FieldMarks`), so hand-overs fall mid-record, mid-chunk
    /// and next to fields copied out of place. Every record reads as the reference reads it, numbered in order.
    @Test func longTextsReadAsTheReferenceReadsThem() {
        let pieces = ["a", "bc", "0123456789abcdef", "é", ",", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "xyz,,", "\"q,\"r", "long field text"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            let text = (0..<Int.random(in: 500...3_000, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let expected = Self.reference(text, delimiter: UInt8(ascii: ","))
            for chunk in [bytes.count + 1, Int.random(in: 64...4_096, using: &generator)] {
                var scanner = CSVScanner()
                var batch = RecordBatch()
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + chunk)
                    scanner.feed(bytes[offset..<end], into: &batch)
                    offset = end
                }
                scanner.finish(into: &batch)
                #expect((0..<batch.count).map(batch.fields) == expected, "chunk \(chunk): \(text.debugDescription)")
                #expect(batch.numbers == Array(1..<(batch.count + 1)))
            }
        }
    }

    /// Texts shaped like exported data — plain fields, quoted ones holding delimiters, line breaks and doubled
    /// quotes, quotes inside unquoted fields, every line ending — read as the reference reads them, whatever
    /// the chunking: the scanner reads such fields 64 bytes a step (`ByteBlock`), so this puts field, record
    /// and chunk ends at every place in a block, and each way of leaving the blocks for the byte loop.
    @Test func exportShapedTextsReadAsTheReferenceReadsThem() {
        let pieces = [
            "plain", "Ada", "12.5", "", "\"quoted, with a comma\"", "\"two\nlines\"", "\"crlf\r\ninside\"", "\"say \"\"hi\"\"\"",
            "\"closed\"after", "5\" screen", "\"\"", "\"é, ü\"", "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
        ]
        let ends = ["\n", "\r\n", "\r"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let delimiter: Character = [",", ";", "\t"].randomElement(using: &generator)!
            let records = (0..<Int.random(in: 1...40, using: &generator)).map { _ in
                (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined(separator: String(delimiter)) + ends.randomElement(using: &generator)!
            }
            var text = records.joined()
            if Bool.random(using: &generator) { text.removeLast() }
            let expected = Self.reference(text, delimiter: delimiter.asciiValue!)
            let chunk = Int.random(in: 1...300, using: &generator)
            #expect(scan(text, delimiter: delimiter, chunk: chunk) == expected, "chunk \(chunk): \(text.debugDescription)")
            #expect(scan(text, delimiter: delimiter) == expected, "\(text.debugDescription)")
        }
    }

    /// The scanner's rules, one byte at a time: a field starting with a quote is quoted until a lone quote,
    /// a doubled quote inside is one quote, and text after the closing quote joins the field.
    static func reference(_ text: String, delimiter: UInt8) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, atFieldStart = true, afterQuote = false, afterReturn = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            atFieldStart = true
        }
        for byte in text.utf8 {
            if afterReturn {
                afterReturn = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            if quoted {
                if afterQuote {
                    afterQuote = false
                    if byte == UInt8(ascii: "\"") {
                        field.append(byte)
                        continue
                    }
                    quoted = false
                } else {
                    if byte == UInt8(ascii: "\"") { afterQuote = true } else { field.append(byte) }
                    continue
                }
            }
            if atFieldStart, byte == UInt8(ascii: "\"") {
                quoted = true
                atFieldStart = false
                continue
            }
            atFieldStart = false
            if byte == delimiter {
                endField()
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                endField()
                records.append(record)
                record = []
                afterReturn = byte == UInt8(ascii: "\r")
            } else {
                field.append(byte)
            }
        }
        if !atFieldStart || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }

    @Test(arguments: [("a,b,c\n1,2,3\n", ","), ("a;b;c\n1,5;2;3\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|"), ("only\nvalues\n", ",")])
    func sniffsTheDelimiter(sample: String, expected: Character) {
        #expect(DelimiterSniffer.sniff(Array(sample.utf8)) == expected.asciiValue!)
    }
}

@Suite struct HeaderRowFinderTests {
    @Test func skipsTitlesAndBlankLines() {
        let records = [["Export of contacts"], [""], ["Generated 2024-01-01", ""], ["email", "name", "phone"], ["a@x.com", "A", "1"], ["b@x.com", "", ""]]
        #expect(HeaderRowFinder.headerIndex(in: records) == 3)
    }

    @Test func headerOnTheFirstLine() {
        #expect(HeaderRowFinder.headerIndex(in: [["a", "b"], ["1", "2"]]) == 0)
        #expect(HeaderRowFinder.headerIndex(in: [["only"], ["1"]]) == 0)
        #expect(HeaderRowFinder.headerIndex(in: [[""], [""]]) == nil)
    }
}
