/// `GET …/imports/{run_id}/invalid-cells`: one page of invalid cells.
public struct InvalidCellsResponse: Codable, Sendable, Equatable {
    public var cells: [InvalidCell]
    public var nextCursor: String?

    public init(cells: [InvalidCell], nextCursor: String?) {
        self.cells = cells
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case cells
        case nextCursor = "next_cursor"
    }
}
