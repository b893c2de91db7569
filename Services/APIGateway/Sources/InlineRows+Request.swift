import IntakeDomain
import IntakeServiceKit

extension InlineRows {
    /// The table of a request's inline `rows`; 400 naming the first cell that is not a scalar.
    init(requestRows rows: [[String: JSONValue]]) throws(APIError) {
        do {
            self = try InlineRows(objects: rows)
        } catch {
            throw APIError.badRequest("rows[\(error.row - 1)].\(error.key) must be a string, number, boolean or null")
        }
    }
}
