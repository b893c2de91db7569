/// Header comparison key: lower-cased letters and digits only, so `E-Mail Address` matches `email_address`.
public enum HeaderName {
    public static func normalized(_ header: String) -> String {
        String(header.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
