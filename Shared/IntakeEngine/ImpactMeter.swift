import IntakeDomain

/// Measures what a patched sheet spec changes by reading the sheet again with the original and the patched
/// spec side by side: rows that fail now and pass with the patch, and cells whose output changes.
struct ImpactMeter {
    let engine: ImportEngine

    struct Measured: Equatable {
        var rowsFixed = 0
        var cellsChanged = 0
        /// Rows that still fail with the patch.
        var invalidRows = 0
    }

    func measure(_ result: ImportEngine.SheetResult, patched sheet: SheetSpec) async throws -> Measured {
        var measured = try await compare(result, patched: sheet, patchedEvidence: nil)
        if !measured.1 {
            measured = try await compare(result, patched: sheet, patchedEvidence: measured.2)
        }
        return measured.0
    }

    /// One side-by-side pass; also whether the patched side's decisions held, and its evidence.
    private func compare(_ result: ImportEngine.SheetResult, patched sheet: SheetSpec, patchedEvidence: SheetEvidence?) async throws -> (Measured, Bool, SheetEvidence) {
        var original = engine.makeImporter(result.job, sheet: result.job.sheet, decided: result.importer.evidence, links: result.links)
        var candidate = engine.makeImporter(result.job, sheet: sheet, decided: patchedEvidence, links: result.links)
        var before: [ProcessedRow] = []
        var after: [ProcessedRow] = []
        var measured = Measured()

        func settle() {
            let count = min(before.count, after.count)
            for index in 0..<count {
                let old = before[index]
                let new = after[index]
                if old.isInvalid, !new.isInvalid { measured.rowsFixed += 1 }
                if new.isInvalid { measured.invalidRows += 1 }
                let oldInvalid = Set(old.invalidCells.map(\.column))
                let newInvalid = Set(new.invalidCells.map(\.column))
                for (position, column) in result.job.template.columns.enumerated() {
                    let oldValue = oldInvalid.contains(column.key) ? nil : old.values[position]
                    let newValue = newInvalid.contains(column.key) ? nil : new.values[position]
                    if oldValue != newValue { measured.cellsChanged += 1 }
                }
            }
            before.removeFirst(count)
            after.removeFirst(count)
        }

        _ = try await result.job.source.read(header: { headers in
            original.begin(headers: headers)
            candidate.begin(headers: headers)
        }, records: { records in
            before += try await original.consume(records).rows
            after += try await candidate.consume(records).rows
            settle()
        })
        before += try original.finish().rows
        after += try candidate.finish().rows
        settle()
        return (measured, candidate.decisionsHold, candidate.evidence)
    }
}
