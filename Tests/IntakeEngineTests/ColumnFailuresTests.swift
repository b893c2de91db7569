import Testing

@testable import IntakeEngine

@Suite struct ColumnFailuresTests {
    /// A proposal's sample values are the commonest failures; ties fall in text order, whatever order the
    /// values failed in (and whatever order the process's dictionaries keep them in).
    @Test func theCommonestFailuresComeInOneOrder() {
        let counts = ["b": 3, "a": 3, "n/a": 1, "2/30/2020": 1, "13/13/2020": 5, "x": 1, "1/1/1": 1]
        var failed: [String] = counts.flatMap { value, count in Array(repeating: value, count: count) }
        for _ in 0..<20 {
            failed.shuffle()
            var failures = ColumnFailures()
            for value in failed { failures.record(raw: value, failure: .type("no")) }
            #expect(failures.commonest(5) == ["13/13/2020", "a", "b", "1/1/1", "2/30/2020"])
            #expect(failures.commonest(100).count == counts.count)
        }
    }
}
