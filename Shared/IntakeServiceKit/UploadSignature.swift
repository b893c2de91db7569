import Crypto
import Foundation

/// The HMAC-SHA256 signature of an upload URL over its ref, company, content type, size and expiry.
public struct UploadSignature: Sendable {
    let key: SymmetricKey

    public init(secret: String) {
        self.key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The fields a signature covers.
    public struct Claims: Sendable, Equatable {
        public var ref: UUID
        public var company: UUID
        public var contentType: String
        public var size: Int
        public var expires: Int

        public init(ref: UUID, company: UUID, contentType: String, size: Int, expires: Int) {
            self.ref = ref
            self.company = company
            self.contentType = contentType
            self.size = size
            self.expires = expires
        }

        var message: String {
            [ref.uuidString.lowercased(), company.uuidString.lowercased(), contentType, String(size), String(expires)].joined(separator: "\n")
        }

        /// The query string carrying the claims and their signature.
        func query(signature: String) -> String {
            var components = URLComponents()
            components.queryItems = [
                URLQueryItem(name: "company", value: company.uuidString.lowercased()),
                URLQueryItem(name: "content_type", value: contentType),
                URLQueryItem(name: "size", value: String(size)),
                URLQueryItem(name: "expires", value: String(expires)),
                URLQueryItem(name: "signature", value: signature),
            ]
            return components.percentEncodedQuery ?? ""
        }
    }

    /// Lower-case hex HMAC of the claims.
    public func sign(_ claims: Claims) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(claims.message.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// The signed URL for `claims` under `baseURL` (the upload service as clients reach it).
    public func url(baseURL: String, claims: Claims) -> String {
        "\(baseURL)/uploads/\(claims.ref.uuidString.lowercased())?\(claims.query(signature: sign(claims)))"
    }

    /// Whether `signature` is the claims' HMAC, compared in constant time.
    public func isValid(_ signature: String, for claims: Claims) -> Bool {
        guard let bytes = Self.bytes(hex: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data(claims.message.utf8), using: key)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
