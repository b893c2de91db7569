import Logging
import PostgresNIO

extension PostgresClient {
    /// `withTransaction`, but rethrowing the closure's (or commit's) own error rather than PostgresNIO's
    /// `PostgresTransactionError` wrapper, so callers can match on their errors and SQL states.
    public func transaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ closure: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await withTransaction(logger: logger, isolation: isolation, closure)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }
}
