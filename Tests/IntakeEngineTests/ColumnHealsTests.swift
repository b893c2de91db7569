import Testing

@testable import IntakeEngine

/// A column's repairs, counted through `add` (the text path) and `count(entry:)` (the per-cell loops, most
/// of them inline in the value): the same repairs give the same entries, however they were counted.
@Suite struct ColumnHealsTests {
    @Test func repairsCountTheSameWhicheverWayTheyAreCounted() {
        var generator = SystemRandomNumberGenerator()
        // More kinds than the inline counters hold.
        let heals = (0..<12).map { CellHeal(kind: .numberFormat, from: "f\($0)", to: "t") }
        for _ in 0..<100 {
            var byAdd = ColumnHeals()
            var mixed = ColumnHeals()
            var expected = [Int](repeating: 0, count: heals.count)
            var entries: [Int: Int] = [:]
            for _ in 0..<Int.random(in: 1...400, using: &generator) {
                let kind = Int.random(in: 0..<heals.count, using: &generator)
                expected[kind] += 1
                byAdd.add(heals[kind], raw: "r\(kind)", canonical: "c", row: 1)
                if let entry = entries[kind], Bool.random(using: &generator) {
                    mixed.count(entry: entry)
                } else {
                    entries[kind] = mixed.add(heals[kind], raw: "r\(kind)", canonical: "c", row: 1)
                }
            }
            #expect(mixed == byAdd)
            #expect(mixed.cells == expected.reduce(0, +))
            let counted = Dictionary(uniqueKeysWithValues: mixed.entries.map { ($0.heal.from!, $0.cells) })
            for (kind, cells) in expected.enumerated() where cells > 0 { #expect(counted["f\(kind)"] == cells) }
            var copy = mixed
            if let entry = entries.values.first { copy.count(entry: entry) }
            #expect(copy.cells == mixed.cells + (entries.isEmpty ? 0 : 1), "a copy counts on its own")
        }
    }
}
