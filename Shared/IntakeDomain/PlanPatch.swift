/// A proposed change to a plan that fixes failing rows, with its measured effect.
public struct PlanPatch: Codable, Sendable, Equatable {
    /// One edit; `type` decides which fields it uses.
    public struct Action: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// Feed `column` from source header `to`.
            case mapColumn = "map_column"
            /// Read `column` with date format `format`.
            case setFormat = "set_format"
            /// Replace source values of `column` per `values`.
            case mapValues = "map_values"
            /// Fill empty cells of `column` with `value`.
            case setDefault = "set_default"
            /// Accept the run with its invalid rows left out of the valid export.
            case dropInvalidRows = "drop_invalid_rows"
        }

        public var type: Kind
        public var sheet: String?
        public var column: String?
        public var to: String?
        public var format: String?
        public var values: [String: String]?
        public var value: String?

        public init(type: Kind, sheet: String? = nil, column: String? = nil, to: String? = nil, format: String? = nil, values: [String: String]? = nil, value: String? = nil) {
            self.type = type
            self.sheet = sheet
            self.column = column
            self.to = to
            self.format = format
            self.values = values
            self.value = value
        }
    }

    /// What applying the patch changes, measured by re-running the engine.
    public struct Impact: Codable, Sendable, Equatable {
        public var rowsFixed: Int
        public var cellsChanged: Int

        public init(rowsFixed: Int, cellsChanged: Int) {
            self.rowsFixed = rowsFixed
            self.cellsChanged = cellsChanged
        }

        enum CodingKeys: String, CodingKey {
            case rowsFixed = "rows_fixed"
            case cellsChanged = "cells_changed"
        }
    }

    public var summary: String
    public var actions: [Action]
    public var impact: Impact

    public init(summary: String, actions: [Action], impact: Impact) {
        self.summary = summary
        self.actions = actions
        self.impact = impact
    }
}
