import struct Foundation.UUID

/// How one source sheet (file or inline rows) maps onto one template.
public struct SheetSpec: Codable, Sendable, Equatable {
    public var key: String
    public var templateId: UUID
    public var file: String?
    public var mapping: [String: String]
    public var formats: [String: String]
    public var valueMaps: [String: [String: String]]
    public var defaults: [String: String]

    public init(
        key: String,
        templateId: UUID,
        file: String? = nil,
        mapping: [String: String] = [:],
        formats: [String: String] = [:],
        valueMaps: [String: [String: String]] = [:],
        defaults: [String: String] = [:]
    ) {
        self.key = key
        self.templateId = templateId
        self.file = file
        self.mapping = mapping
        self.formats = formats
        self.valueMaps = valueMaps
        self.defaults = defaults
    }

    enum CodingKeys: String, CodingKey {
        case key, file, mapping, formats, defaults
        case templateId = "template_id"
        case valueMaps = "value_maps"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try container.decode(String.self, forKey: .key)
        self.templateId = try container.decode(UUID.self, forKey: .templateId)
        self.file = try container.decodeIfPresent(String.self, forKey: .file)
        self.mapping = try container.decodeIfPresent([String: String].self, forKey: .mapping) ?? [:]
        self.formats = try container.decodeIfPresent([String: String].self, forKey: .formats) ?? [:]
        self.valueMaps = try container.decodeIfPresent([String: [String: String]].self, forKey: .valueMaps) ?? [:]
        self.defaults = try container.decodeIfPresent([String: String].self, forKey: .defaults) ?? [:]
    }
}
