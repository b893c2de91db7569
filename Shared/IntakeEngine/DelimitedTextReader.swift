import IntakeDomain

/// Reads a delimited text file pushed to it chunk by chunk: encoding decided from the first chunk (UTF-8,
/// UTF-16 with or without a BOM, Windows-1252 fallback), delimiter sniffed by trial parse, RFC 4180
/// records, the header row found past preamble lines. Whatever is not the plain default is reported as a
/// repair. Memory holds one chunk and the first few records, never the file.
public struct DelimitedTextReader {
    public let sheet: String
    private var found: [HealingEvent] = []
    private var decoder: SourceDecoder?
    private var scanner: CSVScanner?
    private var gate: HeaderGate
    private var completed = RecordBatch()
    /// The file's first bytes, held until there are enough to decide the encoding and the delimiter.
    private var opening: [UInt8] = []

    /// Bytes looked at to decide the encoding and the delimiter.
    public static let sniffSize = 64 * 1024

    public init(sheet: String) {
        self.sheet = sheet
        self.gate = HeaderGate(sheet: sheet)
    }

    /// Every repair made reading the file so far.
    public var heals: [HealingEvent] { found + [gate.heal].compactMap { $0 } }

    /// Feeds the next chunk of the file; calls `header` once and `records` with the records it completes.
    public mutating func feed(
        _ chunk: some Collection<UInt8>,
        header: ([String]) async throws -> Void,
        records: (RecordBatch) async throws -> Void
    ) async throws {
        if decoder == nil {
            opening.append(contentsOf: chunk)
            guard opening.count >= Self.sniffSize else { return }
            try await start(header: header, records: records)
            return
        }
        if decoder!.passesThrough {
            try await scan(chunk, header: header, records: records)
        } else {
            try await scan(decoder!.decode(chunk), header: header, records: records)
        }
    }

    /// Decides the encoding and the delimiter from the opening bytes, then reads them.
    private mutating func start(header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws {
        let bytes = opening
        opening = []
        var detected = SourceDecoder(firstChunk: bytes)
        if detected.encoding != .utf8 {
            found.append(HealingEvent(kind: HealKind.encoding.rawValue, sheet: sheet, from: detected.encoding.rawValue, to: "utf-8", confidence: 1))
        }
        let decoded = detected.decode(bytes)
        decoder = detected
        let delimiter = DelimiterSniffer.sniff(decoded.prefix(Self.sniffSize))
        if delimiter != UInt8(ascii: ",") {
            found.append(HealingEvent(kind: HealKind.delimiter.rawValue, sheet: sheet, from: Self.name(of: delimiter), to: ",", confidence: 1))
        }
        scanner = CSVScanner(delimiter: delimiter)
        try await scan(decoded, header: header, records: records)
    }

    private mutating func scan(_ bytes: some Collection<UInt8>, header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws {
        scanner!.feed(bytes, into: &completed)
        try await deliver(final: false, header: header, records: records)
    }

    /// Ends the file. Throws `RunError` when it held no header row.
    public mutating func finish(header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void, fileName: String) async throws {
        if decoder == nil, !opening.isEmpty { try await start(header: header, records: records) }
        scanner?.finish(into: &completed)
        try await deliver(final: true, header: header, records: records)
        guard gate.headerSeen else {
            throw RunError(code: "empty_file", message: "\(fileName) holds no header row")
        }
    }

    private mutating func deliver(final: Bool, header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws {
        let batch = completed
        completed = RecordBatch()
        try await gate.pass(batch, final: final, header: header, records: records)
    }

    static func name(of delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(delimiter))
    }
}

/// A delimited text file held in memory (tests, samples), read in chunks of `chunkSize` bytes.
public struct DelimitedTextSource: RecordSource {
    public let bytes: [UInt8]
    public let fileName: String
    public let sheet: String
    public let chunkSize: Int

    public init(bytes: [UInt8], fileName: String, sheet: String, chunkSize: Int = 64 * 1024) {
        self.bytes = bytes
        self.fileName = fileName
        self.sheet = sheet
        self.chunkSize = max(1, chunkSize)
    }

    public var byteCount: Int? { bytes.count }

    public func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        try await read(header: header, records: { try await $0.forEachRecord(record) })
    }

    public func read(header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws -> [HealingEvent] {
        var reader = DelimitedTextReader(sheet: sheet)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            try await reader.feed(bytes[offset..<end], header: header, records: records)
            offset = end
        }
        try await reader.finish(header: header, records: records, fileName: fileName)
        return reader.heals
    }
}

/// Inline rows sent in an import request.
public struct InlineRowsSource: RecordSource {
    public let table: InlineRows

    public init(table: InlineRows) {
        self.table = table
    }

    public var hasColumnOrder: Bool { false }

    public func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        try await header(table.headers)
        for (index, fields) in table.records.enumerated() {
            try await record(index + 1, fields)
        }
        return []
    }
}
