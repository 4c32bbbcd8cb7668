import Engine
import JSONValue
import StatesLanguage

extension ExecutionPath {
    /// Reads the path from an execution's history.
    ///
    /// Events point at the event that led to them (`previousEventId`), so each event is given
    /// to the visit of a state it belongs to by following that pointer: a Task's Lambda events
    /// follow its StateEntered, a branch's first state follows its Parallel's
    /// ParallelStateStarted, the state after an exit follows the StateExited. Where AWS points
    /// elsewhere (a Parallel's ParallelStateSucceeded and StateExited point at the last event
    /// of a branch), the visit is the nearest enclosing one of the right state.
    package init(history: [HistoryEvent], machine: StateMachine) {
        var tracer = PathTracer(states: machine.statesByName)
        for event in history.sorted(by: { $0.id < $1.id }) { tracer.read(event) }
        self = tracer.finish()
    }
}

/// Reads an execution's path one event at a time, for a reader that walks a long history once
/// for several things (the console's page, docs/console.md): the same result as
/// `ExecutionPath(history:machine:)` when given the events in id order.
package struct ExecutionPathReader {
    private var tracer: PathTracer

    package init(machine: StateMachine) {
        tracer = PathTracer(states: machine.statesByName)
    }

    /// Reads the next event (events come in id order).
    package mutating func read(_ event: HistoryEvent) { tracer.read(event) }

    /// The path of the events read.
    package mutating func finish() -> ExecutionPath { tracer.finish() }
}

/// One stay in a state, from its StateEntered event to its end.
private struct Visit {
    let state: State
    /// The visit of the Parallel or Map state whose branch or iteration this visit is in.
    let parent: Int?
    /// The input of StateEntered, as JSON text.
    let input: String?
    var attempts = 0
    var retried = false
    /// A Parallel's or Map's branches or iterations are running.
    var attemptRunning = false
    /// The last attempt failed (a failure event, or the failure of a branch or iteration).
    var lastFailed = false
    /// The error of the last failure, when the history names it.
    var lastError: String?
    var exited = false
    /// Left through a catcher: the StateExited event follows a failure.
    var caught = false
    /// Failed for good: the execution, the Parallel or the iteration failed here.
    var failed = false
    /// The visit's outcome has been counted.
    var counted = false
}

private enum Outcome {
    case succeeded, caught, failed, cancelled, running
}

private struct PathTracer {
    let states: [String: State]
    var visits: [Visit] = []
    /// The visit each event belongs to, by event id.
    var owners: [Int: Int] = [:]
    /// Each event's type, by id: all a later event needs of the one it points at, so that a
    /// history of 25,000 events is not kept whole (docs/console.md, "Long histories").
    var types: [Int: EventType] = [:]
    var records: [String: StateRecord] = [:]
    var status: ExecutionStatus = .running

    init(states: [String: State]) { self.states = states }

    mutating func read(_ event: HistoryEvent) {
        types[event.id] = event.type
        let previous = event.previousEventId == event.id ? nil : types[event.previousEventId]
        let owner = previous == nil ? nil : owners[event.previousEventId]
        let details = event.details ?? [:]
        switch event.type {
        case let type where type.isStateEntered:
            guard let name = details["name"]?.stringValue, let state = states[name] else { return }
            let parent: Int? = switch previous {
            case .parallelStateStarted?, .mapIterationStarted?: owner
            case nil, .executionStarted?: nil
            default: owner.flatMap { visits[$0].parent }
            }
            var visit = Visit(state: state, parent: parent, input: details["input"]?.stringValue)
            if case .fail(let fail) = state.kind { visit.lastError = fail.error?.value }
            visits.append(visit)
            owners[event.id] = visits.count - 1
            records[name, default: StateRecord()].entered += 1
            if let previous, previous.isStateExited, let owner {
                leave(owner, to: name)
            } else {
                records[name, default: StateRecord()].starts += 1
            }
        case let type where type.isStateExited:
            guard let name = details["name"]?.stringValue,
                  let visit = enclosing(owner, where: { $0.state.name == name && !$0.exited }) else { return }
            owners[event.id] = visit
            visits[visit].exited = true
            if previous?.isStateFailure == true {
                visits[visit].caught = true
            } else if let owner, owner != visit, visits[visit].state.type == .parallel, visits[visit].attemptRunning {
                // A caught Parallel records no ParallelStateFailed: its Exited follows the last
                // event of the failed branch, here a Fail state's (docs/history.md).
                failAttempt(visit, from: owner)
                visits[visit].caught = true
            }
        case .taskStateAborted:
            // The Task whose failure ended a Parallel branch (docs/history.md): that attempt of
            // the Parallel failed with the Task's error.
            guard let task = owner else { return }
            owners[event.id] = task
            if let parallel = enclosing(visits[task].parent, where: { $0.state.type == .parallel && $0.attemptRunning }) {
                failAttempt(parallel, from: task)
            } else {
                markFailed(task, error: nil)
            }
        case let type where type.startsAttempt:
            guard let visit = owner else { return }
            owners[event.id] = visit
            visits[visit].attempts += 1
            if visits[visit].attempts > 1 {
                visits[visit].retried = true
                records[visits[visit].state.name, default: StateRecord()].countRetry(visits[visit].lastError ?? "")
            }
            visits[visit].lastFailed = false
            visits[visit].lastError = nil
            visits[visit].attemptRunning = type == .parallelStateStarted || type == .mapStateStarted
        case .parallelStateSucceeded, .parallelStateFailed, .parallelStateAborted,
             .mapStateSucceeded, .mapStateFailed, .mapStateAborted:
            let type: StateType = event.type.rawValue.hasPrefix("Parallel") ? .parallel : .map
            guard let visit = enclosing(owner, where: { $0.state.type == type && $0.attemptRunning }) else { return }
            owners[event.id] = visit
            visits[visit].attemptRunning = false
            if event.type == .parallelStateFailed || event.type == .mapStateFailed {
                visits[visit].lastFailed = true
                if let failing = owner, failing != visit { failAttempt(visit, from: failing) }
            }
        case .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted:
            let name = details["name"]?.stringValue
            let isMap: (Visit) -> Bool = { $0.state.name == name && $0.attemptRunning }
            guard let visit = enclosing(owner, where: isMap) ?? visits.lastIndex(where: isMap) else { return }
            owners[event.id] = visit
            if event.type == .mapIterationStarted { records[visits[visit].state.name, default: StateRecord()].iterations += 1 }
            if event.type == .mapIterationFailed {
                records[visits[visit].state.name, default: StateRecord()].failedIterations += 1
                if let failing = owner, failing != visit { markFailed(failing, error: nil) }
            }
        case let type where type.isStateFailure:
            guard let visit = owner else { return }
            owners[event.id] = visit
            visits[visit].lastFailed = true
            visits[visit].lastError = details["error"]?.stringValue
        case .executionSucceeded:
            status = .succeeded
        case .executionFailed:
            status = .failed
            if let owner { markFailed(owner, error: details["error"]?.stringValue) }
        case .executionTimedOut:
            status = .timedOut
            if let owner { markFailed(owner, error: details["error"]?.stringValue ?? ErrorName.timeout) }
        case .executionAborted:
            status = .aborted
        default:
            if let owner { owners[event.id] = owner }
        }
    }

    /// The nearest of `start` and the visits enclosing it that satisfies `test`.
    private func enclosing(_ start: Int?, where test: (Visit) -> Bool) -> Int? {
        var index = start
        while let current = index {
            if test(visits[current]) { return current }
            index = visits[current].parent
        }
        return nil
    }

    /// The running attempt of the Parallel or Map `visit` failed because `failing`, a state
    /// inside it, did: it takes that state's error.
    private mutating func failAttempt(_ visit: Int, from failing: Int) {
        visits[visit].attemptRunning = false
        visits[visit].lastFailed = true
        markFailed(failing, error: nil)
        visits[visit].lastError = visits[failing].lastError
    }

    /// The visit failed for good (unless it had already left its state).
    private mutating func markFailed(_ visit: Int, error: String?) {
        guard !visits[visit].exited else { return }
        visits[visit].failed = true
        if visits[visit].lastError == nil { visits[visit].lastError = error }
    }

    /// `visit` was left for the state `next`: which of its state's ways led there.
    private mutating func leave(_ visit: Int, to next: String) {
        let state = visits[visit].state
        if visits[visit].caught {
            let error = visits[visit].lastError
            let index = state.catchers.firstIndex { catcher in
                catcher.next == next && (error.map { catcher.matches(error: $0) } ?? true)
            } ?? state.catchers.firstIndex { $0.next == next }
            count(visit, exit: index.map(Exit.catcher) ?? .next, outcome: .caught)
        } else if case .choice(let choice) = state.kind {
            count(visit, exit: choiceExit(choice, of: state, to: next, input: visits[visit].input), outcome: .succeeded)
        } else if state.transition == .next(next) {
            count(visit, exit: .next, outcome: .succeeded)
        } else if let index = state.catchers.firstIndex(where: { $0.next == next }) {
            // An error with no failure event of its own (one in the state's data flow), caught.
            visits[visit].caught = true
            count(visit, exit: .catcher(index), outcome: .caught)
        } else {
            count(visit, exit: .next, outcome: .succeeded)
        }
    }

    /// The rule of a Choice state that led to `next`. When several lead there, the rules are
    /// evaluated again on the state's input, as the engine did ("Step Functions examines each
    /// of the Choice Rules in the order listed in the Choices field").
    private func choiceExit(_ choice: ChoiceState, of state: State, to next: String, input: String?) -> Exit {
        let candidates = choice.choices.indices.filter { choice.choices[$0].next == next }
        let isDefault = choice.defaultNext == next
        guard let first = candidates.first else { return .defaultRule }
        if candidates.count == 1 && !isDefault { return .choice(first) }
        if let input, let raw = try? JSONValue.parse(input) {
            let context = JSONValue.object([:])
            let value = state.inputPath.isNull ? .object([:]) : state.inputPath.path.map { $0.evaluate(input: raw, context: context) ?? .null } ?? raw
            let matched = choice.choices.indices.first { (try? choice.choices[$0].rule.matches(input: value, context: context)) == true }
            if let matched, choice.choices[matched].next == next { return .choice(matched) }
            if matched == nil, isDefault { return .defaultRule }
        }
        return .choice(first)
    }

    private mutating func count(_ visit: Int, exit: Exit?, outcome: Outcome) {
        guard !visits[visit].counted else { return }
        visits[visit].counted = true
        let name = visits[visit].state.name
        var record = records[name, default: StateRecord()]
        if let exit { record.exits[exit, default: 0] += 1 }
        func note(_ error: String?, in list: inout [String]) {
            if let error, !list.contains(error) { list.append(error) }
        }
        switch outcome {
        case .succeeded:
            if visits[visit].retried { record.succeededAfterRetry += 1 } else { record.succeeded += 1 }
        case .caught:
            record.caught += 1
            note(visits[visit].lastError, in: &record.caughtErrors)
        case .failed:
            record.failed += 1
            note(visits[visit].lastError, in: &record.failedErrors)
        case .cancelled: record.cancelled += 1
        case .running: record.running += 1
        }
        records[name] = record
    }

    /// Counts the visits whose end no later event settled, and sums the path up.
    mutating func finish() -> ExecutionPath {
        for visit in visits.indices where !visits[visit].counted {
            let current = visits[visit]
            if current.state.type == .fail {
                count(visit, exit: .end, outcome: .failed)
            } else if current.exited {
                count(visit, exit: current.state.isTerminal ? .end : nil, outcome: current.caught ? .caught : .succeeded)
            } else if current.failed || current.lastFailed {
                count(visit, exit: nil, outcome: .failed)
            } else {
                count(visit, exit: nil, outcome: status == .running ? .running : .cancelled)
            }
        }
        return ExecutionPath(states: records, status: status)
    }
}
