import Testing

@testable import IntakeEngine

/// A column's values read back as they were appended, through every way of appending, as the buffer grows
/// from nothing; copies keep their own values (copy on write); batches append and compare by their values.
@Suite struct ColumnValuesTests {
    static let alphabet = Array("ab1 ,é\u{1F600}Z")

    static func randomValue(_ generator: inout some RandomNumberGenerator) -> String {
        String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }

    func values(_ column: ColumnValues) -> [String] {
        (0..<column.count).map { index in column.withValue(index) { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func valuesReadBackAsAppendedWhateverTheWay() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var column = ColumnValues(capacity: 0, bytes: 0)
            var expected: [String] = []
            column.withWriter { writer in
                for _ in 0..<Int.random(in: 0...200, using: &generator) {
                    let value = Self.randomValue(&generator)
                    let bytes = Array(value.utf8)
                    switch Int.random(in: 0..<5, using: &generator) {
                    case 0:
                        writer.append(value)
                        expected.append(value)
                    case 1:
                        bytes.withUnsafeBufferPointer { writer.append($0) }
                        expected.append(value)
                    case 2:
                        bytes.withUnsafeBufferPointer { writer.append($0, mappedBy: EmailNormalizer.lowercased) }
                        expected.append(String(decoding: bytes.map(EmailNormalizer.lowercased), as: UTF8.self))
                    case 3:
                        // Written in place into room for more than it needs.
                        let appended = writer.append(capacity: bytes.count + 3) { room in
                            for index in bytes.indices { room[index] = bytes[index] }
                            return bytes.count
                        }
                        #expect(appended)
                        expected.append(value)
                    default:
                        // A writer that gives up appends nothing.
                        let appended = writer.append(capacity: 8) { room in
                            room[0] = 0x41
                            return nil
                        }
                        #expect(!appended)
                    }
                    #expect(writer.count == expected.count)
                    if let last = expected.last { #expect(writer.withLast { String(decoding: $0, as: UTF8.self) } == last) }
                }
            }
            #expect(values(column) == expected)
            #expect(column.count == expected.count)
            #expect(column.byteCount == expected.reduce(0) { $0 + $1.utf8.count })
        }
    }

    @Test func aCopyKeepsItsValuesWhileTheOriginalGrows() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            var column = ColumnValues(capacity: 1)
            let first = (0..<Int.random(in: 0...50, using: &generator)).map { _ in Self.randomValue(&generator) }
            for value in first { column.append(value) }
            let copy = column
            let more = (0..<Int.random(in: 1...50, using: &generator)).map { _ in Self.randomValue(&generator) }
            for value in more { column.append(value) }
            #expect(values(copy) == first)
            #expect(values(column) == first + more)
            var shared = [ColumnValues](repeating: ColumnValues(capacity: 0), count: 2)
            shared[0].append("only the first")
            #expect(values(shared[0]) == ["only the first"])
            #expect(values(shared[1]).isEmpty)
        }
    }

    @Test func batchesAppendAndCompareByTheirValues() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let left = (0..<Int.random(in: 0...30, using: &generator)).map { _ in Self.randomValue(&generator) }
            let right = (0..<Int.random(in: 0...30, using: &generator)).map { _ in Self.randomValue(&generator) }
            var a = ColumnValues(capacity: 0)
            var b = ColumnValues(capacity: 100, bytes: 4_000)
            for value in left { a.append(value) }
            for value in right { b.append(value) }
            var joined = a
            joined.append(contentsOf: b)
            #expect(values(joined) == left + right)
            var rebuilt = ColumnValues(capacity: 3)
            for value in left + right { rebuilt.append(value) }
            #expect(rebuilt == joined)
            if !right.isEmpty {
                var changed = right
                changed[changed.count - 1] += "x"
                var other = a
                for value in changed { other.append(value) }
                #expect(other != joined)
            }
        }
    }
}
