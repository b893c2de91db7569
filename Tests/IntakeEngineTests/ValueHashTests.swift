import Testing

@testable import IntakeEngine

/// The engine's per-cell sets: a hash set checked against the standard library's `Set` on random input, and
/// distinct counts exact while few and within a few percent beyond.
@Suite struct ValueHashTests {
    @Test func theHashSetAgreesWithSetOnRandomInput() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var ours = HashSet64()
            var reference = Set<UInt64>()
            // Few distinct values in some rounds (many repeats), wide ones in others; 0 and UInt64.max included.
            let range: UInt64 = round.isMultiple(of: 2) ? 500 : .max
            for _ in 0..<5_000 {
                let value = UInt64.random(in: 0...range, using: &generator)
                #expect(ours.insert(value) == reference.insert(value).inserted)
            }
            for special: UInt64 in [0, .max] {
                #expect(ours.insert(special) == reference.insert(special).inserted)
            }
            #expect(ours.count == reference.count)
            for value in reference.prefix(200) { #expect(ours.contains(value)) }
            for _ in 0..<200 {
                let probe = UInt64.random(in: 0...UInt64.max, using: &generator)
                #expect(ours.contains(probe) == reference.contains(probe))
            }
        }
    }

    /// Inserting a batch at once reports the positions of the values already there (or earlier in the
    /// batch), as one insert at a time would, across batches longer and shorter than the prefetch distance.
    @Test func aBatchInsertReportsRepeatsWhereTheyAre() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var ours = HashSet64()
            var reference = Set<UInt64>()
            let range: UInt64 = round.isMultiple(of: 2) ? 3_000 : .max
            for _ in 0..<10 {
                var batch = (0..<Int.random(in: 0...(4 * HashSet64.prefetchDistance), using: &generator)).map { _ in UInt64.random(in: 0...range, using: &generator) }
                if let repeated = batch.randomElement(using: &generator) { batch.append(repeated) }
                let expected = batch.indices.filter { !reference.insert(batch[$0]).inserted }
                let seen = batch.withUnsafeBufferPointer { ours.insert(contentsOf: $0) }
                #expect(seen == expected)
            }
            #expect(ours.count == reference.count)
        }
    }

    /// A set sized ahead takes the members it was sized for without growing, holds what a set grown from
    /// empty holds, and is sized for no more than `maxReserved` however many are expected.
    @Test(arguments: [0, 1, 1_000, 50_000, 300_000])
    func aSetSizedAheadTakesItsExpectedMembersWithoutGrowing(expected: Int) {
        var generator = SystemRandomNumberGenerator()
        var sized = HashSet64(reservingCapacity: expected)
        var grown = HashSet64()
        let capacity = sized.capacity
        #expect(capacity >= expected * 4 / 3)
        let hashes = (0..<expected).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        let repeated = hashes.withUnsafeBufferPointer { sized.insert(contentsOf: $0) }
        for hash in hashes { grown.insert(hash) }
        #expect(repeated.isEmpty)
        #expect(sized.capacity == capacity)
        #expect(sized.count == expected)
        #expect(sized == grown)
        #expect(HashSet64(reservingCapacity: .max).capacity <= 2 * HashSet64.maxReserved)
        #expect(HashSet64(reservingCapacity: -5).capacity == HashSet64().capacity)
    }

    /// A copy is a value of its own: inserting into one leaves the other as it was, and two sets are equal
    /// when they hold the same members, whatever order they were inserted in.
    @Test func aCopiedSetIsAValueOfItsOwn() {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<3_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) } + [0]
        var original = HashSet64()
        for value in values { original.insert(value) }
        var copy = original
        #expect(copy == original)
        let added = (0..<2_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        let seen = added.withUnsafeBufferPointer { copy.insert(contentsOf: $0) }
        #expect(seen.isEmpty)
        #expect(original.count == values.count)
        #expect(copy.count == values.count + added.count)
        #expect(added.allSatisfy { copy.contains($0) && !original.contains($0) })
        #expect(copy != original)
        var reordered = HashSet64()
        for value in (values + added).shuffled(using: &generator) { reordered.insert(value) }
        #expect(reordered == copy)
    }

    @Test func equalValuesHashEquallyAndCloseOnesApart() {
        #expect(ValueHash.of("ada@example.com") == ValueHash.of(String("ada@example.com".reversed().reversed())))
        var seen = Set<UInt64>()
        // Values differing in one byte, at every position and length (tails of 0–7 bytes included).
        for length in 1...40 {
            for position in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = UInt8(ascii: "b")
                #expect(seen.insert(ValueHash.of(String(decoding: bytes, as: UTF8.self))).inserted)
            }
            #expect(seen.insert(ValueHash.of(String(repeating: "a", count: length))).inserted)
        }
        #expect(ValueHash.of("") != ValueHash.of("\0"))
    }

    /// Every value of up to three bytes over a small alphabet (where a few bytes are read twice), and random
    /// values of every length up to 80 bytes, hash apart.
    @Test func manyDistinctValuesHashApart() {
        let alphabet: [UInt8] = [0, 1, UInt8(ascii: "a"), UInt8(ascii: "b"), 0x7F, 0x80, 0xFF]
        var values: Set<[UInt8]> = [[]]
        for length in 1...3 {
            values.formUnion(values.filter { $0.count == length - 1 }.flatMap { prefix in alphabet.map { prefix + [$0] } })
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            values.insert((0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        var hashes = Set<UInt64>()
        for value in values { value.withUnsafeBufferPointer { _ = hashes.insert(ValueHash.of($0)) } }
        #expect(hashes.count == values.count)
    }

    @Test func distinctCountsAreExactWhileFew() {
        var counter = DistinctCounter()
        for round in 0..<3 {
            for value in 0..<DistinctCounter.exactLimit { counter.insert(ValueHash.of("value \(value)")) }
            #expect(counter.count == DistinctCounter.exactLimit, "round \(round)")
        }
        var few = DistinctCounter()
        for value in ["customer", "partner", "customer", "prospect", "partner"] { few.insert(ValueHash.of(value)) }
        #expect(few.count == 3)
    }

    /// A `unique` column counts its failing values beside the hashes of its valid ones: those a set holds
    /// already are not counted twice (exactly while few; beyond, the estimate stands).
    @Test func distinctCountsLeaveOutWhatASetHolds() {
        var counter = DistinctCounter()
        var set = HashSet64()
        for value in 0..<10 { counter.insert(UInt64(value)) }
        for value in 5..<20 { set.insert(UInt64(value)) }
        #expect(counter.count(notIn: set) == 5, "0 (kept apart by the flat table) and 1–4")
        #expect(counter.count(notIn: HashSet64()) == 10)
        var many = DistinctCounter()
        for value in 0..<5_000 { many.insert(ValueHash.of("v\(value)")) }
        #expect(many.count(notIn: set) == many.count)
    }

    @Test(arguments: [1_025, 2_000, 20_000, 200_000, 1_000_000])
    func distinctCountsAreCloseBeyondTheExactRange(distinct: Int) {
        var counter = DistinctCounter()
        for value in 0..<distinct {
            counter.insert(ValueHash.of("person\(value)@example.com"))
            if value.isMultiple(of: 3) { counter.insert(ValueHash.of("person\(value)@example.com")) }
        }
        let error = abs(Double(counter.count - distinct)) / Double(distinct)
        #expect(counter.count > DistinctCounter.exactLimit)
        // Standard error 0.8 %; 4 % is five standard errors.
        #expect(error < 0.04, "counted \(counter.count) of \(distinct)")
    }
}
