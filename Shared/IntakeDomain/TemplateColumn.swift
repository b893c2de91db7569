/// One column of a target template: its key, type and constraints.
public struct TemplateColumn: Codable, Sendable, Equatable {
    /// A reference from this column to a column of another template (validated against imported rows).
    public struct Link: Codable, Sendable, Equatable {
        public var template: String
        public var column: String

        public init(template: String, column: String) {
            self.template = template
            self.column = column
        }
    }

    public var key: String
    public var label: String?
    public var type: ColumnType
    public var required: Bool
    public var unique: Bool
    public var pattern: String?
    public var values: [String]?
    public var synonyms: [String]?
    public var link: Link?

    public init(
        key: String,
        label: String? = nil,
        type: ColumnType,
        required: Bool = false,
        unique: Bool = false,
        pattern: String? = nil,
        values: [String]? = nil,
        synonyms: [String]? = nil,
        link: Link? = nil
    ) {
        self.key = key
        self.label = label
        self.type = type
        self.required = required
        self.unique = unique
        self.pattern = pattern
        self.values = values
        self.synonyms = synonyms
        self.link = link
    }

    enum CodingKeys: String, CodingKey {
        case key, label, type, required, unique, pattern, values, synonyms, link
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try container.decode(String.self, forKey: .key)
        self.label = try container.decodeIfPresent(String.self, forKey: .label)
        self.type = try container.decode(ColumnType.self, forKey: .type)
        self.required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        self.unique = try container.decodeIfPresent(Bool.self, forKey: .unique) ?? false
        self.pattern = try container.decodeIfPresent(String.self, forKey: .pattern)
        self.values = try container.decodeIfPresent([String].self, forKey: .values)
        self.synonyms = try container.decodeIfPresent([String].self, forKey: .synonyms)
        self.link = try container.decodeIfPresent(Link.self, forKey: .link)
    }
}
