import Synchronization

/// A bounded hand-off of a source's records from the task that reads them to the task that heals them, so
/// decoding and parsing run on another core beside normalisation. Records travel in batches (one suspension
/// per batch, not per record); at most `capacity` batches wait, so a fast reader cannot run ahead of a slow
/// consumer by more than that.
final class RecordPipe: Sendable {
    enum Event: Sendable {
        case header([String])
        case records(RecordBatch)
    }

    private struct State {
        /// Events sent and not yet taken (at most `capacity`, so taking the first is cheap). A taken event
        /// leaves the buffer at once: a reader always ahead must not keep what was consumed alive.
        var buffer: [Event] = []
        var finished = false
        var failure: (any Error)?
        /// Set when the consumer stops early: the reader's next `send` throws.
        var closed = false
        var waitingReader: CheckedContinuation<Void, any Error>?
        var waitingConsumer: CheckedContinuation<Event?, any Error>?
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 4) {
        self.capacity = max(1, capacity)
    }

    /// Hands one event over; waits while `capacity` events are pending. Throws `CancellationError` once
    /// the consumer has closed the pipe.
    func send(_ event: Event) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let resume: (() -> Void)? = state.withLock { state in
                if state.closed { return { continuation.resume(throwing: CancellationError()) } }
                if let consumer = state.waitingConsumer {
                    state.waitingConsumer = nil
                    return {
                        consumer.resume(returning: event)
                        continuation.resume()
                    }
                }
                state.buffer.append(event)
                if state.buffer.count < capacity { return { continuation.resume() } }
                state.waitingReader = continuation
                return nil
            }
            resume?()
        }
    }

    /// Ends the stream: the consumer sees nil after what is pending, or `failure` thrown.
    func finish(throwing failure: (any Error)? = nil) {
        let consumer: CheckedContinuation<Event?, any Error>? = state.withLock { state in
            state.finished = true
            state.failure = failure
            guard state.buffer.isEmpty, let consumer = state.waitingConsumer else { return nil }
            state.waitingConsumer = nil
            return consumer
        }
        if let failure { consumer?.resume(throwing: failure) } else { consumer?.resume(returning: nil) }
    }

    /// Stops the reader (its pending or next `send` throws) when the consumer gives up early.
    func close() {
        let reader: CheckedContinuation<Void, any Error>? = state.withLock { state in
            state.closed = true
            state.buffer = []
            defer { state.waitingReader = nil }
            return state.waitingReader
        }
        reader?.resume(throwing: CancellationError())
    }

    /// Events held (sent and not yet taken).
    var heldEvents: Int { state.withLock { $0.buffer.count } }

    /// The next event, nil at the end; throws what the reader failed with.
    func next() async throws -> Event? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Event?, any Error>) in
            let resume: (() -> Void)? = state.withLock { state in
                if !state.buffer.isEmpty {
                    let event = state.buffer.removeFirst()
                    let reader = state.waitingReader
                    state.waitingReader = nil
                    return {
                        reader?.resume()
                        continuation.resume(returning: event)
                    }
                }
                if state.finished {
                    let failure = state.failure
                    return { failure.map { continuation.resume(throwing: $0) } ?? continuation.resume(returning: nil) }
                }
                state.waitingConsumer = continuation
                return nil
            }
            resume?()
        }
    }
}
