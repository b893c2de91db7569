import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import IntakeSources

/// Turns a run's stored input into record sources, one per plan sheet it feeds.
struct RunInputLoader: Sendable {
    let blobs: PostgresBlobStore

    func load(_ input: RunInput, plan: PlanSpec) async throws -> [SheetInput] {
        if let blobId = input.rowsBlob {
            guard let bytes = try await blobs.read(id: blobId) else {
                throw RunError(code: "input_missing", message: "the run's inline rows are no longer stored")
            }
            let table = try JSONText.decoder.decode(InlineRows.self, from: Data(bytes))
            return [SheetInput(sheet: try sheet(input.sheet ?? plan.sheets[0].key, of: plan), source: InlineRowsSource(table: table))]
        }
        var inputs: [SheetInput] = []
        for file in input.files ?? [] {
            let size = try await blobs.size(id: file.blobId)
            let source = StoredFileSource.make(
                blobs: blobs, blobId: file.blobId, fileName: file.name, contentType: file.contentType, sheet: file.sheet, size: size
            )
            inputs.append(SheetInput(sheet: try sheet(file.sheet, of: plan), source: source))
        }
        return inputs
    }

    private func sheet(_ key: String, of plan: PlanSpec) throws -> SheetSpec {
        guard let sheet = plan.sheets.first(where: { $0.key == key }) else {
            throw RunError(code: "plan_mismatch", message: "sheet \"\(key)\" is not in the run's plan version")
        }
        return sheet
    }
}
