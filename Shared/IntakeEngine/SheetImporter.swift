import IntakeDomain

/// One pass of one sheet: holds back the first records until the header mapping and the column decisions
/// (day/month order, decimal separator) can be made, then normalises every record as it comes, while
/// gathering the evidence of the whole file to check those decisions at the end.
public struct SheetImporter {
    /// Records held back to decide the mapping and the columns' readings.
    public static let defaultHeadSize = 10_000

    public let sheet: SheetSpec
    public let template: Template
    let defaultCountry: String
    let memory: [String: String]
    let headSize: Int
    /// Evidence of a whole earlier pass, used instead of the head's.
    let decided: SheetEvidence?
    let links: [Int: LinkedValues]
    /// Lanes a batch's columns are spread over once decided (1: one record at a time, all columns in turn).
    let lanes: Int
    /// The size of the source in bytes, when known before reading (`RecordSource.byteCount`).
    let sourceBytes: Int?

    public private(set) var resolution: SheetResolution?
    public private(set) var processor: SheetProcessor?
    /// Evidence gathered over this pass so far: the head's, then what the processor's columns gathered as
    /// they read the rest.
    public var evidence: SheetEvidence { processor?.evidence(over: headEvidence) ?? headEvidence }
    /// What the records read before the processor was made showed (every source column).
    private var headEvidence = SheetEvidence(width: 0)
    /// Up to five non-empty values of each source column from the first records, for questions.
    public private(set) var columnSamples: [[String]] = []
    private var usedEvidence: SheetEvidence?
    private var head = RecordBatch()

    public init(
        sheet: SheetSpec, template: Template, defaultCountry: String, memory: [String: String] = [:],
        decided: SheetEvidence? = nil, links: [Int: LinkedValues] = [:], headSize: Int = defaultHeadSize, lanes: Int = 2,
        sourceBytes: Int? = nil
    ) {
        self.lanes = lanes
        self.sourceBytes = sourceBytes
        self.sheet = sheet
        self.template = template
        self.defaultCountry = defaultCountry
        self.memory = memory
        self.decided = decided
        self.links = links
        self.headSize = max(1, headSize)
    }

    public mutating func begin(headers: [String]) {
        var width = headers.count
        while width > 0, ValueText.trimmed(headers[width - 1]).isEmpty { width -= 1 }
        resolution = nil
        processor = nil
        headEvidence = SheetEvidence(width: headers.count)
        head = RecordBatch()
        resolution = SheetResolution(headers: Array(headers.prefix(width)), sourceIndex: [], matches: [], heals: [], unresolved: [])
    }

    /// Takes a batch of records; returns the rows it releases (none while the head is held back). Once the
    /// columns are decided, a batch's columns are processed in lanes side by side (`SheetProcessor`).
    public mutating func consume(_ records: RecordBatch) async throws(PlanError) -> RowBatch {
        var released = RowBatch(width: template.columns.count)
        var index = 0
        while processor == nil, index < records.count {
            let taken = index..<min(records.count, index + headSize - head.count)
            headEvidence.observe(records, taken)
            for record in taken { head.append(record, of: records) }
            index = taken.upperBound
            if head.count >= headSize { released = try start() }
        }
        guard let processor, index < records.count else { return released }
        let rows = await processor.process(records.suffix(from: index))
        if released.isEmpty { return rows }
        released.append(contentsOf: rows)
        return released
    }

    /// Ends the pass, returning any rows still held back.
    public mutating func finish() throws(PlanError) -> RowBatch {
        if processor == nil { return try start() }
        return RowBatch(width: template.columns.count)
    }

    /// Whether the decisions taken from the head are the ones the whole file supports.
    public var decisionsHold: Bool {
        guard let usedEvidence, let resolution = processor?.resolution else { return true }
        let evidence = evidence
        for (position, column) in template.columns.enumerated() {
            let index = resolution.sourceIndex[position]
            let used = usedEvidence.column(index).decisions(country: defaultCountry, type: column.type)
            if used != evidence.column(index).decisions(country: defaultCountry, type: column.type) { return false }
        }
        return true
    }

    /// Decides the mapping and the columns' readings from the head, then processes the records held back.
    private mutating func start() throws(PlanError) -> RowBatch {
        let headers = resolution?.headers ?? []
        let samples = (0..<min(500, head.count)).map(head.fields)
        let resolved = HeaderResolver.resolve(sheet: sheet, columns: template.columns, headers: headers, samples: samples, memory: memory)
        resolution = resolved
        let used = decided ?? headEvidence
        usedEvidence = used
        let processor = try SheetProcessor(
            sheet: sheet, template: template, defaultCountry: defaultCountry, resolution: resolved, evidence: used, links: links, lanes: lanes,
            expectedRecords: sourceBytes.flatMap { Self.expectedRecords(sourceBytes: $0, head: head) }
        )
        self.processor = processor
        columnSamples = headers.indices.map { index in
            var values: [String] = []
            for record in 0..<head.count where index < head.width(record) && values.count < 5 {
                let value = ValueText.trimmed(head.field(record, index))
                if !value.isEmpty, !values.contains(value) { values.append(value) }
            }
            return values
        }
        let held = head
        head = RecordBatch()
        // The held records are in the head's evidence already; the columns gather the rest's as they read it.
        let rows = processor.processInOneLane(held)
        processor.observe(from: headEvidence)
        return rows
    }
}

extension SheetImporter {
    /// How many records a source of `sourceBytes` bytes holds, going by the records of its `head`; nil
    /// when the head is empty. An estimate: each of the head's fields counts its text and one delimiter or
    /// line break, not its quotes (nor a text's recoding), so it errs high by a little.
    static func expectedRecords(sourceBytes: Int, head: RecordBatch) -> Int? {
        let headBytes = head.fieldBytes + head.fieldCount
        guard head.count > 0, headBytes > 0 else { return nil }
        return Int((Double(sourceBytes) * Double(head.count) / Double(headBytes)).rounded(.up))
    }
}

extension ColumnEvidence {
    /// The column-level decisions this evidence leads to for a column of `type`.
    struct Decisions: Equatable {
        var dateOrder: DateOrder?
        var dateConflict: Bool
        var decimalSeparator: Character?
    }

    func decisions(country: String, type: ColumnType) -> Decisions {
        switch type {
        case .date, .datetime: Decisions(dateOrder: dates.decidedOrder, dateConflict: dates.isConflicting, decimalSeparator: nil)
        case .decimal, .integer: Decisions(dateOrder: nil, dateConflict: false, decimalSeparator: numbers.decimalSeparator(country: country))
        default: Decisions(dateOrder: nil, dateConflict: false, decimalSeparator: nil)
        }
    }
}
