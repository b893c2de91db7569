import Testing

@testable import IntakeEngine

/// The memo finds every value it remembered, with its reading and canonical bytes, as its table grows; values
/// past its limit, and values never seen, are not found.
@Suite struct ReadingMemoTests {
    @Test func findsWhatItRememberedAsItGrows() {
        var generator = SystemRandomNumberGenerator()
        let hasher = ValueHash.process
        var memo = ReadingMemo(limit: 3_000)
        var remembered: [String: Int] = [:]
        var keys: [String] = []
        var seen = Set<String>()
        while keys.count < 4_000 {
            let key = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in "ab1-/ é".randomElement(using: &generator)! })
            guard seen.insert(key).inserted else { continue }
            keys.append(key)
            var bytes = Array(key.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let key = UnsafeBufferPointer(buffer)
                let reading: CellReading = key.count % 3 == 0 ? .failure(CellFailure(.typeError, "no")) : .value(String(decoding: key, as: UTF8.self).uppercased())
                if memo.count < memo.limit { remembered[String(decoding: key, as: UTF8.self)] = memo.count }
                memo.remember(key, hash: ReadingMemo.keyHash(key, hasher: hasher), reading)
            }
        }
        #expect(memo.count == 3_000)
        for key in keys {
            var bytes = Array(key.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let bytes = UnsafeBufferPointer(buffer)
                let found = memo.find(bytes, hash: ReadingMemo.keyHash(bytes, hasher: hasher))
                #expect(found == remembered[key], "\(key)")
                guard let found else { return }
                #expect(memo.entries[found].failed == (bytes.count % 3 == 0))
                let canonical = memo.withCanonical(found) { String(decoding: $0, as: UTF8.self) }
                #expect(canonical == (bytes.count % 3 == 0 ? "" : key.uppercased()))
                #expect(memo.readings[found].canonical == (bytes.count % 3 == 0 ? nil : key.uppercased()))
            }
        }
    }

    /// Keys of the same length (the memo compares only those) are equal exactly when their bytes are: every
    /// length from 0 to 40 (8–16 compared as words, others with `memcmp`), each key against itself and
    /// against a copy with one byte changed anywhere in it.
    @Test func keysCompareEqualExactlyWhenTheirBytesDo() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...40, using: &generator)
            let key = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var other = key
            if count > 0, Bool.random(using: &generator) {
                other[Int.random(in: 0..<count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            let equal = key.withUnsafeBytes { stored in
                other.withUnsafeBufferPointer { ReadingMemo.equal(stored.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0) }
            }
            #expect(equal == (key == other), "\(key) against \(other)")
        }
    }

    /// A key of up to eight bytes is known by its bytes: two keys of the same length have the same `keyHash`
    /// exactly when their bytes are the same (each key against a copy with one byte changed anywhere in it,
    /// every length from 0 to 8), so the memo compares no bytes for them.
    @Test func shortKeysAreKnownByTheirBytes() {
        var generator = SystemRandomNumberGenerator()
        let hasher = ValueHash.process
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...ReadingMemo.wordKeyLength, using: &generator)
            let key = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var other = key
            if count > 0, Bool.random(using: &generator) {
                other[Int.random(in: 0..<count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            let hashes = key.withUnsafeBufferPointer { key in
                other.withUnsafeBufferPointer { (ReadingMemo.keyHash(key, hasher: hasher), ReadingMemo.keyHash($0, hasher: hasher)) }
            }
            #expect((hashes.0 == hashes.1) == (key == other), "\(key) against \(other)")
        }
    }

    /// Short keys that differ only in their last bytes (values such as "Tier 1", "Tier 2", or chosen to) still
    /// spread over the memo's slots: 1,000 eight-byte keys sharing their first six bytes take well over half as
    /// many first slots in a table of 2,048 (about 790 for random slots; a multiply without the mixing put
    /// them all in one).
    @Test func shortKeysSharingAPrefixSpreadOverTheSlots() {
        let memo = ReadingMemo(limit: 16)
        let hasher = ValueHash.process
        var firstSlots = Set<Int>()
        for number in 0..<1_000 {
            let key: [UInt8] = Array("Tier #".utf8) + [UInt8(number >> 8), UInt8(truncatingIfNeeded: number)]
            let hash = key.withUnsafeBufferPointer { ReadingMemo.keyHash($0, hasher: hasher) }
            firstSlots.insert(memo.slot(hash) & 2_047)
        }
        #expect(firstSlots.count > 600)
    }
}

