import Foundation
import IntakeEngine
import IntakePersistence

/// The record source for a stored upload: an XLSX workbook or delimited text, by media type and name.
public enum StoredFileSource {
    /// `size`, the file's size in bytes when known, lets a run size its `unique` sets ahead.
    public static func make(blobs: PostgresBlobStore, blobId: UUID, fileName: String, contentType: String, sheet: String, size: Int? = nil) -> any RecordSource {
        let file = StoredFile(blobs: blobs, blobId: blobId, fileName: fileName, sheet: sheet, size: size)
        return XLSXBlobSource.handles(contentType: contentType, name: fileName) ? XLSXBlobSource(file) : CSVBlobSource(file)
    }
}
