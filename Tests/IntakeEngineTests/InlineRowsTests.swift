@testable import IntakeDomain
import Testing

@Suite struct InlineRowsTests {
    @Test func unionOfKeysInFirstSeenOrderWithScalarsAsText() throws {
        let table = try InlineRows(objects: [
            ["b": .string("x"), "a": .integer(1)],
            ["c": .bool(true), "a": .null, "n": .number(2.5)],
        ])
        #expect(table.headers == ["a", "b", "c", "n"])
        #expect(table.records == [["1", "x", "", ""], ["", "", "true", "2.5"]])
    }

    @Test func nestedValuesAreRejectedWithTheirPlace() {
        #expect(throws: InlineRows.NotAScalar(row: 2, key: "tags")) {
            try InlineRows(objects: [["a": .string("x")], ["tags": .array([.string("y")])]])
        }
    }
}
