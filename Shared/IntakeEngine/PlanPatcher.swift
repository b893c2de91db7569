import IntakeDomain

/// Applies an approved patch (and the chosen answers) to a plan, producing the next version's spec.
public enum PlanPatcher {
    /// The plan with every action applied in order; `drop_invalid_rows` changes no plan field.
    /// Throws `PlanError` for an action that names no sheet or column of the plan, or an unknown answer.
    public static func apply(_ patch: PlanPatch, answers: [DecisionRequest.Answer], questions: [NeedsAttention.Question], to plan: PlanSpec) throws(PlanError) -> PlanSpec {
        try apply(actions(patch, answers: answers, questions: questions), to: plan)
    }

    /// The patch's actions followed by those of the chosen answers (so an answer overrides the proposal).
    public static func actions(_ patch: PlanPatch, answers: [DecisionRequest.Answer], questions: [NeedsAttention.Question]) throws(PlanError) -> [PlanPatch.Action] {
        var actions = patch.actions
        for answer in answers {
            guard let question = questions.first(where: { $0.id == answer.id }) else {
                throw PlanError("answer \"\(answer.id)\" names no question of this run")
            }
            guard let option = question.options.first(where: { $0.value == answer.value }) else {
                throw PlanError("\"\(answer.value)\" is not an option of question \"\(answer.id)\"")
            }
            actions.append(option.action)
        }
        return actions
    }

    /// The plan with `actions` applied in order.
    public static func apply(_ actions: [PlanPatch.Action], to plan: PlanSpec) throws(PlanError) -> PlanSpec {
        var plan = plan
        for action in actions where action.type != .dropInvalidRows {
            let sheetKey = action.sheet ?? plan.sheets.first?.key ?? ""
            guard let index = plan.sheets.firstIndex(where: { $0.key == sheetKey }) else {
                throw PlanError("a patch action names sheet \"\(sheetKey)\", which the plan does not have")
            }
            guard let column = action.column, !column.isEmpty else {
                throw PlanError("a \(action.type.rawValue) action needs a column")
            }
            switch action.type {
            case .mapColumn:
                guard let header = action.to else { throw PlanError("map_column for \"\(column)\" needs `to`") }
                plan.sheets[index].mapping[column] = header
            case .setFormat:
                guard let format = action.format else { throw PlanError("set_format for \"\(column)\" needs `format`") }
                plan.sheets[index].formats[column] = format
            case .mapValues:
                guard let values = action.values else { throw PlanError("map_values for \"\(column)\" needs `values`") }
                plan.sheets[index].valueMaps[column, default: [:]].merge(values) { $1 }
            case .setDefault:
                guard let value = action.value else { throw PlanError("set_default for \"\(column)\" needs `value`") }
                plan.sheets[index].defaults[column] = value
            case .dropInvalidRows:
                break
            }
        }
        return plan
    }

    /// Whether the patch changes the plan at all (otherwise approving just accepts the run as it is).
    public static func changesPlan(_ patch: PlanPatch, answers: [DecisionRequest.Answer]) -> Bool {
        !answers.isEmpty || patch.actions.contains { $0.type != .dropInvalidRows }
    }
}
