import Testing

@testable import IntakeEngine

@Suite struct ByteLanesTests {
    /// Byte strings of every length around the eight-byte step, equal and differing at each position, compare
    /// as `==` on arrays does.
    @Test func equalComparesAsArraysDo() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...40 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes.withUnsafeBufferPointer { a in
                let same = bytes
                same.withUnsafeBufferPointer { #expect(ByteLanes.equal(a, $0)) }
                for position in 0..<count {
                    var other = bytes
                    other[position] ^= UInt8.random(in: 1...255, using: &generator)
                    other.withUnsafeBufferPointer { #expect(!ByteLanes.equal(a, $0), "\(count) bytes, differing at \(position)") }
                }
                let longer = bytes + [0]
                longer.withUnsafeBufferPointer { #expect(!ByteLanes.equal(a, $0)) }
                longer.withUnsafeBufferPointer { #expect(ByteLanes.equal(a, UnsafeBufferPointer(rebasing: $0[..<count]))) }
            }
        }
    }
}
