import Engine
import Foundation
import StatesLanguage

/// Where each event of an execution happened: at the top level, or in a branch of a Parallel
/// state or an iteration of a Map state, nested as deep as they go. Found by following each
/// event's `previousEventId` to the event that led to it (docs/history.md), since the events of
/// concurrent branches and iterations arrive interleaved.
struct EventPaths {
    /// A branch or an iteration, inside its parent's scope; the top level has no label.
    final class Scope {
        enum Kind { case top, branch, iteration }

        let kind: Kind
        let parent: Scope?
        /// The Parallel or Map state it belongs to, and the branch's or iteration's index.
        let container: String?
        let index: Int?

        init(kind: Kind, parent: Scope?, container: String?, index: Int?) {
            self.kind = kind
            self.parent = parent
            self.container = container
            self.index = index
        }

        /// `[Fan out: branch 1 › Each: iteration 3] `, or nothing at the top level.
        var prefix: String {
            var labels: [String] = []
            var scope: Scope? = self
            while let current = scope, current.kind != .top {
                labels.append("\(current.container ?? "?"): \(current.kind == .branch ? "branch" : "iteration") \(current.index ?? 0)")
                scope = current.parent
            }
            return labels.isEmpty ? "" : "[" + labels.reversed().joined(separator: " › ") + "] "
        }

        /// The nearest scope, from this one up, that is a branch or iteration of `kind`, of
        /// the state `container` when it is given.
        func enclosing(_ kind: Kind, of container: String? = nil) -> Scope? {
            var scope: Scope? = self
            while let current = scope {
                if current.kind == kind, container == nil || current.container == container { return current }
                scope = current.parent
            }
            return nil
        }
    }

    /// What is known of an event once it is placed.
    struct Node {
        var type: EventType
        var timestamp: Date
        var scope: Scope
        /// The state the event belongs to.
        var state: String?
        /// The error it reports, or the one that made it fail (a Parallel state's branch's).
        var error: String?
    }

    private let top = Scope(kind: .top, parent: nil, container: nil, index: nil)
    private var nodes: [Int: Node] = [:]
    /// Every state of the machine, its branches and item processors, by name (names are unique
    /// in a whole machine).
    private let states: [String: State]
    /// Branches numbered as they appeared, for a branch whose first state is not found.
    private var branchesSeen: [Int: Int] = [:]

    init(machine: StateMachine) {
        var all: [String: State] = [:]
        func add(_ machine: StateMachine) {
            for state in machine.states {
                all[state.name] = all[state.name] ?? state
                switch state.kind {
                case .parallel(let parallel): parallel.branches.forEach(add)
                case .map(let map): add(map.itemProcessor)
                default: break
                }
            }
        }
        add(machine)
        states = all
    }

    /// Places `event` and returns it with the event before it on its own path.
    mutating func place(_ event: HistoryEvent) -> (node: Node, previous: Node?) {
        let previous = nodes[event.previousEventId]
        let details = event.details ?? [:]
        let name = details["name"]?.stringValue
        var node = Node(type: event.type, timestamp: event.timestamp, scope: previous?.scope ?? top,
                        state: previous?.state, error: details["error"]?.stringValue)
        switch event.type {
        case _ where event.type.isStateEntered:
            node.state = name
            if let previous, previous.type == .parallelStateStarted {
                node.scope = Scope(kind: .branch, parent: previous.scope, container: previous.state,
                                   index: branchIndex(parallel: previous.state, startingAt: name, startedId: event.previousEventId))
            }
        case .mapIterationStarted:
            // The first iterations follow MapStateStarted; in a Map with MaxConcurrency, a later
            // one follows the last event of the iteration whose place it takes.
            let mapScope = previous?.type == .mapStateStarted ? previous?.scope : previous?.scope.enclosing(.iteration, of: name)?.parent
            node.state = name
            node.scope = Scope(kind: .iteration, parent: mapScope ?? previous?.scope ?? top, container: name,
                               index: details["index"]?.intValue.map(Int.init))
        case .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted:
            node.state = name
            node.scope = previous?.scope.enclosing(.iteration, of: name) ?? node.scope
            if event.type == .mapIterationFailed { node.error = previous?.error ?? failError(previous) }
        case .parallelStateSucceeded, .parallelStateFailed, .parallelStateAborted, .parallelStateExited,
             .mapStateSucceeded, .mapStateFailed, .mapStateAborted, .mapStateExited:
            // These follow the last event of a branch or iteration (or the Started event when
            // none ran, or, for Exited, the Failed event of a caught state): the state's own
            // scope is the one its branches and iterations are in.
            let parallel = event.type.rawValue.hasPrefix("Parallel")
            let kind: Scope.Kind = parallel ? .branch : .iteration
            let started: EventType = parallel ? .parallelStateStarted : .mapStateStarted
            if let previous, previous.type != started, let inner = previous.scope.enclosing(kind, of: name) {
                node.scope = inner.parent ?? top
                node.state = inner.container
            }
            if event.type == .parallelStateFailed || event.type == .mapStateFailed {
                node.error = previous?.error ?? failError(previous)
            }
            // A caught Parallel records no ParallelStateFailed (docs/history.md): its Exited
            // follows the failed branch's last event, whose error it was caught with.
            if event.type == .parallelStateExited, let previous, previous.type != .parallelStateSucceeded, previous.type != started {
                node.error = previous.error ?? failError(previous)
            }
        case .taskStateAborted:
            // The Task whose failure ended a Parallel branch: it failed with the error before it.
            node.error = previous?.error
        default:
            break
        }
        if event.type.isStateExited { node.state = name ?? node.state }
        nodes[event.id] = node
        return (node, previous)
    }

    /// The index of the branch of `parallel` that starts at `state`, in `Branches`.
    private mutating func branchIndex(parallel: String?, startingAt state: String?, startedId: Int) -> Int {
        if let parallel, case .parallel(let definition)? = states[parallel]?.kind,
           let index = definition.branches.firstIndex(where: { $0.startAt == state }) {
            return index
        }
        defer { branchesSeen[startedId, default: 0] += 1 }
        return branchesSeen[startedId, default: 0]
    }

    /// The error a Fail state names, when its definition gives it.
    private func failError(_ node: Node?) -> String? {
        guard let node, node.type == .failStateEntered, let name = node.state,
              case .fail(let fail)? = states[name]?.kind, case .value(let error)? = fail.error else { return nil }
        return error
    }
}

extension EventType {
    var isStateEntered: Bool { rawValue.hasSuffix("StateEntered") }
    var isStateExited: Bool { rawValue.hasSuffix("StateExited") }

    /// Events that say a state's work failed: a retrier or catcher may handle what follows.
    var isFailure: Bool {
        [.lambdaFunctionFailed, .lambdaFunctionTimedOut, .lambdaFunctionScheduleFailed, .lambdaFunctionStartFailed,
         .taskFailed, .taskTimedOut, .taskStateAborted, .parallelStateFailed, .mapStateFailed].contains(self)
    }

    /// Events that begin an attempt at a state's work: one after a failure is a retry.
    var startsAttempt: Bool {
        [.lambdaFunctionScheduled, .taskScheduled, .parallelStateStarted, .mapStateStarted].contains(self)
    }
}
