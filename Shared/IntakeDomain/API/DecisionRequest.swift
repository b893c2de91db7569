/// `POST …/imports/{run_id}/decisions`.
public struct DecisionRequest: Codable, Sendable, Equatable {
    public enum Decision: String, Codable, Sendable {
        case approve
        case reject
    }

    /// An answer to one of the run's questions: the value of one of its options.
    public struct Answer: Codable, Sendable, Equatable {
        public var id: String
        public var value: String

        public init(id: String, value: String) {
            self.id = id
            self.value = value
        }
    }

    public var decision: Decision
    public var answers: [Answer]?

    public init(decision: Decision, answers: [Answer]? = nil) {
        self.decision = decision
        self.answers = answers
    }
}
