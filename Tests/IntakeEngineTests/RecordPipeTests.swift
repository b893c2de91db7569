import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

/// The hand-off between the task reading a source and the one healing it: order kept, failures on either
/// side end both without a hang.
@Suite struct RecordPipeTests {
    let template = Template(id: UUID(), name: "People", columns: [
        TemplateColumn(key: "email", type: .email, required: true, unique: true),
        TemplateColumn(key: "seats", type: .integer),
    ], createdAt: Date())

    /// `count` records; throws `failure` instead of record `failAt` when asked. Counts what it read.
    struct CountedSource: RecordSource {
        struct Broken: Error, Equatable {}
        let count: Int
        var failAt: Int?
        let read = ReadCount()

        func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
            try await header(["email", "seats"])
            for number in 1...count {
                if number == failAt { throw Broken() }
                read.add()
                try await record(number, ["p\(number)@example.com", String(number % 7)])
            }
            return []
        }
    }

    final class ReadCount: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var total: Int { lock.withLock { value } }
    }

    /// Stores rows; throws once it holds `failAfter` of them.
    struct FailingSink: RowSink {
        struct Full: Error, Equatable {}
        var rows: [ProcessedRow] = []
        var failAfter = Int.max

        mutating func beginSheet(_ key: String) async throws {}
        mutating func write(_ batch: RowBatch, sheet: String) async throws {
            for row in batch.rows {
                guard rows.count < failAfter else { throw Full() }
                rows.append(row)
            }
        }
        mutating func discardSheet(_ key: String) async throws { rows = [] }
        mutating func endSheet(_ key: String) async throws {}
    }

    func run(_ source: CountedSource, into sink: inout FailingSink) async throws -> ImportOutcome {
        let plan = PlanSpec(name: "p", sheets: [SheetSpec(key: "people", templateId: template.id)], review: .gate)
        return try await ImportEngine(plan: plan, review: .gate, headSize: 100)
            .run([SheetJob(sheet: plan.sheets[0], template: template, source: source)], into: &sink)
    }

    @Test(arguments: [1, 511, 512, 513, 5_000])
    func everyRecordArrivesOnceInOrder(count: Int) async throws {
        var sink = FailingSink()
        let outcome = try await run(CountedSource(count: count), into: &sink)
        #expect(sink.rows.map(\.number) == Array(1...count))
        #expect(sink.rows.first?.values == ["p1@example.com", "1"])
        guard case .completed(let report, _) = outcome else {
            Issue.record("expected completed, got \(outcome)")
            return
        }
        #expect(report.inserted == count)
    }

    @Test func aReaderFailureIsTheRunsFailure() async throws {
        var sink = FailingSink()
        await #expect(throws: CountedSource.Broken.self) {
            try await run(CountedSource(count: 10_000, failAt: 3_000), into: &sink)
        }
        #expect(sink.rows.count < 3_000)
    }

    @Test func aSinkFailureStopsTheReaderEarly() async throws {
        var sink = FailingSink(failAfter: 1_000)
        let source = CountedSource(count: 200_000)
        await #expect(throws: FailingSink.Full.self) { try await run(source, into: &sink) }
        // The reader stops within the pipe's few batches of where the sink failed, not at the end of the file.
        #expect(source.read.total < 1_000 + 100 + 8 * RecordBatch.preferredCount)
    }

    @Test func thePipeKeepsOrderWithOneSlot() async throws {
        let pipe = RecordPipe(capacity: 1)
        let reader = Task {
            try await pipe.send(.header(["a"]))
            for number in 1...2_000 { try await pipe.send(.records(RecordBatch([(number, ["\(number)"])]))) }
            pipe.finish()
        }
        var numbers: [Int] = []
        var headers = 0
        while let event = try await pipe.next() {
            switch event {
            case .header: headers += 1
            case .records(let records): numbers += records.numbers
            }
        }
        try await reader.value
        #expect(headers == 1)
        #expect(numbers == Array(1...2_000))
    }

    /// A reader always ahead of its consumer: what was taken is let go at once, so memory holds at most
    /// `capacity` batches whatever the file's length (a 1M-row file once kept every batch it had read).
    @Test func takenBatchesAreNotHeld() async throws {
        let pipe = RecordPipe(capacity: 3)
        let reader = Task {
            for number in 1...200 { try await pipe.send(.records(RecordBatch([(number, ["\(number)"])]))) }
            pipe.finish()
        }
        var most = 0
        var taken = 0
        while let _ = try await pipe.next() {
            taken += 1
            await Task.yield()
            most = max(most, pipe.heldEvents)
        }
        try await reader.value
        #expect(taken == 200)
        #expect(most <= 3)
    }

    @Test func closingThePipeStopsAWaitingReader() async throws {
        let pipe = RecordPipe(capacity: 1)
        let reader = Task {
            for number in 1...100 { try await pipe.send(.records(RecordBatch([(number, [])]))) }
        }
        _ = try await pipe.next()
        pipe.close()
        await #expect(throws: CancellationError.self) { try await reader.value }
    }
}
