import Engine
import StatesLanguage

extension Diagram {
    /// The diagram of `machine`, named `name`; with `path`, the way one of its executions
    /// went (`executionName` names it in the title).
    ///
    /// Every state is a node, a Parallel or Map state a cluster holding its node, its branches
    /// or item processor and the point where they join; `StartAt`, `Next`, `Default`, Choice
    /// rules, `End` and catchers are edges.
    package init(machine: StateMachine, name: String, path: ExecutionPath? = nil, executionName: String? = nil) {
        self.init(machine: machine, name: name, path: path, coverage: nil, executionName: executionName)
    }

    /// The diagram of `machine` with what a test suite covered of it: states never entered and
    /// transitions never taken highlighted (`host graph MACHINE --coverage FILE`).
    package init(machine: StateMachine, name: String, coverage: CoverageMarks) {
        self.init(machine: machine, name: name, path: nil, coverage: coverage, executionName: nil)
    }

    private init(machine: StateMachine, name: String, path: ExecutionPath?, coverage: CoverageMarks?, executionName: String?) {
        var builder = DiagramBuilder(path: path, coverage: coverage)
        builder.assignIDs(machine)
        var items: [Cluster.Item] = [.node(Node(id: DiagramBuilder.startID, kind: .start, title: "Start"))]
        builder.edge(from: DiagramBuilder.startID, to: machine.startAt, kind: .start,
                     traversals: path.map { $0[machine.startAt].starts })
        items += builder.scope(machine, end: DiagramBuilder.endID)
        items.append(.node(Node(id: DiagramBuilder.endID, kind: .end, title: "End")))

        var title = name
        var legend: [PathStatus] = []
        if let coverage {
            title += " · coverage of \(coverage.executions) execution\(coverage.executions == 1 ? "" : "s")"
            legend = [.covered, .uncovered]
        }
        if let path {
            title += executionName.map { " · execution \($0)" } ?? " · execution"
            title += " · \(path.status.rawValue)"
            let shown = Set(path.states.values.map(\.status))
            legend = PathStatus.allCases.filter { status in
                switch status {
                case .inProgress, .cancelled: shown.contains(status)
                case .covered, .uncovered: false
                default: true
                }
            }
        }
        self.init(title: title, root: Cluster(id: "machine", kind: .machine, items: items), edges: builder.edges, legend: legend)
    }
}

/// Walks a definition, making its nodes, clusters and edges.
private struct DiagramBuilder {
    static let startID = "start"
    static let endID = "finish"

    let path: ExecutionPath?
    let coverage: CoverageMarks?
    /// Node identifiers by state name, and of the join points of Parallel and Map states;
    /// clusters take theirs from the same set (DOT's must begin with `cluster`).
    var ids: [String: String] = [:]
    var joins: [String: String] = [:]
    var used: Set<String> = [startID, endID, "legend", "machine"]
    var edges: [Edge] = []

    init(path: ExecutionPath?, coverage: CoverageMarks?) {
        self.path = path
        self.coverage = coverage
    }

    /// Gives every state (and every join) an identifier, in the order of the definition.
    mutating func assignIDs(_ machine: StateMachine) {
        for state in machine.states {
            ids[state.name] = allocate("s_" + Self.sanitized(state.name))
            switch state.kind {
            case .parallel(let parallel):
                joins[state.name] = allocate(ids[state.name]! + "__join")
                parallel.branches.forEach { assignIDs($0) }
            case .map(let map):
                joins[state.name] = allocate(ids[state.name]! + "__join")
                assignIDs(map.itemProcessor)
            default:
                break
            }
        }
    }

    /// `base`, or `base_2`, `base_3`... when it is taken.
    private mutating func allocate(_ base: String) -> String {
        var id = base
        var number = 1
        while used.contains(id) {
            number += 1
            id = "\(base)_\(number)"
        }
        used.insert(id)
        return id
    }

    /// ASCII letters and digits kept, everything else `_`: an identifier DOT and Mermaid
    /// both accept without quotes.
    private static func sanitized(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        })
    }

    /// The nodes and clusters of one scope (the machine, a branch, an item processor), whose
    /// terminal states lead to `end`.
    mutating func scope(_ machine: StateMachine, end: String) -> [Cluster.Item] {
        var items: [Cluster.Item] = []
        for state in machine.states {
            let id = ids[state.name]!
            let status = path.map { $0[state.name].status } ?? coverage?.status(of: state.name)
            let scopes: [(StateMachine, String)]
            switch state.kind {
            case .parallel(let parallel):
                scopes = parallel.branches.enumerated().map { ($1, "branch \($0 + 1)") }
            case .map(let map):
                scopes = [(map.itemProcessor, "item processor")]
            default:
                items.append(.node(node(state, status: status)))
                exits(of: state, from: id, end: end)
                continue
            }
            let join = joins[state.name]!
            var inner: [Cluster.Item] = [.node(node(state, status: status))]
            for (index, (branch, label)) in scopes.enumerated() {
                edge(from: id, to: branch.startAt, kind: .start, traversals: path.map { $0[branch.startAt].starts })
                let members = scope(branch, end: join)
                inner.append(.cluster(Cluster(id: allocate("cluster_\(id)_\(index + 1)"), kind: .scope, label: label, items: members)))
            }
            inner.append(.node(Node(id: join, kind: .join, title: "", status: status)))
            items.append(.cluster(Cluster(id: allocate("cluster_\(id)"), kind: .state(state.type), status: status, items: inner)))
            exits(of: state, from: join, end: end)
        }
        return items
    }

    /// A state's node: its name, its type, its retriers and, with a path, what happened there.
    private func node(_ state: State, status: PathStatus?) -> Node {
        Node(id: ids[state.name]!, kind: .state(state.type), title: state.name,
             details: [StateText.kind(of: state)] + state.retriers.map(StateText.retry),
             notes: path.map { StateText.path($0[state.name], of: state) } ?? coverage?.notes(of: state.name) ?? [], status: status)
    }

    /// The edges that leave `state` (from `from`: the state's node, or its join).
    private mutating func exits(of state: State, from: String, end: String) {
        let record = path?[state.name]
        func taken(_ exit: Exit) -> Int? {
            // Coverage counts transitions, which `End`, Succeed and Fail are not (docs/testing.md).
            if let coverage { return exit == .end ? nil : coverage.taken[state.name]?[exit] ?? 0 }
            return record.map { $0.exits[exit] ?? 0 }
        }
        switch state.kind {
        case .choice(let choice):
            for (index, rule) in choice.choices.enumerated() {
                edge(from: from, to: rule.next, kind: .choice, label: StateText.rule(rule.rule), traversals: taken(.choice(index)))
            }
            if let defaultNext = choice.defaultNext {
                edge(from: from, to: defaultNext, kind: .defaultRule, label: "Default", traversals: taken(.defaultRule))
            }
        case .succeed, .fail:
            edge(from: from, toID: end, kind: .end, traversals: taken(.end), isFailure: state.type == .fail)
        default:
            switch state.transition {
            case .next(let next)?: edge(from: from, to: next, kind: .next, traversals: taken(.next))
            case .end?: edge(from: from, toID: end, kind: .end, traversals: taken(.end))
            case nil: break
            }
        }
        for (index, catcher) in state.catchers.enumerated() {
            edge(from: from, to: catcher.next, kind: .catch, label: StateText.errors(catcher), traversals: taken(.catcher(index)))
        }
    }

    /// An edge to the state named `name`.
    mutating func edge(from: String, to name: String, kind: Edge.Kind, label: String? = nil, traversals: Int?) {
        guard let target = ids[name] else { return }
        edge(from: from, toID: target, kind: kind, label: label, traversals: traversals)
    }

    private mutating func edge(from: String, toID: String, kind: Edge.Kind, label: String? = nil, traversals: Int?, isFailure: Bool = false) {
        var status: PathStatus?
        if coverage != nil {
            status = traversals.map { $0 == 0 ? .uncovered : .covered }
        } else if let traversals {
            status = traversals == 0 ? .notReached : kind == .catch ? .caught : isFailure ? .failed : .succeeded
        }
        edges.append(Edge(from: from, to: toID, kind: kind, label: label, traversals: traversals, status: status))
    }
}
