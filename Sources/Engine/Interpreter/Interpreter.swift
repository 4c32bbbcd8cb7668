import Clocks
import Foundation
import JSONValue
import StatesLanguage

/// One path through a machine: the top level, a Parallel branch or a Map iteration. Each
/// has its own time and its own last event, which the next event it records points at.
struct Path: Sendable {
    var lastEventId: Int
    /// When the path's last event happened (nil before it has one of its own).
    var lastEventTime: Date?
    /// `$$.Map.Item` inside a Map iteration.
    var mapItem: MapItem?
    /// The workflow variables the path's states read and assign (docs/variables.md).
    var variables = WorkflowVariables()
    /// Whether this is a Parallel branch's own path: a Task state that fails it is then also
    /// recorded as aborted (docs/history.md).
    var parallelBranch = false
    /// Members TestState's `context` gives the context object, over those the execution
    /// would give it; nil in executions.
    var contextOverrides: JSONObject?
    /// Whether this is the execution's own path (no Parallel branch or Map iteration): the
    /// only one running while it is in a state, so the only one whose Wait can park.
    var topLevel = false
}

/// `$$.Map.Item` of a Map iteration, kept as its parts: the object is built only for a state
/// that reads the context, not for every item (docs/profiles/engine.md).
enum MapItem: Sendable {
    /// The item at `index` of the Map's items.
    case item(index: Int, value: JSONValue)
    /// An object given whole (TestState's `mapItem`).
    case given(JSONValue)

    /// The object `$$.Map.Item` is: `{"Index": 0, "Value": ...}` (docs/variables.md).
    var object: JSONValue {
        switch self {
        case .item(let index, let value): ["Index": .int(Int64(index)), "Value": value]
        case .given(let object): object
        }
    }
}

/// A path that ended without an output: the error it failed with, where it stood, and
/// whether the execution was stopped (aborted or timed out) rather than failed.
struct PathFailure: Error {
    var error: StatesError
    var path: Path
    var stop: ExecutionStatus?
    /// Not a failure: the top-level path parked in a Wait until then (`ExecutionParked`).
    var parkedUntil: Date? = nil
}

/// What a state leads to.
enum Step {
    case next(String, JSONValue)
    case end(JSONValue)
}

/// Runs states. It holds no state of its own beyond the execution's: everything that
/// varies along a path is in `Path`.
struct Interpreter: Sendable {
    let execution: Execution

    /// Runs `machine` from its StartAt with `input`; returns the output of its last state.
    func run(_ machine: StateMachine, input: JSONValue, path: inout Path) async throws(PathFailure) -> JSONValue {
        var name = machine.startAt
        var input = input
        do {
            while true {
                try checkStop(&path)
                guard let state = machine[name] else {
                    throw StatesError(ErrorName.runtime, cause: "The state '\(name)' does not exist.")
                }
                let entered = try recordEvent(state.type.enteredEvent, &path, .stateEntered(name: state.name, input: input))
                let context = StepContext(state: state, enteredEventId: entered.id, enteredTime: entered.timestamp, input: input)
                let step: Step
                do {
                    step = try await runState(context, path: &path)
                } catch let error as StatesError where path.parallelBranch && context.state.type == .task {
                    // Recorded on AWS: the Task whose failure ends a branch gets TaskStateAborted
                    // after its failure event, as the Parallel stops its branches.
                    try record(.taskStateAborted, &path)
                    throw error
                }
                switch step {
                case .next(let next, let output):
                    name = next
                    input = output
                case .end(let output):
                    return output
                }
            }
        } catch let failure as PathFailure {
            throw failure
        } catch let parked as ExecutionParked {
            throw PathFailure(error: StatesError(ErrorName.runtime, cause: "parked"), path: path, stop: nil, parkedUntil: parked.until)
        } catch let error as StatesError {
            throw PathFailure(error: error, path: path, stop: nil)
        } catch {
            // Cancelled: the execution was aborted or timed out, or a sibling branch failed.
            throw PathFailure(error: StatesError(ErrorName.runtime, cause: "stopped"), path: path,
                              stop: execution.stop.withLock { $0.status } ?? .aborted)
        }
    }

    // MARK: - Events, time, stopping

    /// Records an event after the path's last one and makes it the path's last.
    @discardableResult
    func record(_ type: EventType, _ path: inout Path, _ details: JSONObject? = nil) throws(StatesError) -> Int {
        try recordEvent(type, &path, details).id
    }

    /// As `record` above, with the details as their parts (`EventDetails`).
    @discardableResult
    func record(_ type: EventType, _ path: inout Path, _ details: EventDetails) throws(StatesError) -> Int {
        try recordEvent(type, &path, details).id
    }

    /// As `record`, returning the whole event (a resumed execution's recorded one has the time
    /// it happened).
    @discardableResult
    func recordEvent(_ type: EventType, _ path: inout Path, _ details: JSONObject? = nil) throws(StatesError) -> HistoryEvent {
        try recordEvent(type, &path, EventDetails(details))
    }

    /// As `recordEvent` above, with the details as their parts (`EventDetails`).
    @discardableResult
    func recordEvent(_ type: EventType, _ path: inout Path, _ details: EventDetails) throws(StatesError) -> HistoryEvent {
        let event = try execution.recorder.record(type, after: path.lastEventId, at: execution.clock.now, details)
        path.lastEventId = event.id
        path.lastEventTime = event.timestamp
        return event
    }

    /// Throws CancellationError once the execution is stopped (aborted or timed out).
    /// A stop given before a resumed execution ran applies once its replay has caught up, so
    /// that its end follows the event it had reached (a parked execution stopped).
    func checkStop(_ path: inout Path) throws {
        if execution.stop.withLock({ $0.status }) != nil && !execution.recorder.isReplaying { throw CancellationError() }
        try Task.checkCancellation()
    }

    /// Waits on the execution's clock (a Wait state, a retry interval) until `seconds` after
    /// `start`. A resumed execution whose path went on past this point before its process
    /// died does not wait again; one that was waiting waits only what is left.
    ///
    /// `parkable` (a Wait state's wait): on the top-level path of an execution made with
    /// `parkWaitsLongerThan`, a wait at least that long parks the execution instead
    /// (`ExecutionParked`), unless the execution's own time limit ends first.
    func sleep(_ seconds: Double, after start: Date, path: inout Path, parkable: Bool = false) async throws {
        guard execution.recorder.recorded(after: path.lastEventId) == nil else { return try checkStop(&path) }
        // A stop that came while a resumed run replayed applies here, once it has caught up.
        try checkStop(&path)
        if parkable, path.topLevel, let threshold = execution.parkThreshold {
            let wake = start.addingTimeInterval(seconds)
            if wake.timeIntervalSince(execution.clock.now) >= threshold, execution.deadline.map({ $0 >= wake }) ?? true {
                throw ExecutionParked(until: wake)
            }
        }
        try await execution.clock.sleep(until: seconds, after: start)
        try checkStop(&path)
    }

    // MARK: - The context object

    /// `$$`: "a JSON object containing information about your state machine and execution".
    /// `State.RetryCount` is there only in states that can retry (Task, Parallel, Map): a Pass
    /// state's is `{Name, EnteredTime}`. Members in the order AWS records them (recorded on
    /// AWS: `{Execution: {Id, Input, StartTime, Name, RoleArn, RedriveCount}, StateMachine:
    /// {Id, Name}, State: {Name, EnteredTime}}`, docs/history.md).
    ///
    /// Null for a state none of whose fields reads it (`State.readsContext`): built for every
    /// state, it cost half of a Pass chain's time (docs/benchmarks-history.md section 9).
    func contextObject(_ step: StepContext, path: Path, retryCount: Int? = nil, taskToken: String? = nil) -> JSONValue {
        guard step.state.readsContext else { return .null }
        var state: JSONObject = ["Name": .string(step.state.name), "EnteredTime": .string(step.enteredTime.iso8601Milliseconds)]
        if let retryCount { state["RetryCount"] = .int(Int64(retryCount)) }
        var context: JSONObject = [
            "Execution": execution.contextExecution,
            "StateMachine": execution.contextStateMachine,
            "State": .object(state),
        ]
        if let item = path.mapItem { context["Map"] = ["Item": item.object] }
        if let taskToken { context["Task"] = ["Token": .string(taskToken)] }
        if let overrides = path.contextOverrides { context.override(with: overrides) }
        return .object(context)
    }
}

/// A state being run: the state, when it was entered and with what. A class, so that handing
/// it on (to the stages, to a retrier's closures) shares it: `State` is a large value, and
/// copying it for every stage was a tenth of a Pass chain's time (docs/profiles/engine.md).
final class StepContext: Sendable {
    let state: State
    let enteredEventId: Int
    let enteredTime: Date
    let input: JSONValue

    init(state: State, enteredEventId: Int, enteredTime: Date, input: JSONValue) {
        self.state = state
        self.enteredEventId = enteredEventId
        self.enteredTime = enteredTime
        self.input = input
    }

    /// States.Runtime's cause begins with where it happened (docs/errors.md).
    func runtimeError(_ detail: String) -> StatesError {
        StatesError(ErrorName.runtime, cause: "An error occurred while executing the state '\(state.name)' (entered at the event id #\(enteredEventId)). \(detail)")
    }

    /// Runs a data-flow step, giving any States.Runtime it raises its place.
    func placed<T>(_ body: () throws(StatesError) -> T) throws(StatesError) -> T {
        do { return try body() } catch {
            if error.error == ErrorName.runtime, !(error.cause ?? "").hasPrefix("An error occurred while executing") {
                throw runtimeError(error.cause ?? "")
            }
            throw error
        }
    }
}

extension StateType {
    var enteredEvent: EventType {
        switch self {
        case .task: .taskStateEntered
        case .pass: .passStateEntered
        case .wait: .waitStateEntered
        case .choice: .choiceStateEntered
        case .succeed: .succeedStateEntered
        case .fail: .failStateEntered
        case .parallel: .parallelStateEntered
        case .map: .mapStateEntered
        }
    }

    var exitedEvent: EventType? {
        switch self {
        case .task: .taskStateExited
        case .pass: .passStateExited
        case .wait: .waitStateExited
        case .choice: .choiceStateExited
        case .succeed: .succeedStateExited
        case .fail: nil
        case .parallel: .parallelStateExited
        case .map: .mapStateExited
        }
    }
}
