import Clocks
import Foundation
import JSONValue
import StatesLanguage
import Synchronization

/// Names and ARNs of one execution (docs/history.md).
public struct ExecutionIdentity: Sendable, Equatable {
    public let machineName: String
    public let executionName: String
    public let region: String
    public let account: String

    /// The IAM role the machine runs under: the one it was created with, or else the one the
    /// console would make for it (`StepFunctions-<machine>-role`).
    public let roleArn: String
    /// For an execution of an EXPRESS machine, the id that tells it from others of the same
    /// name (Express names need not be unique): its ARN is
    /// `arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID` (docs/history.md).
    public let expressId: String?
    /// Made once: every history event, record and status change of the execution names them.
    public let stateMachineArn: String
    public let executionArn: String

    public init(machineName: String, executionName: String, region: String = "us-east-1", account: String = "123456789012",
                roleArn: String? = nil, expressId: String? = nil) {
        self.machineName = machineName
        self.executionName = executionName
        self.region = region
        self.account = account
        self.roleArn = roleArn ?? "arn:aws:iam::\(account):role/service-role/StepFunctions-\(machineName)-role"
        self.expressId = expressId
        stateMachineArn = "arn:aws:states:\(region):\(account):stateMachine:\(machineName)"
        executionArn = if let expressId {
            "arn:aws:states:\(region):\(account):express:\(machineName):\(executionName):\(expressId)"
        } else {
            "arn:aws:states:\(region):\(account):execution:\(machineName):\(executionName)"
        }
    }
}

public enum ExecutionStatus: String, Sendable, CaseIterable {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
    /// A failed execution that can be redriven; `host` does not redrive, but lists it.
    case pendingRedrive = "PENDING_REDRIVE"
}

/// Where `Execution.runOrPark()` left an execution: ended, or parked in a Wait until `until`.
public enum ExecutionOutcome: Sendable {
    case ended(ExecutionResult)
    /// Every event it recorded was handed to its observer; nothing of it runs any more. Made
    /// again over its recorded history (`resuming`), it continues from the Wait.
    case parked(until: Date)
}

/// Thrown from a Wait on the top-level path of an execution that parks its long waits.
struct ExecutionParked: Error {
    var until: Date
}

/// How an execution ended.
public struct ExecutionResult: Sendable {
    public var status: ExecutionStatus
    public var output: JSONValue?
    public var error: String?
    public var cause: String?
    public var startDate: Date
    public var stopDate: Date
    public var history: [HistoryEvent]
}

/// A call of a Lambda function, as a Task state makes it.
public struct FunctionCall: Sendable, Equatable {
    /// The function as the state names it: a name, `name:qualifier` or an ARN.
    public var function: String
    public var payload: JSONValue
    /// The Task's `TimeoutSeconds`, when it has one.
    public var timeoutSeconds: Int?
    /// `LogType: Tail`: the answer should carry the end of the invocation's log.
    public var wantsLogTail = false
    /// The Task state that makes the call (nil outside a state machine): a test case's mocks
    /// answer by it (docs/testing.md).
    public var state: String? = nil
    /// `InvocationType: Event`: the function is started and runs on its own; the answer (202)
    /// comes at once, without its result.
    public var asynchronous = false
}

/// What a function answered: its result, and what Lambda's Invoke response says of it.
public struct FunctionResponse: Sendable, Equatable {
    public var payload: JSONValue
    public var requestId: String
    /// The size of the response body as the function's runtime wrote it (`Content-Length`);
    /// nil for the payload's compact JSON text.
    public var bodyLength: Int?
    /// For `LogType: Tail`: the end of the invocation's log, as Lambda's `LogResult` gives it
    /// before base64 (at most the last 4 KB).
    public var logTail: String?
    /// The Task's whole result when a mock gives it (a `lambda:invoke` mock's `Return` is the
    /// Invoke response itself, docs/testing.md); nil to build it from the payload.
    public var taskResult: JSONValue?
    /// Invoke's `StatusCode`: 200 for RequestResponse, 202 for Event, 204 for DryRun.
    public var statusCode = 200

    public init(payload: JSONValue, requestId: String, bodyLength: Int? = nil, logTail: String? = nil, taskResult: JSONValue? = nil) {
        self.payload = payload
        self.requestId = requestId
        self.bodyLength = bodyLength
        self.logTail = logTail
        self.taskResult = taskResult
    }
}

/// What a function call came to, named as Step Functions sees it.
public enum FunctionCallResult: Sendable, Equatable {
    case success(FunctionResponse)
    /// The function failed (Error = its errorType, Cause = its payload) or Lambda did not run it
    /// (`Lambda.ResourceNotFoundException`, ...).
    case failure(StatesError)
    /// The Task's own `TimeoutSeconds` passed first.
    case timedOut

    /// A function's result, with nothing else to say of it.
    public static func success(_ payload: JSONValue, requestId: String) -> FunctionCallResult {
        .success(FunctionResponse(payload: payload, requestId: requestId))
    }
}

/// What keeps a Distributed Map's child executions (docs/distributed-map.md): the workspace
/// stores STANDARD ones like any execution.
public protocol MapRunObserver: Sendable {
    /// Where the events of a child execution about to start go; nil for nowhere. `state`:
    /// the Distributed Map state whose item processor it runs.
    func child(_ identity: ExecutionIdentity, input: JSONValue, mapRunArn: String, state: String) -> (any ExecutionObserver)?
    /// A child execution ended; the Map Run goes on once this returns (its end is kept).
    func childEnded(_ identity: ExecutionIdentity, _ result: ExecutionResult) async
    /// A resumed parent's child, as its process left it; nil when it had not started.
    func recorded(_ identity: ExecutionIdentity) -> RecordedChild?
    /// The Map Run started (or resumed), or a child of it started or ended: how it stands now.
    /// Called before `childEnded` of the child that ended, so that what keeps the Map Run can
    /// store its counts with that child's end.
    func mapRunChanged(_ progress: MapRunProgress)
    /// The Map Run ended; it records its end event once this returns (the end is kept).
    func mapRunEnded(_ progress: MapRunProgress) async
}

extension MapRunObserver {
    public func mapRunChanged(_ progress: MapRunProgress) {}
    public func mapRunEnded(_ progress: MapRunProgress) async {}
}

/// A child execution of a Map Run that a resumed parent finds again.
public enum RecordedChild: Sendable {
    /// It had ended, so: it does not run again.
    case ended(status: ExecutionStatus, output: JSONValue?, error: String?, cause: String?)
    /// It was running: it resumes from its history, its new events going to `observer`.
    case running(history: [HistoryEvent], observer: any ExecutionObserver)
}

/// How Task states reach functions; the workspace connects it to the Functions layer.
public protocol TaskInvoker: Sendable {
    func invoke(_ call: FunctionCall) async -> FunctionCallResult
}

/// One execution of a state machine. `run()` carries it out; `abort()` (from anywhere) stops
/// it as StopExecution does. Made with the history an execution had recorded before its
/// process died, it resumes: it runs from the start over that history, taking each recorded
/// event instead of recording it or doing its work again (see `HistoryRecorder`).
public final class Execution: Sendable {
    public let machine: StateMachine
    public let identity: ExecutionIdentity
    public let input: JSONValue
    /// The workspace's clock: real, or virtual (waits pass at once).
    let clock: any HostClock
    let invoker: any TaskInvoker
    /// How Tasks reach services other than Lambda; nil: they fail (docs/integrations.md).
    let integrations: (any ServiceIntegrations)?
    /// Where callback Tasks learn their answers; nil when nothing can answer them.
    let callbacks: (any TaskCallbacks)?
    let recorder: HistoryRecorder
    /// Where a Distributed Map's child executions are kept; nil: nowhere.
    let mapRuns: (any MapRunObserver)?
    /// Sees the data flow's intermediate values (TestState's inspection data); usually nil.
    let stageObserver: (any StageObserver)?
    let random: @Sendable () -> Double
    /// When the execution starts: its clock's time when it was made.
    public let startTime: Date
    /// `startTime` as the context object gives it, written once.
    let startTimeText: String
    /// The context object's `Execution` and `StateMachine`, the same in every state.
    let contextExecution: JSONValue
    let contextStateMachine: JSONValue
    /// Why the execution was stopped (aborted or timed out), if it was; `finished` once its
    /// body has ended, after which nothing can stop it any more.
    let stop = Mutex<(status: ExecutionStatus?, finished: Bool)>((nil, false))
    /// The error and cause StopExecution gave, which the ExecutionAborted event records.
    private let abortReason = Mutex<StatesError?>(nil)
    private let task = Mutex<Task<(Result<JSONValue, StatesError>, Path, parked: Date?), Never>?>(nil)
    /// Waits at least this long (seconds) on the top-level path park the execution
    /// (`runOrPark`); nil: none does.
    let parkThreshold: Double?

    public init(machine: StateMachine, identity: ExecutionIdentity, input: JSONValue, clock: any HostClock,
                invoker: any TaskInvoker, callbacks: (any TaskCallbacks)? = nil, observer: (any ExecutionObserver)? = nil,
                resuming history: [HistoryEvent] = [], mapRuns: (any MapRunObserver)? = nil,
                stageObserver: (any StageObserver)? = nil, parkWaitsLongerThan parkThreshold: Double? = nil,
                integrations: (any ServiceIntegrations)? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.parkThreshold = parkThreshold
        self.machine = machine
        self.identity = identity
        self.input = input
        self.clock = clock
        self.invoker = invoker
        self.integrations = integrations
        self.callbacks = callbacks
        self.recorder = HistoryRecorder(observer: observer, history: history)
        self.mapRuns = mapRuns
        self.stageObserver = stageObserver
        self.random = random
        // A resumed execution started when its history says it did.
        startTime = history.first { $0.type == .executionStarted }?.timestamp ?? clock.now
        startTimeText = startTime.iso8601Milliseconds
        contextExecution = [
            "Id": .string(identity.executionArn),
            "Input": input,
            "StartTime": .string(startTimeText),
            "Name": .string(identity.executionName),
            "RoleArn": .string(identity.roleArn),
            "RedriveCount": 0,
        ]
        contextStateMachine = ["Id": .string(identity.stateMachineArn), "Name": .string(identity.machineName)]
    }

    /// Stops the execution, as StopExecution does: it ends ABORTED as soon as its running step
    /// allows, with `error` and `cause` when given ("The error code of the failure", "A more
    /// detailed explanation of the cause of the failure", StopExecution's request).
    public func abort(error: String? = nil, cause: String? = nil) {
        if error != nil || cause != nil { abortReason.withLock { $0 = $0 ?? StatesError(error ?? "", cause: cause) } }
        halt(.aborted)
    }

    private func halt(_ status: ExecutionStatus) {
        stop.withLock { stop in if stop.status == nil && !stop.finished { stop.status = status } }
        task.withLock { $0 }?.cancel()
    }

    /// "If provided, this is the maximum number of seconds the state machine is allowed to run."
    var deadline: Date? { machine.timeoutSeconds.map { startTime.addingTimeInterval(Double($0)) } }

    /// Runs the execution to its end. It must have been made without `parkWaitsLongerThan`.
    public func run() async -> ExecutionResult {
        await run(onParentTimeline: false)
    }

    /// `onParentTimeline`: a Distributed Map's child, which runs in its parent's place on the
    /// clock's timeline; the parent counts it as running, and takes the turn back when it ends.
    func run(onParentTimeline: Bool) async -> ExecutionResult {
        guard case .ended(let result) = await runOrPark(onParentTimeline: onParentTimeline) else {
            preconditionFailure("an execution that parks its waits runs with runOrPark()")
        }
        return result
    }

    /// Runs the execution until it ends, or, made with `parkWaitsLongerThan`, until its
    /// top-level path enters a Wait at least that long (which ends before the execution's
    /// `TimeoutSeconds`): it then parks, holding nothing, for whoever made it to make it again
    /// over its recorded history when the Wait ends.
    public func runOrPark() async -> ExecutionOutcome {
        await runOrPark(onParentTimeline: false)
    }

    private func runOrPark(onParentTimeline: Bool) async -> ExecutionOutcome {
        // The execution's first path runs from now until its body ends.
        if !onParentTimeline { clock.enter() }
        // "If provided, this is the maximum number of seconds the state machine is allowed to
        // run." Set before anything runs, so that no path can sleep past it unseen.
        let cancelDeadline = deadline.map { deadline in
            clock.alarm(after: max(0, deadline.timeIntervalSince(clock.now))) { [self] in
                halt(.timedOut)
            }
        }
        let body = Task { [self] () -> (Result<JSONValue, StatesError>, Path, parked: Date?) in
            var path = Path(lastEventId: 0, mapItem: nil, topLevel: true)
            do {
                try recorder.record(.executionStarted, after: 0, at: startTime, [
                    "input": .string(input.compactString()),
                    "inputDetails": ["truncated": false],
                    "roleArn": .string(identity.roleArn),
                ])
                let output = try await Interpreter(execution: self).run(machine, input: input, path: &path)
                return (.success(output), path, nil)
            } catch let failure as PathFailure {
                if let parked = failure.parkedUntil { return (.success(.null), failure.path, parked) }
                if let status = failure.stop { stop.withLock { if $0.status == nil { $0.status = status } } }
                return (.failure(failure.error), failure.path, nil)
            } catch let error as StatesError {
                return (.failure(error), path, nil)
            } catch {
                return (.failure(StatesError(ErrorName.runtime, cause: "\(error)")), path, nil)
            }
        }
        task.withLock { $0 = body }
        // A resumed execution stopped before it ran replays first (`Interpreter.checkStop`).
        if stop.withLock({ $0.status }) != nil && !recorder.isReplaying { body.cancel() }
        let (outcome, path, parked) = await body.value
        if let parked {
            cancelDeadline?()
            if !onParentTimeline { clock.leave() }
            return .parked(until: parked)
        }
        // A timer or Ctrl-C that comes now is too late: the execution has its end.
        stop.withLock { $0.finished = true }
        cancelDeadline?()
        // Its last event is recorded while it still counts as running, so that on a virtual
        // clock no time passes between its body's end and its stop date (and a parent waiting
        // for it, `states:startExecution.sync`, counts again from that event on).
        let result = finish(outcome, path: path)
        if !onParentTimeline { clock.leave() }
        return .ended(result)
    }

    /// Records the execution's last event and sums it up.
    private func finish(_ outcome: Result<JSONValue, StatesError>, path: Path) -> ExecutionResult {
        let last = max(path.lastEventId, 1)
        var result = ExecutionResult(status: .succeeded, output: nil, error: nil, cause: nil, startDate: startTime,
                                     stopDate: clock.now, history: [])
        func end(_ type: EventType, _ details: JSONObject?) {
            _ = try? recorder.record(type, after: last, at: result.stopDate, details, final: true)
        }
        switch (stop.withLock { $0.status }, outcome) {
        case (.timedOut?, _):
            // DescribeExecution of a TIMED_OUT execution has no error or cause.
            result.status = .timedOut
            end(.executionTimedOut, ["error": .string(ErrorName.timeout)])
        case (.aborted?, _):
            result.status = .aborted
            let reason = abortReason.withLock { $0 }
            result.error = reason.flatMap { $0.error.isEmpty ? nil : $0.error }
            result.cause = reason?.cause
            end(.executionAborted, reason?.details)
        case (_, .success(let output)):
            result.output = output
            end(.executionSucceeded, ["output": .string(output.compactString()), "outputDetails": ["truncated": false]])
        case (_, .failure(let error)):
            result.status = .failed
            result.error = error.error.isEmpty ? nil : error.error
            result.cause = error.cause
            end(.executionFailed, error.details)
        }
        result.history = recorder.history
        return result
    }
}

extension StatesError {
    /// `{"error", "cause"}` as failure events carry them, each only when there is one: a Fail
    /// state without Error records an ExecutionFailed with neither (recorded on AWS).
    var details: JSONObject {
        var details: JSONObject = [:]
        if !error.isEmpty { details["error"] = .string(error) }
        if let cause { details["cause"] = .string(cause) }
        return details
    }
}
