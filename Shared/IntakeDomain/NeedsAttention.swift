/// Why a run paused and what would fix it: questions for a human and a proposed patch.
public struct NeedsAttention: Codable, Sendable, Equatable {
    /// Something only a human can decide; each option carries the edit it stands for.
    public struct Question: Codable, Sendable, Equatable {
        public struct Option: Codable, Sendable, Equatable {
            public var value: String
            public var label: String
            public var action: PlanPatch.Action

            public init(value: String, label: String, action: PlanPatch.Action) {
                self.value = value
                self.label = label
                self.action = action
            }
        }

        public var id: String
        public var prompt: String
        public var column: String?
        public var sampleValues: [String]
        public var options: [Option]

        public init(id: String, prompt: String, column: String?, sampleValues: [String], options: [Option]) {
            self.id = id
            self.prompt = prompt
            self.column = column
            self.sampleValues = sampleValues
            self.options = options
        }

        enum CodingKeys: String, CodingKey {
            case id, prompt, column, options
            case sampleValues = "sample_values"
        }
    }

    public var questions: [Question]
    public var proposedPatch: PlanPatch

    public init(questions: [Question], proposedPatch: PlanPatch) {
        self.questions = questions
        self.proposedPatch = proposedPatch
    }

    enum CodingKeys: String, CodingKey {
        case questions
        case proposedPatch = "proposed_patch"
    }
}
