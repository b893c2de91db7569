import Crypto
import Foundation

/// A secret API key: shown once, stored as a SHA-256 digest beside a short visible prefix.
public struct APIKey: Sendable {
    public let plaintext: String

    public init(plaintext: String) {
        self.plaintext = plaintext
    }

    /// A new key: `ik_` and 32 random bytes in hex.
    public static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return APIKey(plaintext: "ik_" + bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// The first characters, safe to show and log.
    public var prefix: String { String(plaintext.prefix(11)) }

    /// The SHA-256 digest stored in place of the key.
    public var digest: [UInt8] { Array(SHA256.hash(data: Data(plaintext.utf8))) }

    /// Compares two digests in time independent of where they differ.
    public static func digestsEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
