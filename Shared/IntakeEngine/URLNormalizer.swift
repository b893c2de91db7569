/// Accepts absolute `http`/`https` URLs with a host; a bare `www.` host gains `https://`.
struct URLNormalizer {
    func normalize(_ value: String) -> CellReading {
        var text = value
        if text.lowercased().hasPrefix("www.") { text = "https://" + text }
        guard let schemeEnd = text.range(of: "://") else {
            return .failure(.type("\"\(value)\" is not a URL"))
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostOK = !host.isEmpty && host.contains(".") || host.hasPrefix("localhost")
        guard scheme == "http" || scheme == "https", hostOK, !text.contains(where: { $0.isWhitespace }) else {
            return .failure(.type("\"\(value)\" is not a URL"))
        }
        return .value(scheme + "://" + rest)
    }
}
