import Foundation
import IntakeDomain
import IntakeEngine
import Testing

import XLSXTestSupport

@testable import IntakeXLSX

@Suite struct XLSXSourceTests {
    func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("intake-test-\(UUID().uuidString).xlsx")
    }

    func read(_ url: URL, sheet: String = "contacts", limits: XLSXLimits = XLSXLimits()) async throws -> (headers: [String], records: [[String]], heals: [HealingEvent]) {
        var headers: [String] = []
        var records: [[String]] = []
        let heals = try await XLSXSource(url: url, fileName: "book.xlsx", sheet: sheet, limits: limits).read { headers = $0 } record: { number, fields in
            #expect(number == records.count + 1)
            records.append(fields)
        }
        return (headers, records, heals)
    }

    @Test func readsStringsNumbersBooleansAndDateStyledCells() async throws {
        var builder = WorkbookBuilder()
        builder.sharedStrings = ["Email", "Name", "Joined", "Active", "ada@example.com", "Ada &amp; Co"]
        builder.sheets = [
            ("Notes", #"<row r="1"><c r="A1" t="inlineStr"><is><t>ignore me</t></is></c></row>"#),
            ("Contacts", """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Exported 2024</t></is></c></row>
            <row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>3</v></c><c r="E3" t="inlineStr"><is><t>Seats</t></is></c></row>
            <row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" t="s"><v>5</v></c><c r="C4" s="1"><v>45356</v></c><c r="D4" t="b"><v>1</v></c><c r="E4"><v>12.5</v></c></row>
            <row r="5"><c r="A5" t="inlineStr"><is><r><t>b@</t></r><r><t>example.com</t></r></is></c><c r="C5" s="2"><v>45356.75</v></c><c r="E5"><v>3</v></c></row>
            """),
        ]
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try builder.write(to: url)
        let (headers, records, heals) = try await read(url)
        #expect(headers == ["Email", "Name", "Joined", "Active", "Seats"])
        #expect(records == [
            ["ada@example.com", "Ada & Co", "2024-03-05", "TRUE", "12.5"],
            ["b@example.com", "", "2024-03-05T18:00:00", "", "3"],
        ])
        #expect(heals.map(\.kind) == ["header_row"], "the title row is a preamble")
    }

    @Test func theFirstWorksheetIsReadWhenNoneIsNamedLikeThePlanSheet() async throws {
        var builder = WorkbookBuilder()
        builder.sheets = [("Sheet1", #"<row><c t="inlineStr"><is><t>email</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row><row><c t="inlineStr"><is><t>a@x.io</t></is></c><c><v>1</v></c></row>"#)]
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try builder.write(to: url)
        let (headers, records, _) = try await read(url, sheet: "people")
        #expect(headers == ["email", "n"])
        #expect(records == [["a@x.io", "1"]])
    }

    @Test func aZipBombIsRefusedBeforeInflating() async throws {
        var builder = WorkbookBuilder()
        let row = "<row><c t=\"inlineStr\"><is><t>" + String(repeating: "A", count: 1_000) + "</t></is></c></row>"
        builder.sheets = [("contacts", String(repeating: row, count: 20_000))]
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try builder.write(to: url)
        await #expect(throws: RunError.self) { try await read(url) }
        do {
            _ = try await read(url)
        } catch let error as RunError {
            #expect(error.code == "unreadable_file")
            #expect(error.message.contains("inflates"), "\(error.message)")
        }
    }

    @Test func limitsOnEntriesAndSizesAreClearErrors() async throws {
        var builder = WorkbookBuilder()
        builder.sheets = [("contacts", #"<row><c t="inlineStr"><is><t>email</t></is></c></row>"#)]
        builder.extraEntries = (0..<20).map { ("docProps/extra\($0).xml", Data("<x/>".utf8)) }
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try builder.write(to: url)
        var limits = XLSXLimits()
        limits.maxEntries = 10
        await #expect(throws: XLSXError.tooLarge("more than 10 entries")) { try XLSXWorkbook(url: url, limits: limits) }
        limits = XLSXLimits()
        limits.maxSheetBytes = 10
        let workbook = try XLSXWorkbook(url: url, limits: limits)
        await #expect(throws: XLSXError.self) { try await workbook.rows(of: workbook.sheets[0]) { _ in } }
    }

    @Test func somethingElseIsNotAWorkbook() async throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("email,name\na@x.io,A\n".utf8).write(to: url)
        #expect(throws: XLSXError.notAWorkbook("it is not a ZIP archive")) { try XLSXWorkbook(url: url) }
    }

    @Test func tokenizerHandlesChunkBoundariesEntitiesAndCDATA() {
        let xml = Array(#"<?xml version="1.0"?><!-- a > comment --><a:row x="1 &amp; 2"><t>x &lt; y &#x41;</t><t><![CDATA[<raw>]]></t><e/></a:row>"#.utf8)
        for size in [1, 2, 7, xml.count] {
            var tokenizer = XMLTokenizer()
            var events: [XMLTokenizer.Event] = []
            var offset = 0
            while offset < xml.count {
                tokenizer.feed(xml[offset..<min(xml.count, offset + size)]) { events.append($0) }
                offset += size
            }
            #expect(events == [
                .start(name: "row", attributes: ["x": "1 & 2"], selfClosing: false),
                .start(name: "t", attributes: [:], selfClosing: false), .text("x < y A"), .end(name: "t"),
                .start(name: "t", attributes: [:], selfClosing: false), .text("<raw>"), .end(name: "t"),
                .start(name: "e", attributes: [:], selfClosing: true), .end(name: "e"),
                .end(name: "row"),
            ], "chunk size \(size)")
        }
    }

    @Test func dateStylesAreRecognised() {
        #expect(CellStyles.kind(formatId: 14, code: nil) == .date)
        #expect(CellStyles.kind(formatId: 22, code: nil) == .dateTime)
        #expect(CellStyles.kind(formatId: 164, code: "yyyy-mm-dd") == .date)
        #expect(CellStyles.kind(formatId: 165, code: "[$-409]d-mmm-yy;@") == .date)
        #expect(CellStyles.kind(formatId: 166, code: "#,##0.00\\ \"days\"") == nil)
        #expect(CellStyles.kind(formatId: 167, code: "0.00%") == nil)
        #expect(WorksheetReader.columnIndex("AB12") == 27)
    }
}
