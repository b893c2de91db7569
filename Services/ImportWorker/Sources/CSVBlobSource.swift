import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import NIOCore

/// An uploaded delimited text file, streamed from the blob store chunk by chunk: encoding (UTF-8, UTF-16 by
/// BOM, Windows-1252 fallback) and delimiter decided from the first chunk, the header row found past preamble
/// lines in the first records. Each of those that is not the plain default is reported as a heal.
struct CSVBlobSource: RecordSource {
    let blobs: PostgresBlobStore
    let blobId: UUID
    let fileName: String
    let sheet: String

    func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        var heals: [HealingEvent] = []
        var decoder: SourceDecoder?
        var scanner: CSVScanner?
        var headerSeen = false
        var number = 0
        var completed: [[String]] = []

        /// Holds the first records back until the header row can be told from a preamble.
        func deliver(final: Bool = false) async throws {
            if !headerSeen {
                guard final || completed.count >= HeaderRowFinder.sampleSize else { return }
                guard let index = HeaderRowFinder.headerIndex(in: completed) else { return }
                headerSeen = true
                if index > 0 {
                    heals.append(HealingEvent(kind: "header_row", sheet: sheet, from: "record 1", to: "record \(index + 1)", confidence: 1, cells: nil))
                }
                try await header(completed[index])
                completed.removeFirst(index + 1)
            }
            for fields in completed {
                number += 1
                try await record(number, fields)
            }
            completed.removeAll(keepingCapacity: true)
        }

        for try await chunk in try await blobs.chunks(id: blobId) {
            if decoder == nil {
                let detected = SourceDecoder(firstChunk: chunk.readableBytesView)
                if detected.encoding != .utf8 {
                    heals.append(HealingEvent(kind: "encoding", sheet: sheet, from: detected.encoding.rawValue, to: "utf-8", confidence: 1, cells: nil))
                }
                decoder = detected
            }
            let bytes = decoder!.decode(chunk.readableBytesView)
            if scanner == nil {
                let delimiter = DelimiterSniffer.sniff(bytes.prefix(64 * 1024))
                if delimiter != UInt8(ascii: ",") {
                    heals.append(HealingEvent(kind: "delimiter", sheet: sheet, from: Self.name(of: delimiter), to: ",", confidence: 1, cells: nil))
                }
                scanner = CSVScanner(delimiter: delimiter)
            }
            scanner!.feed(bytes) { completed.append($0) }
            try await deliver()
        }
        scanner?.finish { completed.append($0) }
        try await deliver(final: true)
        guard headerSeen else {
            throw RunError(code: "empty_file", message: "\(fileName) holds no header row")
        }
        return heals
    }

    static func name(of delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(delimiter))
    }
}
