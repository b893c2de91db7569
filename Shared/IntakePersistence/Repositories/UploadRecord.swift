import Foundation

/// One signed upload: what the client declared, and what was stored.
public struct UploadRecord: Sendable, Equatable {
    /// Where an upload is in its single use.
    public enum State: String, Sendable {
        case pending
        case receiving
        case stored
    }

    public var ref: UUID
    public var accountId: UUID
    public var companyId: UUID
    public var name: String
    public var contentType: String
    public var declaredSize: Int
    public var storedSize: Int?
    public var sha256: String?
    public var blobId: UUID?
    public var state: State
    public var expiresAt: Date
}
