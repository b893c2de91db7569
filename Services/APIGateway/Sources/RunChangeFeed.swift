import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// Listens for announced run changes (`LISTEN intake_run_changed`) and drops the changed runs' cached poll
/// responses. While it is not listening (starting, or its connection lost and being re-established) the
/// poll cache is off, so polls read Postgres and stay correct.
public struct RunChangeFeed: Service {
    static let channel = "intake_run_changed"

    let client: PostgresClient
    let cache: PollCache
    let logger: Logger
    let retryDelay: Duration

    public init(client: PostgresClient, cache: PollCache, logger: Logger, retryDelay: Duration = .seconds(1)) {
        self.client = client
        self.cache = cache
        self.logger = logger
        self.retryDelay = retryDelay
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await listen() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        cache.setListening(false)
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        cache.setListening(true)
                        for try await notification in notifications {
                            if let run = UUID(uuidString: notification.payload) { cache.invalidate(run: run) }
                        }
                    }
                }
            } catch {
                if !Task.isCancelled {
                    logger.warning("run change feed lost; polls read Postgres until it is back", metadata: ["error": "\(error)"])
                }
            }
            cache.setListening(false)
            guard !Task.isCancelled else { return }
            try? await Task.sleep(for: retryDelay)
        }
    }
}
