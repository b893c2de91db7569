/// The frozen body of one import plan version: sheets, review mode and locale defaults.
public struct PlanSpec: Codable, Sendable, Equatable {
    public var name: String
    public var sheets: [SheetSpec]
    public var review: ReviewMode
    public var defaultCountry: String

    public init(name: String, sheets: [SheetSpec], review: ReviewMode = .gate, defaultCountry: String = "US") {
        self.name = name
        self.sheets = sheets
        self.review = review
        self.defaultCountry = defaultCountry
    }

    enum CodingKeys: String, CodingKey {
        case name, sheets, review
        case defaultCountry = "default_country"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try container.decode(String.self, forKey: .name)
        self.sheets = try container.decode([SheetSpec].self, forKey: .sheets)
        self.review = try container.decodeIfPresent(ReviewMode.self, forKey: .review) ?? .gate
        self.defaultCountry = try container.decodeIfPresent(String.self, forKey: .defaultCountry) ?? "US"
    }
}
