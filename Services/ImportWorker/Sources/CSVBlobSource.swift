import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import NIOCore

/// An uploaded delimited text file, streamed from the blob store chunk by chunk: UTF-8 (a BOM is dropped),
/// delimiter sniffed from the first chunk, the header row found past preamble lines in the first records.
struct CSVBlobSource: RecordSource {
    let blobs: PostgresBlobStore
    let blobId: UUID
    let fileName: String

    func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws {
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
            var bytes = chunk.readableBytesView[...]
            if scanner == nil {
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                scanner = CSVScanner(delimiter: DelimiterSniffer.sniff(bytes.prefix(64 * 1024)))
            }
            scanner!.feed(bytes) { completed.append($0) }
            try await deliver()
        }
        scanner?.finish { completed.append($0) }
        try await deliver(final: true)
        guard headerSeen else {
            throw RunError(code: "empty_file", message: "\(fileName) holds no header row")
        }
    }
}
