/// How a template column was matched to a source header, and how sure the match is.
public struct ColumnMatch: Sendable, Equatable {
    /// The evidence behind a match.
    public enum Provenance: String, Sendable, Codable {
        case plan
        case exact
        case synonym
        case fuzzy
        case values
        case memory
    }

    public var column: String
    public var header: String
    public var confidence: Double
    public var provenance: Provenance
}
