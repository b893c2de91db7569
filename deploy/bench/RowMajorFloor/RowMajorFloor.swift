import BenchmarkSupport
import Foundation
@testable import IntakeEngine

/// A lower bound for any redesign of the engine's per-cell work, timed beside the engine's own floor
/// (`BenchTemplate.untyped`: every column a plain string) on the same contacts file, on one core.
///
/// The engine processes a batch column by column, a tile of records at a time, each cell trimmed, copied into
/// its column, hashed and counted among the column's distinct values, and the rows put together afterwards.
/// This loop does the least of that any design must still do, in one row-major pass over each batch: every
/// cell of every record copied into its column's buffer (two 8-byte words for a cell of up to 16 bytes), hashed
/// with the engine's `ValueHash` and counted by the engine's `DistinctCounter`. No trimming, no rows, no pipe
/// between reader and processor, no tiles. The engine's `CSVScanner` finds the cells, fed 1 MiB chunks as the
/// reader feeds it. If the typed engine cannot meet a target over this bound plus what normalising costs
/// today, a row-major reshaping of the floor cannot make it either.
///
/// usage: RowMajorFloor FILE [ROUNDS (5)] — prints, per pass, `PASS best B median M` in seconds, the passes
/// alternating round by round: `scan` (the scanner alone); the loop a step at a time, scanner included:
/// `marks` (each cell found and its end stored), `copy` (and copied), `hash` (and hashed), `row-major` (and
/// counted: the whole bound); and `engine-floor` (the engine over the untyped template, rows counted).
@main
struct RowMajorFloor {
    static let columns = 10

    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
            print("usage: RowMajorFloor FILE [ROUNDS] (FILE: a contacts CSV from deploy/bench/generate_contacts.py)")
            exit(2)
        }
        let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
        MemoryTuning.apply()
        let bytes = Array(data)
        var times: [String: [Double]] = [:]
        // What every pass returns, folded together and printed, so that no step's work is optimised away.
        var checksum = 0
        for _ in 1...max(1, rounds) {
            for steps in Steps.allCases {
                let started = Date()
                let result = scan(bytes, steps: steps)
                times[steps.name, default: []].append(Date().timeIntervalSince(started))
                checksum &+= result.copied &+ result.distinct &+ Int(truncatingIfNeeded: result.hashes)
            }
            var sink = CountingSink(encodes: false)
            let started = Date()
            _ = try await BenchTemplate.run(bytes, lanes: 1, template: BenchTemplate.untyped, into: &sink)
            times["engine-floor", default: []].append(Date().timeIntervalSince(started))
        }
        for mode in Steps.allCases.map(\.name) + ["engine-floor"] {
            let sorted = times[mode]!.sorted()
            print(String(format: "%@ best %.3f median %.3f", mode, sorted[0], sorted[sorted.count / 2]))
        }
        print("checksum \(checksum)")
    }

    /// How much of the loop a pass does: each step adds to the one before.
    enum Steps: Int, CaseIterable {
        case scan, marks, copy, hash, count

        var name: String { self == .count ? "row-major" : "\(self)" }
    }

    /// Scans `bytes` in 1 MiB chunks, each batch's cells then going through the row-major loop up to `steps`.
    /// Returns the bytes copied, the first column's distinct count and the hashes summed, so nothing is
    /// optimised away.
    static func scan(_ bytes: [UInt8], steps: Steps) -> (copied: Int, distinct: Int, hashes: UInt64) {
        var scanner = CSVScanner()
        var batch = RecordBatch()
        var counters = [DistinctCounter](repeating: DistinctCounter(), count: columns)
        let values = (0..<columns).map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: 4 << 20) }
        let ends = (0..<columns).map { _ in UnsafeMutablePointer<Int32>.allocate(capacity: 1 << 16) }
        defer {
            values.forEach { $0.deallocate() }
            ends.forEach { $0.deallocate() }
        }
        var copied = 0
        var hashes: UInt64 = 0
        bytes.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + (1 << 20))
                batch.removeAll(keepingCapacity: true)
                scanner.feed(buffer: UnsafeBufferPointer(rebasing: all[offset..<end]), into: &batch)
                switch steps {
                case .scan: break
                case .marks: copied += rowMajor(batch, values: values, ends: ends, counters: &counters, copying: false, hashing: false, counting: false, hashes: &hashes)
                case .copy: copied += rowMajor(batch, values: values, ends: ends, counters: &counters, copying: true, hashing: false, counting: false, hashes: &hashes)
                case .hash: copied += rowMajor(batch, values: values, ends: ends, counters: &counters, copying: true, hashing: true, counting: false, hashes: &hashes)
                case .count: copied += rowMajor(batch, values: values, ends: ends, counters: &counters, copying: true, hashing: true, counting: true, hashes: &hashes)
                }
                offset = end
            }
        }
        return (copied, counters[0].count, hashes)
    }

    /// Every cell of the batch's records, record by record: its end stored, and as asked copied into its
    /// column, hashed and counted (the hash summed into `hashes` when not counted). Inlined into each call, so
    /// the flags are constants in each copy of the loop.
    @inline(__always)
    static func rowMajor(
        _ batch: RecordBatch, values: [UnsafeMutablePointer<UInt8>], ends: [UnsafeMutablePointer<Int32>], counters: inout [DistinctCounter],
        copying: Bool, hashing: Bool, counting: Bool, hashes: inout UInt64
    ) -> Int {
        let hasher = ValueHash.process
        var sum: UInt64 = 0
        defer { hashes &+= sum }
        var used = [Int](repeating: 0, count: columns)
        batch.withCells(of: 0) { cells in
            counters.withUnsafeMutableBufferPointer { counters in
                for record in 0..<batch.count {
                    let first = record == 0 ? 0 : cells.recordEnds[record - 1]
                    for field in 0..<min(columns, cells.recordEnds[record] - first) {
                        let cell = UnsafeBufferPointer(rebasing: cells.bytes[Int(cells.starts[first + field])..<Int(cells.ends[first + field])])
                        if copying { copy(cell, to: values[field] + used[field]) }
                        used[field] += cell.count
                        ends[field][record & 0xFFFF] = Int32(used[field])
                        guard hashing, !cell.isEmpty else { continue }
                        let hash = hasher.hash(cell)
                        if counting { counters[field].insert(hash) } else { sum &+= hash }
                    }
                }
            }
        }
        return used.reduce(0, +)
    }

    /// Copies a cell as two overlapping 8-byte words when it has 8 to 16 bytes, one word when fewer, `memmove`
    /// when more. A word read at a short cell stays inside the batch's text buffer, which the scanner reserves a
    /// quarter larger than the text; a word written past a short value lands in the 4 MiB column buffer.
    @inline(__always)
    static func copy(_ cell: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) {
        guard let source = cell.baseAddress else { return }
        let count = cell.count
        guard count <= 16 else { return target.update(from: source, count: count) }
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
        if count > 8 { to.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8, as: UInt64.self) }
    }
}
