import Foundation
import ZIPFoundation

/// Writes small XLSX workbooks for tests, part by part, the way spreadsheet applications lay them out.
public struct WorkbookBuilder {
    public var sheets: [(name: String, xml: String)] = []
    public var sharedStrings: [String] = []
    public var stylesXML = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
    <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>
    <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>
    </styleSheet>
    """
    public var extraEntries: [(path: String, data: Data)] = []

    public init() {}

    /// An inline-string row: `<row><c t="inlineStr">…` for each value.
    public static func row(_ values: [String]) -> String {
        "<row>" + values.map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"
    }

    public func write(to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <workbookPr/><sheets>\(sheets.enumerated().map { #"<sheet name="\#($1.name)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined())</sheets></workbook>
            """),
            ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined())</Relationships>
            """),
            ("xl/styles.xml", stylesXML),
            ("xl/sharedStrings.xml", #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"# + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + sheet.xml + "</sheetData></worksheet>"))
        }
        for (path, text) in parts {
            try add(archive, path, Data(text.utf8))
        }
        for (path, data) in extraEntries {
            try add(archive, path, data)
        }
    }

    private func add(_ archive: Archive, _ path: String, _ data: Data) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
