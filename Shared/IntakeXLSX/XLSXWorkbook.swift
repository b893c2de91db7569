import Foundation
import ZIPFoundation

/// An XLSX workbook on local disk, checked against `XLSXLimits` before anything is inflated: its worksheets
/// by name, its shared strings and date styles. Worksheets are read by streaming their XML.
public struct XLSXWorkbook {
    public struct Sheet: Equatable, Sendable {
        public var name: String
        /// Path of the worksheet part inside the archive.
        public var path: String
    }

    public let sheets: [Sheet]
    let archive: Archive
    let limits: XLSXLimits
    let sharedStrings: [String]
    let styles: CellStyles
    let date1904: Bool

    public init(url: URL, limits: XLSXLimits = XLSXLimits()) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw XLSXError.notAWorkbook("it is not a ZIP archive")
        }
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw XLSXError.tooLarge("more than \(limits.maxEntries) entries")
            }
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            if entry.uncompressedSize > 1 << 20, ratio > limits.maxRatio {
                throw XLSXError.tooLarge("\(entry.path) inflates \(ratio)× (the limit is \(limits.maxRatio)×)")
            }
        }
        self.archive = archive
        self.limits = limits
        guard archive["xl/workbook.xml"] != nil else {
            throw XLSXError.notAWorkbook("it has no xl/workbook.xml")
        }
        let workbook = try Self.part("xl/workbook.xml", of: archive, limits: limits)
        let relations = (try? Self.part("xl/_rels/workbook.xml.rels", of: archive, limits: limits)) ?? []
        (sheets, date1904) = Self.sheets(workbook: workbook, relations: relations)
        sharedStrings = archive["xl/sharedStrings.xml"] == nil ? [] : Self.strings(try Self.part("xl/sharedStrings.xml", of: archive, limits: limits))
        styles = archive["xl/styles.xml"] == nil ? .none : CellStyles.parse(try Self.part("xl/styles.xml", of: archive, limits: limits))
    }

    /// The worksheet named like `preferred` (case, spaces and punctuation ignored), else the first one.
    public func sheet(preferring preferred: String?) throws -> Sheet {
        guard let first = sheets.first else { throw XLSXError.malformed("it has no worksheet") }
        guard let preferred else { return first }
        let key = Self.key(preferred)
        return sheets.first { Self.key($0.name) == key } ?? first
    }

    /// Streams a worksheet's rows: inflated to a temporary file (bounded by `maxSheetBytes`), then read
    /// back in chunks so that `row` may suspend.
    public func rows(of sheet: Sheet, row: ([String]) async throws -> Void) async throws {
        guard let entry = archive[sheet.path] else { throw XLSXError.malformed("worksheet \(sheet.path) is missing") }
        guard entry.uncompressedSize <= limits.maxSheetBytes else {
            throw XLSXError.tooLarge("worksheet \"\(sheet.name)\" inflates to \(entry.uncompressedSize) bytes (the limit is \(limits.maxSheetBytes))")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("intake-sheet-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw XLSXError.malformed("cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        let output = try FileHandle(forWritingTo: temporary)
        var written: UInt64 = 0
        let limit = min(limits.maxSheetBytes, entry.uncompressedSize)
        do {
            _ = try archive.extract(entry, bufferSize: 256 * 1024) { data in
                written += UInt64(data.count)
                guard written <= limit else { throw XLSXError.tooLarge("worksheet \"\(sheet.name)\" inflates past its declared size") }
                try output.write(contentsOf: data)
            }
            try output.close()
        } catch let error as XLSXError {
            try? output.close()
            throw error
        } catch {
            try? output.close()
            throw XLSXError.malformed("worksheet \"\(sheet.name)\" cannot be inflated (\(error))")
        }
        let input = try FileHandle(forReadingFrom: temporary)
        defer { try? input.close() }
        var reader = WorksheetReader(sharedStrings: sharedStrings, styles: styles, date1904: date1904)
        var ready: [[String]] = []
        while let data = try input.read(upToCount: 256 * 1024), !data.isEmpty {
            try reader.feed(data) { ready.append($0) }
            for record in ready { try await row(record) }
            ready.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - Parts

    /// An inflated part held in memory (bounded by `maxPartBytes`).
    static func part(_ path: String, of archive: Archive, limits: XLSXLimits) throws -> [UInt8] {
        guard let entry = archive[path] else { throw XLSXError.malformed("\(path) is missing") }
        guard entry.uncompressedSize <= limits.maxPartBytes else {
            throw XLSXError.tooLarge("\(path) inflates to \(entry.uncompressedSize) bytes (the limit is \(limits.maxPartBytes))")
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry) { data in
                guard UInt64(bytes.count + data.count) <= entry.uncompressedSize else {
                    throw XLSXError.tooLarge("\(path) inflates past its declared size")
                }
                bytes.append(contentsOf: data)
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError.malformed("\(path) cannot be inflated (\(error))")
        }
        return bytes
    }

    /// Worksheet names in workbook order with their part paths, and whether dates count from 1904.
    static func sheets(workbook: [UInt8], relations: [UInt8]) -> ([Sheet], Bool) {
        var targets: [String: String] = [:]
        var tokenizer = XMLTokenizer()
        tokenizer.feed(relations) { event in
            if case .start("Relationship", let attributes, _) = event, let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var sheets: [Sheet] = []
        var date1904 = false
        tokenizer = XMLTokenizer()
        tokenizer.feed(workbook) { event in
            switch event {
            case .start("sheet", let attributes, _):
                guard let name = attributes["name"] else { return }
                let relation = attributes["id"] ?? ""
                sheets.append(Sheet(name: name, path: targets[relation] ?? "xl/worksheets/sheet\(sheets.count + 1).xml"))
            case .start("workbookPr", let attributes, _):
                date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
            default:
                break
            }
        }
        return (sheets, date1904)
    }

    /// Shared strings in order; rich text runs joined.
    static func strings(_ bytes: [UInt8]) -> [String] {
        var strings: [String] = []
        var current: String?
        var inText = false
        var inPhonetic = false
        var tokenizer = XMLTokenizer()
        tokenizer.feed(bytes) { event in
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"):
                strings.append(current ?? "")
                current = nil
            case .start("rPh", _, _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let selfClosing): inText = !selfClosing
            case .end("t"): inText = false
            case .text(let text): if inText, !inPhonetic, current != nil { current! += text }
            default: break
            }
        }
        return strings
    }

    static func key(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
