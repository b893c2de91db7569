import IntakeDomain

/// Inline rows sent in the import request.
struct InlineRowsSource: RecordSource {
    let table: InlineRows

    func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        try await header(table.headers)
        for (index, fields) in table.records.enumerated() {
            try await record(index + 1, fields)
        }
        return []
    }
}
