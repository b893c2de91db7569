import Foundation
import IntakeDomain
import IntakePersistence

/// Turns a run's stored input into source tables, one per plan sheet it feeds.
struct RunInputLoader {
    let blobs: PostgresBlobStore

    func load(_ input: RunInput, plan: PlanSpec) async throws -> [SheetInput] {
        if let blobId = input.rowsBlob {
            guard let bytes = try await blobs.read(id: blobId) else {
                throw RunError(code: "input_missing", message: "the run's inline rows are no longer stored")
            }
            let table = try JSONText.decoder.decode(InlineRows.self, from: Data(bytes))
            let key = input.sheet ?? plan.sheets[0].key
            guard let sheet = plan.sheets.first(where: { $0.key == key }) else {
                throw RunError(code: "plan_mismatch", message: "sheet \"\(key)\" is not in plan version")
            }
            return [SheetInput(sheet: sheet, headers: table.headers, records: table.records)]
        }
        throw RunError(code: "input_unsupported", message: "this worker reads inline rows only")
    }
}
