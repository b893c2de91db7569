import Foundation
import Hummingbird
import IntakeServiceKit

extension Parameters {
    /// A UUID path parameter; a malformed id is answered like an unknown one (404).
    func requireID(_ name: String = "id", what: String = "resource") throws -> UUID {
        guard let text = self.get(name), let id = UUID(uuidString: text) else { throw APIError.notFound(what) }
        return id
    }
}
