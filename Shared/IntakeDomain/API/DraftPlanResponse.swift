import struct Foundation.UUID

/// A proposed plan body: POST it (as is, or edited) to `/v1/plans`. Extra fields explain each mapping.
public struct DraftPlanResponse: Codable, Sendable, Equatable {
    /// One proposed sheet with the evidence for its mapping.
    public struct Sheet: Codable, Sendable, Equatable {
        public var key: String
        public var templateId: UUID
        public var file: String?
        public var mapping: [String: String]
        public var confidence: [String: Double]
        public var provenance: [String: String]
        public var unmappedColumns: [String]
        public var unmappedHeaders: [String]

        public init(key: String, templateId: UUID, file: String?, mapping: [String: String], confidence: [String: Double], provenance: [String: String], unmappedColumns: [String], unmappedHeaders: [String]) {
            self.key = key
            self.templateId = templateId
            self.file = file
            self.mapping = mapping
            self.confidence = confidence
            self.provenance = provenance
            self.unmappedColumns = unmappedColumns
            self.unmappedHeaders = unmappedHeaders
        }

        enum CodingKeys: String, CodingKey {
            case key, file, mapping, confidence, provenance
            case templateId = "template_id"
            case unmappedColumns = "unmapped_columns"
            case unmappedHeaders = "unmapped_headers"
        }
    }

    public var name: String
    public var review: ReviewMode
    public var defaultCountry: String
    public var sheets: [Sheet]

    public init(name: String, review: ReviewMode, defaultCountry: String, sheets: [Sheet]) {
        self.name = name
        self.review = review
        self.defaultCountry = defaultCountry
        self.sheets = sheets
    }

    enum CodingKeys: String, CodingKey {
        case name, review, sheets
        case defaultCountry = "default_country"
    }
}
