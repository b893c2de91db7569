import IntakeEngine

/// Turns a worksheet's XML, fed in chunks, into records of cell text: shared strings looked up, inline
/// strings read, booleans as `TRUE`/`FALSE`, numbers as written, and numbers in a date style as ISO 8601
/// dates (date-times when the style shows a time). Cells missing from a row are empty; rows missing from
/// the sheet are skipped.
struct WorksheetReader {
    let sharedStrings: [String]
    let styles: CellStyles
    let date1904: Bool

    private var tokenizer = XMLTokenizer()
    private var row: [String]?
    private var cell: (column: Int, type: String, style: Int)?
    private var capture = false
    private var text = ""

    init(sharedStrings: [String], styles: CellStyles, date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
    }

    mutating func feed(_ bytes: some Sequence<UInt8>, emit: ([String]) throws -> Void) throws {
        var events: [XMLTokenizer.Event] = []
        tokenizer.feed(bytes) { events.append($0) }
        for event in events {
            try handle(event, emit: emit)
        }
    }

    private mutating func handle(_ event: XMLTokenizer.Event, emit: ([String]) throws -> Void) throws {
        switch event {
        case .start(let name, let attributes, _):
            switch name {
            case "row":
                row = []
            case "c" where row != nil:
                let column = attributes["r"].flatMap(Self.columnIndex) ?? row!.count
                cell = (column, attributes["t"] ?? "n", attributes["s"].flatMap { Int($0) } ?? 0)
                text = ""
            case "v", "t":
                if cell != nil { capture = true }
            default:
                break
            }
        case .text(let value):
            if capture { text += value }
        case .end(let name):
            switch name {
            case "v", "t":
                capture = false
            case "c":
                guard let found = cell, row != nil else { break }
                cell = nil
                guard found.column < 16_384 else {
                    throw XLSXError.malformed("a cell lies past column XFD")
                }
                while row!.count < found.column { row!.append("") }
                let value = try self.value(text, type: found.type, style: found.style)
                if row!.count == found.column { row!.append(value) } else { row![found.column] = value }
            case "row":
                if let finished = row { try emit(finished) }
                row = nil
            default:
                break
            }
        }
    }

    private func value(_ raw: String, type: String, style: Int) throws -> String {
        switch type {
        case "s":
            guard let index = Int(raw), sharedStrings.indices.contains(index) else {
                throw XLSXError.malformed("a cell names shared string \(raw), which the workbook does not have")
            }
            return sharedStrings[index]
        case "b":
            return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
        case "n":
            guard !raw.isEmpty, let kind = styles.dateKind(style: style), let serial = Double(raw) else { return raw }
            return ExcelSerial.text(serial, withTime: kind == .dateTime, date1904: date1904) ?? raw
        default:
            return raw
        }
    }

    /// `C5` → 2 (zero-based column); nil when the reference has no letters.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard let value = scalar.properties.isUppercase ? Int(scalar.value) - 64 : nil, (1...26).contains(value) else { break }
            index = index * 26 + value
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
