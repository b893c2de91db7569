/// `POST /v1/templates`.
public struct CreateTemplateRequest: Codable, Sendable {
    public var name: String
    public var columns: [TemplateColumn]

    public init(name: String, columns: [TemplateColumn]) {
        self.name = name
        self.columns = columns
    }
}
