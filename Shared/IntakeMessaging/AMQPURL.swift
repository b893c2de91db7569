import Foundation

/// An `amqp://user:password@host:port/vhost` address.
public struct AMQPURL: Sendable, CustomStringConvertible {
    /// An address that cannot be used; the message says which part is wrong.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var vhost: String

    public init(_ string: String) throws {
        guard let components = URLComponents(string: string), components.scheme == "amqp" else {
            throw Invalid(description: "AMQP_URL must look like amqp://user:password@host:port/vhost")
        }
        guard let host = components.host, !host.isEmpty else { throw Invalid(description: "AMQP_URL names no host") }
        self.host = host
        self.port = components.port ?? 5672
        self.user = components.user ?? "guest"
        self.password = components.password ?? "guest"
        let path = components.percentEncodedPath.drop { $0 == "/" }
        self.vhost = path.isEmpty ? "/" : (String(path).removingPercentEncoding ?? String(path))
    }

    /// The address with the password masked, for logs.
    public var description: String { "amqp://\(user):***@\(host):\(port)/\(vhost == "/" ? "" : vhost)" }
}
