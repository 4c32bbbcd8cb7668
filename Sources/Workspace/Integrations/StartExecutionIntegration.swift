import Clocks
import Engine
import Foundation
import Identifiers
import JSONValue
import StatesLanguage
import Store

/// `arn:aws:states:::states:startExecution` and its patterns ("Start a new AWS Step Functions
/// state machine from a running execution"; docs/integrations.md): StartExecution of a machine
/// of the workspace, as the API starts it, so the child is a stored execution of its own.
///
/// - request-response: `{"ExecutionArn", "StartDate"}` once the child is stored;
/// - `.sync`: the child's DescribeExecution in the integration's PascalCase, `Output` as its
///   JSON text; `.sync:2` the same with `Output` as JSON; a child that does not succeed fails
///   the Task with `States.TaskFailed`, that description (with `Error` and `Cause`) its cause;
/// - `.waitForTaskToken`: the request-response start; the Task then waits for its token.
struct StartExecutionIntegration: Sendable {
    let stepFunctions: @Sendable () -> StepFunctions?
    let clock: any HostClock
    /// Where a callback Task's parent gets its turn back when its token is answered.
    let callbacks: @Sendable () -> CallbackBroker?

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        guard let service = stepFunctions() else {
            return .failure(StatesError(ErrorName.runtime, cause: "The workspace is closed."))
        }
        let request: Request
        switch Request.make(call.parameters) {
        case .success(let made): request = made
        case .failure(let error): return .failure(error)
        }
        let waits = call.pattern == "sync" || call.pattern == "sync:2"
        // While the child runs, its parent waits on it: on a virtual clock the parent lends
        // it its turn, so that the child's Waits pass (`LentTurn`).
        let turn = waits || call.pattern == "waitForTaskToken" ? LentTurn(clock: clock) : nil
        let started: StartedExecution
        let running: RunningExecution?
        do {
            (started, running) = try await service.startExecution(
                stateMachineArn: request.stateMachineArn, name: request.name, input: request.input,
                observers: turn.map { [$0] } ?? [])
        } catch {
            turn?.childRuns()
            return .failure(Self.error(error))
        }
        let response: JSONValue = ["ExecutionArn": .string(started.executionArn), "StartDate": .int(started.startDate)]
        guard let turn else { return .success(response) }
        guard let running else {
            // An EXPRESS child has run already, or another process runs the one of this name.
            turn.childRuns()
            if waits {
                return .failure(StatesError(ErrorName.runtime, cause: "host waits for STANDARD child executions run by this process; '\(started.executionArn)' is not one"))
            }
            return .success(response)
        }
        // The Task's time limit runs from now: its alarm is set before the parent lets go of
        // its turn, so that no time can pass unseen in between.
        let end = waits ? ChildEnd(of: running, within: call.timeoutSeconds, clock: clock) : nil
        clock.leave()
        guard let end else {
            if let token = call.taskToken { callbacks()?.lend(turn, until: token) }
            return .success(response)
        }
        // A parent that stops stops its child: the Run a Job pattern cancels its job as best
        // it can when the Task is cancelled (docs/integrations.md, unsure).
        let outcome = await withTaskCancellationHandler {
            await end.outcome
        } onCancel: {
            running.abort()
        }
        turn.giveBack()
        guard case .ended(let ended) = outcome else {
            // The Task's TimeoutSeconds (or HeartbeatSeconds: a child sends none) passed first:
            // the Task times out, and its child is stopped as a cancelled one is (unsure).
            running.abort()
            return .timedOut
        }
        switch ended {
        case .failure(let error):
            return .failure(StatesError(ErrorName.runtime, cause: "The child execution's end could not be stored: \(error.message)"))
        case .success(let result):
            let description = Self.description(result, identity: running.identity, input: request.input,
                                               outputAsJSON: call.pattern == "sync:2")
            guard result.status == .succeeded else {
                return .failure(StatesError(ErrorName.taskFailed, cause: description.compactString()))
            }
            return .success(description)
        }
    }

    /// DescribeExecution of the ended child, in the names the integration gives it (PascalCase),
    /// dates in epoch milliseconds (docs/integrations.md, unsure).
    static func description(_ result: ExecutionResult, identity: ExecutionIdentity, input: String, outputAsJSON: Bool) -> JSONValue {
        var members: JSONObject = [
            "ExecutionArn": .string(identity.executionArn), "Input": .string(input), "InputDetails": ["Included": true],
            "Name": .string(identity.executionName), "StartDate": .int(result.startDate.epochMilliseconds),
            "StateMachineArn": .string(identity.stateMachineArn), "Status": .string(result.status.rawValue),
            "StopDate": .int(result.stopDate.epochMilliseconds),
        ]
        if let output = result.output {
            members["Output"] = outputAsJSON ? output : .string(output.compactString())
            members["OutputDetails"] = ["Included": true]
        }
        if let error = result.error { members["Error"] = .string(error) }
        if let cause = result.cause { members["Cause"] = .string(cause) }
        return .object(members)
    }

    /// StartExecution's error as the Task fails with it: `StepFunctions.<Code>`, the code as the
    /// API names it ("Retry ... StepFunctions.ExecutionLimitExceeded", Start workflow
    /// executions from a task state), and the cause in the form of the optimized integrations'.
    static func error(_ error: ServiceError) -> StatesError {
        let requestId = RandomIdentifier.lowercased()
        return StatesError("StepFunctions.\(error.code.rawValue)",
                           cause: "\(error.message) (Service: AWSStepFunctions; Status Code: \(error.code.httpStatus); Error Code: \(error.code.rawValue); Request ID: \(requestId); Proxy: null)")
    }

    /// The request: `StateMachineArn`, `Input` (an object is sent as its JSON text, a string
    /// as it is) and `Name`.
    struct Request {
        var stateMachineArn: String
        var input: String
        var name: String?

        static func make(_ parameters: JSONValue) -> Result<Request, StatesError> {
            let invalid = { (message: String) in Result<Request, StatesError>.failure(StatesError(ErrorName.runtime, cause: message)) }
            guard case .object(let members) = parameters else { return invalid("The StartExecution request must be an object.") }
            let known = ["StateMachineArn", "Input", "Name", "TraceHeader"]
            if let unknown = members.keys.first(where: { !known.contains($0) }) {
                return invalid("The field '\(unknown)' is not supported by Step Functions.")
            }
            guard let arn = members["StateMachineArn"]?.stringValue else {
                return invalid("The field 'StateMachineArn' is required and must be a string.")
            }
            if let header = members["TraceHeader"], header != .null {
                return invalid("host does not run X-Ray tracing: give StartExecution no TraceHeader.")
            }
            let input: String = switch members["Input"] {
            case nil, .null?: "{}"
            case .string(let text)?: text
            case let value?: value.compactString()
            }
            let name = members["Name"]
            if let name, name != .null, name.stringValue == nil { return invalid("The field 'Name' must be a string.") }
            return .success(Request(stateMachineArn: arn, input: input, name: name?.stringValue))
        }
    }
}
