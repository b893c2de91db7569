import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import IntakeXLSX

/// An uploaded XLSX workbook: copied from the blob store to a temporary file (a ZIP needs random access),
/// then its worksheet for the plan sheet read by streaming. The copy is removed after each pass.
public struct XLSXBlobSource: RecordSource {
    public let file: StoredFile

    public init(_ file: StoredFile) {
        self.file = file
    }

    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Whether a file of this media type and name is a workbook.
    public static func handles(contentType: String, name: String) -> Bool {
        contentType == mediaType || name.lowercased().hasSuffix(".xlsx")
    }

    public func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(file.blobId.uuidString.lowercased())-\(UUID().uuidString).xlsx")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw RunError(code: "worker_storage", message: "the worker cannot write a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        do {
            for try await chunk in try await file.blobs.chunks(id: file.blobId) {
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        return try await XLSXSource(url: url, fileName: file.fileName, sheet: file.sheet).read(header: header, record: record)
    }
}
