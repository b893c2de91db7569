/// One column's canonical values for a batch of rows, back to back: their UTF-8 bytes in one buffer and
/// where each value ends.
///
/// A value type over one heap buffer (copied on write, as an array is). The per-cell loop writes through a
/// `Writer` (`withWriter`): raw pointers taken once a batch, so appending a value is a bounds check and a
/// copy, not two arrays' uniqueness checks, growth checks and a `memmove` call each.
struct ColumnValues: @unchecked Sendable, Equatable {
    private var storage: Storage

    init(capacity: Int, bytes byteCapacity: Int? = nil) {
        storage = Storage(capacity: capacity, byteCapacity: byteCapacity ?? capacity * 8)
    }

    /// The number of values.
    var count: Int { storage.count }
    /// The bytes all values take together.
    var byteCount: Int { storage.byteCount }

    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        withWriter { $0.append(value) }
    }

    @inline(__always)
    mutating func append(_ value: String) {
        withWriter { $0.append(value) }
    }

    /// Calls `body` with value `index`'s bytes.
    @inline(__always)
    func withValue<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        precondition(index >= 0 && index < storage.count, "value \(index) of \(storage.count)")
        return body(storage.value(index))
    }

    /// Calls `body` with the bytes of every value and where each one ends (valid only inside `body`).
    func withBuffers<Result>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ ends: UnsafeBufferPointer<Int>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: storage.bytes, count: storage.byteCount), UnsafeBufferPointer(start: storage.ends, count: storage.count))
        }
    }

    /// Appends the values of `other`.
    mutating func append(contentsOf other: ColumnValues) {
        other.withBuffers { bytes, ends in
            withWriter { writer in
                writer.reserve(values: ends.count, bytes: bytes.count)
                var start = 0
                for end in ends {
                    writer.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Calls `body` with a writer that appends values to these (its buffer made this value's own first).
    @inline(__always)
    mutating func withWriter<Result>(_ body: (inout Writer) throws -> Result) rethrows -> Result {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        var writer = Writer(storage)
        defer { writer.commit() }
        return try body(&writer)
    }

    static func == (lhs: ColumnValues, rhs: ColumnValues) -> Bool {
        lhs.withBuffers { lhsBytes, lhsEnds in
            rhs.withBuffers { rhsBytes, rhsEnds in lhsEnds.elementsEqual(rhsEnds) && lhsBytes.elementsEqual(rhsBytes) }
        }
    }

    /// Appends values to a `ColumnValues` it was made from, through pointers held for its life: no
    /// uniqueness or exclusivity check per value. Grows the buffer as needed; counts go back at `commit`.
    struct Writer {
        private let storage: Storage
        private var bytes: UnsafeMutablePointer<UInt8>
        private var byteCapacity: Int
        private var byteCount: Int
        private var ends: UnsafeMutablePointer<Int>
        private var capacity: Int
        private(set) var count: Int

        fileprivate init(_ storage: Storage) {
            self.storage = storage
            (bytes, byteCapacity, byteCount) = (storage.bytes, storage.byteCapacity, storage.byteCount)
            (ends, capacity, count) = (storage.ends, storage.capacity, storage.count)
        }

        fileprivate func commit() {
            storage.byteCount = byteCount
            storage.count = count
        }

        /// Makes room for `values` more values of `bytes` bytes together.
        @inline(__always)
        mutating func reserve(values: Int, bytes needed: Int) {
            if count + values > capacity || byteCount + needed > byteCapacity { grow(values: values, bytes: needed) }
        }

        private mutating func grow(values: Int, bytes needed: Int) {
            if count + values > capacity {
                ends = storage.growEnds(to: max(count + values, capacity * 2), keeping: count)
                capacity = storage.capacity
            }
            if byteCount + needed > byteCapacity {
                bytes = storage.growBytes(to: max(byteCount + needed, byteCapacity * 2), keeping: byteCount)
                byteCapacity = storage.byteCapacity
            }
        }

        /// Ends a value of `length` bytes written at the end of the bytes (room made by `reserve`).
        @inline(__always)
        private mutating func end(_ length: Int) {
            byteCount += length
            ends[count] = byteCount
            count += 1
        }

        @inline(__always)
        mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
            reserve(values: 1, bytes: value.count)
            if let source = value.baseAddress {
                Self.copy(value.count, from: UnsafeRawPointer(source), to: UnsafeMutableRawPointer(bytes + byteCount))
            }
            end(value.count)
        }

        /// Copies `count` bytes. Short values (most cells) as two overlapping words, or half-words, from each
        /// end (no loop, no call); longer ones with `memcpy`.
        @inline(__always)
        private static func copy(_ count: Int, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
            switch count {
            case 8...16:
                let (head, tail) = (source.loadUnaligned(as: UInt64.self), source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                target.storeBytes(of: head, as: UInt64.self)
                target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
            case 4..<8:
                let (head, tail) = (source.loadUnaligned(as: UInt32.self), source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
                target.storeBytes(of: head, as: UInt32.self)
                target.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
            case 1..<4:
                for index in 0..<count { target.storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index, as: UInt8.self) }
            case 0:
                break
            default:
                target.copyMemory(from: source, byteCount: count)
            }
        }

        @inline(__always)
        mutating func append(_ value: String) {
            var value = value
            value.withUTF8 { append($0) }
        }

        /// Appends `value` with each byte mapped by `transform`.
        @inline(__always)
        mutating func append(_ value: UnsafeBufferPointer<UInt8>, mappedBy transform: (UInt8) -> UInt8) {
            reserve(values: 1, bytes: value.count)
            let target = bytes + byteCount
            for index in 0..<value.count { target[index] = transform(value[index]) }
            end(value.count)
        }

        /// Appends a value written in place: `write` gets room for `capacity` bytes and returns how many it
        /// wrote; nil appends nothing (and returns false).
        @inline(__always)
        mutating func append(capacity room: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int?) -> Bool {
            reserve(values: 1, bytes: room)
            guard let written = write(UnsafeMutableBufferPointer(start: bytes + byteCount, count: room)) else { return false }
            precondition(written >= 0 && written <= room, "wrote \(written) bytes into room for \(room)")
            end(written)
            return true
        }

        /// Calls `body` with the last value's bytes.
        @inline(__always)
        func withLast<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            precondition(count > 0, "no value written")
            let start = count > 1 ? ends[count - 2] : 0
            return body(UnsafeBufferPointer(start: bytes + start, count: ends[count - 1] - start))
        }
    }

    /// The buffer: bytes and value ends, each allocated with room to grow.
    fileprivate final class Storage {
        var bytes: UnsafeMutablePointer<UInt8>
        var byteCapacity: Int
        var byteCount = 0
        var ends: UnsafeMutablePointer<Int>
        var capacity: Int
        var count = 0

        init(capacity: Int, byteCapacity: Int) {
            self.capacity = max(4, capacity)
            self.byteCapacity = max(16, byteCapacity)
            ends = .allocate(capacity: self.capacity)
            bytes = .allocate(capacity: self.byteCapacity)
        }

        deinit {
            ends.deallocate()
            bytes.deallocate()
        }

        func value(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            let start = index == 0 ? 0 : ends[index - 1]
            return UnsafeBufferPointer(start: bytes + start, count: ends[index] - start)
        }

        func copy() -> Storage {
            let copy = Storage(capacity: count, byteCapacity: byteCount)
            copy.ends.initialize(from: ends, count: count)
            copy.bytes.initialize(from: bytes, count: byteCount)
            (copy.count, copy.byteCount) = (count, byteCount)
            return copy
        }

        func growBytes(to capacity: Int, keeping kept: Int) -> UnsafeMutablePointer<UInt8> {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.moveInitialize(from: bytes, count: kept)
            bytes.deallocate()
            (bytes, byteCapacity) = (grown, capacity)
            return grown
        }

        func growEnds(to capacity: Int, keeping kept: Int) -> UnsafeMutablePointer<Int> {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            grown.moveInitialize(from: ends, count: kept)
            ends.deallocate()
            (ends, self.capacity) = (grown, capacity)
            return grown
        }
    }
}
