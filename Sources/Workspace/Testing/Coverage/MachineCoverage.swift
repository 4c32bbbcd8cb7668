import Engine
import StatesLanguage

/// What a suite of workflow tests exercised of one machine (docs/testing.md, "Coverage"): every
/// state, transition, retrier and branch of its definition, each with how often the tests'
/// executions used it.
public struct MachineCoverage: Sendable, Equatable {
    /// The machine's name.
    public var machine: String
    /// The machine's file as the tests name it (`machines/NAME.json`).
    public var file: String
    /// How many executions of the machine the counts are taken from.
    public var executions: Int
    public var states: [StateCoverage]
    public var transitions: [TransitionCoverage]
    public var retriers: [RetrierCoverage]
    public var branches: [BranchCoverage]

    public init(machine: String, file: String, executions: Int, states: [StateCoverage], transitions: [TransitionCoverage],
                retriers: [RetrierCoverage], branches: [BranchCoverage]) {
        self.machine = machine
        self.file = file
        self.executions = executions
        self.states = states
        self.transitions = transitions
        self.retriers = retriers
        self.branches = branches
    }

    public var stateRatio: CoverageRatio { CoverageRatio(covered: states.filter { $0.entered > 0 }.count, total: states.count) }
    public var transitionRatio: CoverageRatio { CoverageRatio(covered: transitions.filter { $0.taken > 0 }.count, total: transitions.count) }
    public var retrierRatio: CoverageRatio { CoverageRatio(covered: retriers.filter { $0.fired > 0 }.count, total: retriers.count) }
    public var branchRatio: CoverageRatio { CoverageRatio(covered: branches.filter { $0.ran > 0 }.count, total: branches.count) }
}

/// How many of a kind of item were covered, of how many.
public struct CoverageRatio: Sendable, Equatable {
    public var covered: Int
    public var total: Int

    public init(covered: Int, total: Int) {
        self.covered = covered
        self.total = total
    }

    /// The percentage, 100 when there is nothing to cover.
    public var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }

    /// Whether the percentage is at least `minimum`, compared exactly (2 of 3 is below 66.67).
    public func reaches(_ minimum: Double) -> Bool { total == 0 || Double(covered) * 100 >= minimum * Double(total) }

    /// `80.0% (4/5)`: one decimal, never rounded up to a coverage not reached.
    public var text: String {
        let tenths = total == 0 ? 1000 : covered * 1000 / total
        return "\(tenths / 10).\(tenths % 10)% (\(covered)/\(total))"
    }
}

/// A state of the definition, at any depth.
public struct StateCoverage: Sendable, Equatable {
    /// Where the state is: its name, after the Parallel and Map states that hold it and the
    /// branch (`Fan out/Branches[1]/Check`, `Each/ItemProcessor/Transform`).
    public var path: String
    public var name: String
    /// Its `Type`.
    public var type: String
    /// Its StateEntered events.
    public var entered: Int

    public init(path: String, name: String, type: String, entered: Int) {
        self.path = path
        self.name = name
        self.type = type
        self.entered = entered
    }
}

/// A way out of a state the definition allows: its `Next`, a Choice rule, a Choice's
/// `Default`, a catcher. (`End`, Succeed and Fail end a path rather than lead anywhere.)
public struct TransitionCoverage: Sendable, Equatable {
    /// The state left.
    public var from: String
    /// The field of `from` the transition is: `Next`, `Choices[i]`, `Default`, `Catch[i]`.
    public var field: String
    /// The state it leads to.
    public var to: String
    /// How many times executions left `from` this way.
    public var taken: Int

    public init(from: String, field: String, to: String, taken: Int) {
        self.from = from
        self.field = field
        self.to = to
        self.taken = taken
    }
}

/// A retrier of a Task, Parallel or Map state.
public struct RetrierCoverage: Sendable, Equatable {
    public var state: String
    /// `Retry[i]`.
    public var field: String
    public var errorEquals: [String]
    /// The retries it granted.
    public var fired: Int

    public init(state: String, field: String, errorEquals: [String], fired: Int) {
        self.state = state
        self.field = field
        self.errorEquals = errorEquals
        self.fired = fired
    }
}

/// A Parallel state's branch, or a Map state's item processor.
public struct BranchCoverage: Sendable, Equatable {
    public var state: String
    /// `Branches[i]` or `ItemProcessor`.
    public var field: String
    /// The branch's `StartAt`.
    public var startAt: String
    /// The times the branch ran: one per Parallel attempt, one per Map iteration.
    public var ran: Int

    public init(state: String, field: String, startAt: String, ran: Int) {
        self.state = state
        self.field = field
        self.startAt = startAt
        self.ran = ran
    }
}

extension TransitionCoverage {
    /// The engine's decision this transition is (`StateDecision`), read from `field`; nil for
    /// a field that is none of `Next`, `Choices[i]`, `Default`, `Catch[i]`.
    public var decision: StateDecision? {
        func index(_ prefix: String) -> Int? {
            guard field.hasPrefix(prefix + "["), field.hasSuffix("]") else { return nil }
            return Int(field.dropFirst(prefix.count + 1).dropLast())
        }
        if field == "Next" { return .next }
        if field == "Default" { return .defaultRule }
        if let rule = index("Choices") { return .choice(rule) }
        return index("Catch").map(StateDecision.catcher)
    }
}

extension MachineCoverage {
    /// Why this coverage cannot be drawn on `definition`, if it cannot: it was taken of
    /// another version of the machine (its states or transitions differ).
    public func mismatch(with definition: StateMachine) -> String? {
        let current = MachineCoverage(machine: machine, file: file, definition: definition, histories: [], decisions: DecisionCounts())
        if let state = current.states.first(where: { state in !states.contains { $0.path == state.path } }) {
            return "it has no state '\(state.path)', which the definition has"
        }
        if let state = states.first(where: { state in !current.states.contains { $0.path == state.path } }) {
            return "its state '\(state.path)' is not in the definition"
        }
        let key = { (transition: TransitionCoverage) in "\(transition.from) \(transition.field) → \(transition.to)" }
        let known = Set(current.transitions.map(key)), recorded = Set(transitions.map(key))
        if let missing = current.transitions.map(key).first(where: { !recorded.contains($0) }) {
            return "it has no transition \(missing), which the definition has"
        }
        if let extra = transitions.map(key).first(where: { !known.contains($0) }) {
            return "its transition \(extra) is not in the definition"
        }
        return nil
    }
}
