import struct Foundation.Date
import struct Foundation.UUID

/// The answer to an upload handshake: where to PUT the bytes, until when.
public struct UploadCreatedResponse: Codable, Sendable, Equatable {
    public var uploadRef: UUID
    public var uploadUrl: String
    public var expiresAt: Date

    public init(uploadRef: UUID, uploadUrl: String, expiresAt: Date) {
        self.uploadRef = uploadRef
        self.uploadUrl = uploadUrl
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case uploadRef = "upload_ref"
        case uploadUrl = "upload_url"
        case expiresAt = "expires_at"
    }
}

/// The answer to a completed `PUT upload_url`.
public struct UploadStoredResponse: Codable, Sendable, Equatable {
    public var uploadRef: UUID
    public var size: Int
    public var sha256: String

    public init(uploadRef: UUID, size: Int, sha256: String) {
        self.uploadRef = uploadRef
        self.size = size
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case size, sha256
        case uploadRef = "upload_ref"
    }
}
