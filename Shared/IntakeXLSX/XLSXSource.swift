import Foundation
import IntakeDomain
import IntakeEngine

/// A worksheet of an XLSX file on local disk as a record source: the worksheet named like the plan sheet
/// (else the first), the header row found past preamble rows, every record numbered from 1.
public struct XLSXSource: RecordSource {
    public let url: URL
    public let fileName: String
    public let sheet: String
    public let limits: XLSXLimits

    public init(url: URL, fileName: String, sheet: String, limits: XLSXLimits = XLSXLimits()) {
        self.url = url
        self.fileName = fileName
        self.sheet = sheet
        self.limits = limits
    }

    public func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        do {
            let workbook = try XLSXWorkbook(url: url, limits: limits)
            let worksheet = try workbook.sheet(preferring: sheet)
            var gate = HeaderGate(sheet: sheet)
            var batch: [[String]] = []
            try await workbook.rows(of: worksheet) { row in
                batch.append(row)
                if batch.count >= HeaderRowFinder.sampleSize || gate.headerSeen {
                    try await gate.pass(batch, final: false, header: header, record: record)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try await gate.pass(batch, final: true, header: header, record: record)
            guard gate.headerSeen else {
                throw RunError(code: "empty_file", message: "\(fileName) (worksheet \"\(worksheet.name)\") holds no header row")
            }
            return [gate.heal].compactMap { $0 }
        } catch let error as XLSXError {
            throw RunError(code: "unreadable_file", message: "\(fileName): \(error.description)")
        }
    }
}
