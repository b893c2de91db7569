import IntakeDomain
import Testing

@Suite struct FileGlobTests {
    @Test(arguments: [("*.csv", "Contacts.CSV", true), ("contacts*", "contacts-2024.csv", true), ("c?t.csv", "cat.csv", true),
                      ("*.csv", "data.xlsx", false), ("deals_*.csv", "contacts.csv", false), ("*", "", true), ("a*b*c", "axxbyyc", true)])
    func matches(pattern: String, name: String, expected: Bool) {
        #expect(FileGlob.matches(pattern, name) == expected)
    }
}
