import Engine
import StatesLanguage

extension MachineCoverage {
    /// The coverage of `definition` by executions, given by their histories and the
    /// decisions the engine reported for them all (`CoverageRecorder`).
    ///
    /// States entered and branches run are read from the histories; which transition left a
    /// state and which retrier granted a retry from the decisions, which the history does not
    /// tell exactly (two Choice rules can lead to the same state).
    public init(machine: String, file: String, definition: StateMachine, histories: [[HistoryEvent]], decisions: DecisionCounts) {
        var entered: [String: Int] = [:]
        var branchRuns: [String: Int] = [:]
        for history in histories {
            var types: [Int: EventType] = [:]
            for event in history {
                types[event.id] = event.type
                guard event.type.rawValue.hasSuffix("StateEntered"), let name = event.details?["name"]?.stringValue else { continue }
                entered[name, default: 0] += 1
                // A branch or an iteration begins with its StartAt, right after the event
                // that starts it (docs/history.md).
                if let previous = types[event.previousEventId], previous == .parallelStateStarted || previous == .mapIterationStarted {
                    branchRuns[name, default: 0] += 1
                }
            }
        }
        var walk = CoverageWalk(entered: entered, branchRuns: branchRuns, decisions: decisions)
        walk.visit(definition, prefix: "")
        self.init(machine: machine, file: file, executions: histories.count, states: walk.states, transitions: walk.transitions,
                  retriers: walk.retriers, branches: walk.branches)
    }
}

/// How often each state was left each way, or retried by each retrier.
public struct DecisionCounts: Sendable, Equatable {
    /// By state name, then decision.
    public var counts: [String: [StateDecision: Int]] = [:]

    public init() {}

    public subscript(state: String, decision: StateDecision) -> Int { counts[state]?[decision] ?? 0 }

    public mutating func add(_ decision: StateDecision, state: String) { counts[state, default: [:]][decision, default: 0] += 1 }

    public mutating func add(_ other: DecisionCounts) {
        for (state, decisions) in other.counts {
            for (decision, count) in decisions { counts[state, default: [:]][decision, default: 0] += count }
        }
    }
}

/// Lists a definition's items in the order they are written, depth first, with their counts.
private struct CoverageWalk {
    let entered: [String: Int]
    let branchRuns: [String: Int]
    let decisions: DecisionCounts
    var states: [StateCoverage] = []
    var transitions: [TransitionCoverage] = []
    var retriers: [RetrierCoverage] = []
    var branches: [BranchCoverage] = []

    init(entered: [String: Int], branchRuns: [String: Int], decisions: DecisionCounts) {
        self.entered = entered
        self.branchRuns = branchRuns
        self.decisions = decisions
    }

    mutating func visit(_ machine: StateMachine, prefix: String) {
        for state in machine.states {
            let name = state.name
            states.append(StateCoverage(path: prefix + name, name: name, type: state.type.rawValue, entered: entered[name] ?? 0))
            func transition(_ field: String, to next: String, _ decision: StateDecision) {
                transitions.append(TransitionCoverage(from: name, field: field, to: next, taken: decisions[name, decision]))
            }
            if case .choice(let choice) = state.kind {
                for (index, rule) in choice.choices.enumerated() { transition("Choices[\(index)]", to: rule.next, .choice(index)) }
                if let next = choice.defaultNext { transition("Default", to: next, .defaultRule) }
            } else if case .next(let next)? = state.transition {
                transition("Next", to: next, .next)
            }
            for (index, catcher) in state.catchers.enumerated() { transition("Catch[\(index)]", to: catcher.next, .catcher(index)) }
            for (index, retrier) in state.retriers.enumerated() {
                retriers.append(RetrierCoverage(state: name, field: "Retry[\(index)]", errorEquals: retrier.errorEquals,
                                                fired: decisions[name, .retrier(index)]))
            }
            switch state.kind {
            case .parallel(let parallel):
                for (index, branch) in parallel.branches.enumerated() {
                    let field = "Branches[\(index)]"
                    branches.append(BranchCoverage(state: name, field: field, startAt: branch.startAt, ran: branchRuns[branch.startAt] ?? 0))
                    visit(branch, prefix: "\(prefix)\(name)/\(field)/")
                }
            case .map(let map):
                branches.append(BranchCoverage(state: name, field: "ItemProcessor", startAt: map.itemProcessor.startAt,
                                               ran: branchRuns[map.itemProcessor.startAt] ?? 0))
                visit(map.itemProcessor, prefix: "\(prefix)\(name)/ItemProcessor/")
            default:
                break
            }
        }
    }
}
