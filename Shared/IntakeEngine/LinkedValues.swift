import IntakeDomain

/// The values a `link` column may take: those of the linked column in the valid rows of its sheet in the
/// same run.
public struct LinkedValues: Sendable, Equatable {
    public var sheet: String
    public var column: String
    public var values: Set<String>

    public init(sheet: String, column: String, values: Set<String> = []) {
        self.sheet = sheet
        self.column = column
        self.values = values
    }
}

/// Which sheets of a run link to which: a `link` names its template by id or name and a column of it.
/// Sheets are read targets first, so their values are known when the linking sheet is checked; a link to a
/// template that has no sheet in the run is not checked.
struct LinkPlan {
    /// Per job index, per template column position, the (target job index, target column position).
    var targets: [Int: [Int: (job: Int, column: Int)]] = [:]
    /// Job indices in reading order.
    var order: [Int]

    init(_ jobs: [SheetJob]) {
        for (index, job) in jobs.enumerated() {
            for (position, column) in job.template.columns.enumerated() {
                guard let link = column.link else { continue }
                let wanted = link.template.lowercased()
                guard let target = jobs.indices.first(where: {
                    jobs[$0].template.id.uuidString.lowercased() == wanted || jobs[$0].template.name.lowercased() == wanted
                }), let targetColumn = jobs[target].template.columns.firstIndex(where: { $0.key == link.column }) else { continue }
                targets[index, default: [:]][position] = (target, targetColumn)
            }
        }
        let edges = targets
        var order: [Int] = []
        var visiting = Set<Int>()
        func visit(_ index: Int) {
            guard !order.contains(index), visiting.insert(index).inserted else { return }
            for (target, _) in (edges[index] ?? [:]).values where target != index { visit(target) }
            order.append(index)
        }
        jobs.indices.forEach(visit)
        self.order = order
    }

    /// The column positions of `job` that other sheets link to.
    func linkedColumns(of job: Int) -> Set<Int> {
        Set(targets.values.flatMap { $0.values.filter { $0.job == job }.map(\.column) })
    }
}
