import IntakeMessaging
import IntakePersistence

/// The settings every service shares: where Postgres and the broker are.
public struct ServiceEnvironment: Sendable {
    /// `DATABASE_URL`, e.g. `postgres://intake@127.0.0.1:5432/intake`.
    public var database: DatabaseURL
    /// `AMQP_URL`, e.g. `amqp://guest:guest@127.0.0.1:5672/`.
    public var broker: AMQPURL

    public init(database: DatabaseURL, broker: AMQPURL) {
        self.database = database
        self.broker = broker
    }

    public init(_ reader: EnvironmentReader) throws {
        do {
            self.database = try DatabaseURL(try reader.require("DATABASE_URL"))
        } catch let error as DatabaseURL.Invalid {
            throw ConfigurationError(key: "DATABASE_URL", problem: error.description)
        }
        do {
            self.broker = try AMQPURL(try reader.require("AMQP_URL"))
        } catch let error as AMQPURL.Invalid {
            throw ConfigurationError(key: "AMQP_URL", problem: error.description)
        }
    }
}
