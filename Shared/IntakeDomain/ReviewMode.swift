/// What a run does when rows still fail after healing.
public enum ReviewMode: String, Codable, Sendable {
    /// Pause at `needs_attention` with a proposed fix.
    case gate
    /// Complete with invalid rows flagged; the fix is only suggested.
    case report
}
