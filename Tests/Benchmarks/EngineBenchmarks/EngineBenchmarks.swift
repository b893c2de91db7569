import Benchmark
import BenchmarkSupport
import Foundation
import IntakeDomain
import IntakeEngine

/// The engine over a contacts file (`INTAKE_BENCH_FILE`, written by
/// deploy/bench/generate_contacts.py; deploy/bench/engine runs these beside Python's csv module on the
/// same bytes): the byte-level CSV scanner alone (fed 1 MiB chunks, as the reader feeds it), and the whole
/// engine (decode, parse, map, heal, validate) into a sink that encodes each row as the worker would, with its
/// columns in one lane and in two.
let benchmarks: @Sendable () -> Void = {
    // As the import worker runs the engine: batches' memory reused, not faulted in anew.
    MemoryTuning.apply()
    let path = ProcessInfo.processInfo.environment["INTAKE_BENCH_FILE"] ?? ".local/bench/contacts-100000.csv"
    guard let data = FileManager.default.contents(atPath: path) else {
        print("EngineBenchmarks: \(path) is missing; run deploy/bench/engine (or set INTAKE_BENCH_FILE)")
        return
    }
    let bytes = Array(data)
    let records = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds,
        warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(20), maxIterations: 5
    )

    // The scanner as the reader feeds it: 1 MiB chunks, each into a batch of its own.
    Benchmark("CSV scan (\(records) records)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            var scanner = CSVScanner()
            var scanned = 0
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + (1 << 20))
                var batch = RecordBatch()
                bytes[offset..<end].withUnsafeBufferPointer { scanner.feed(buffer: $0, into: &batch) }
                scanned += batch.count
                offset = end
            }
            var last = RecordBatch()
            scanner.finish(into: &last)
            blackHole(scanned + last.count)
        }
    }

    // One lane: every column of a record in turn on one core (the source is still read on a second
    // thread). Two lanes: a batch's columns split over two cores, as the worker runs. Each encodes every row
    // as the worker stores it; the last one only counts them: parse and normalise, nothing after.
    for (lanes, encodes) in [(1, true), (2, true), (1, false)] {
        let work = encodes ? "decode, parse, heal, validate, encode" : "decode, parse, heal, validate"
        Benchmark("Engine \(lanes) lane\(lanes == 1 ? "" : "s"): \(work) (\(records) records)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                var sink = CountingSink(encodes: encodes)
                _ = try? await BenchTemplate.run(bytes, lanes: lanes, into: &sink)
                blackHole(sink.rows)
            }
        }
    }
}
