import Foundation
import Identifiers
import JSONValue
import StatesLanguage

extension Interpreter {
    /// Task: calls its resource with the effective input and returns what it answered.
    func runTask(_ step: StepContext, _ task: TaskState, _ input: StageInput, path: inout Path) async throws -> JSONValue {
        let parameters = input.effective
        let timeout = try taskSeconds(step, task.timeoutSeconds, "TimeoutSecondsPath", input)
        let heartbeat = try taskSeconds(step, task.heartbeatSeconds, "HeartbeatSecondsPath", input)
        let limits = TaskLimits(timeout: timeout, heartbeat: heartbeat)
        switch TaskResource(task.resource) {
        case .function(let arn):
            return try await callFunction(arn: arn, payload: parameters, limits: limits, state: step.state.name, path: &path)
        case .lambdaInvoke:
            return try await invokeLambda(parameters: parameters, limits: limits, state: step.state.name, path: &path)
        case .lambdaInvokeWaitForTaskToken:
            return try await waitForTaskToken(input.taskToken ?? "", submitting: .lambda, parameters: parameters, limits: limits, path: &path)
        case .integration(let type, let action):
            let call = ServiceCall(resourceType: type, resource: action, parameters: parameters, timeoutSeconds: limits.deadline,
                                   state: step.state.name, taskToken: input.taskToken,
                                   executionArn: execution.identity.executionArn)
            if action.hasSuffix(".waitForTaskToken") {
                return try await waitForTaskToken(input.taskToken ?? "", submitting: .service(call), parameters: parameters,
                                                  limits: limits, path: &path)
            }
            return try await callService(call, limits: limits, path: &path)
        case .other(let type, let action):
            try record(.taskScheduled, &path, [
                "resourceType": .string(type), "resource": .string(action), "region": .string(execution.identity.region),
                "parameters": .string(parameters.compactString()),
            ])
            let error = StatesError(ErrorName.runtime, cause: "host does not run the resource '\(task.resource)'; it runs Lambda functions.")
            let kind: JSONObject = ["resourceType": .string(type), "resource": .string(action)]
            try record(.taskFailed, &path, kind.merging(error.details) { $1 })
            throw error
        }
    }

    /// TimeoutSeconds/HeartbeatSeconds, or their `...Path` (which must find a positive
    /// whole number in the state's input).
    private func taskSeconds(_ step: StepContext, _ field: Dynamic<Int>?, _ name: String, _ stage: StageInput) throws -> Int? {
        switch field {
        case nil: return nil
        case .value(let seconds)?: return seconds
        case .path(let path)?:
            guard let value = path.evaluate(input: step.input, context: stage.context, variables: stage.variables), let seconds = value.intValue, seconds > 0 else {
                throw step.runtimeError("The \(name) parameter does not reference a valid positive integer: \(path.text)")
            }
            return Int(seconds)
        case .jsonata(let text)?:
            let field = String(name.dropLast("Path".count))
            let value = try stage.query!.value(of: text, field: field)
            guard let seconds = value.intValue, seconds > 0 else {
                throw QueryScope.unexpectedType(text, field: field, expected: "positive integer", value: value)
            }
            return Int(seconds)
        case .intrinsic?:
            preconditionFailure("\(name) takes no intrinsic function")
        }
    }

    /// A Task whose Resource is a function's ARN: LambdaFunctionScheduled, Started, then
    /// Succeeded, Failed or TimedOut (docs/history.md).
    private func callFunction(arn: String, payload: JSONValue, limits: TaskLimits, state: String, path: inout Path) async throws -> JSONValue {
        let timeout = limits.timeout
        var scheduled: JSONObject = [
            "resource": .string(arn), "input": .string(payload.compactString()), "inputDetails": ["truncated": false],
        ]
        if let timeout { scheduled["timeoutInSeconds"] = .int(Int64(timeout)) }
        try record(.lambdaFunctionScheduled, &path, scheduled)
        try record(.lambdaFunctionStarted, &path)
        if let result = try replayedOutcome(.lambdaFunctionSucceeded, .lambdaFunctionFailed, .lambdaFunctionTimedOut, path: &path) {
            return result
        }
        let started = execution.clock.now
        let answer = await execution.invoker.invoke(FunctionCall(function: arn, payload: payload, timeoutSeconds: limits.deadline, state: state))
        try checkStop(&path)
        switch answer {
        case .success(let response):
            let result = response.payload
            let text = result.compactString()
            if text.utf8.count > DataLimit.bytes {
                let error = DataLimit.error(name: arn)
                try record(.lambdaFunctionFailed, &path, error.details)
                throw error
            }
            try record(.lambdaFunctionSucceeded, &path, ["output": .string(text), "outputDetails": ["truncated": false]])
            return result
        case .failure(let error):
            try record(.lambdaFunctionFailed, &path, error.details)
            throw error
        case .timedOut:
            try await passTimeout(limits, since: started, path: &path)
            // "A Task that exceeds its TimeoutSeconds records LambdaFunctionTimedOut
            // {"error": "States.Timeout"} (no cause)".
            try record(.lambdaFunctionTimedOut, &path, ["error": .string(limits.error)])
            throw StatesError(limits.error)
        }
    }

    /// `arn:aws:states:::lambda:invoke`: TaskScheduled/Started/Succeeded|Failed|TimedOut, and
    /// the output Lambda's Invoke API gives.
    private func invokeLambda(parameters: JSONValue, limits: TaskLimits, state: String, path: inout Path) async throws -> JSONValue {
        let kind: JSONObject = ["resourceType": "lambda", "resource": "invoke"]
        if let result = try scheduleTask(kind, parameters: parameters, limits: limits, path: &path) { return result }
        let answer: FunctionCallResult
        let started = execution.clock.now
        switch LambdaInvokeRequest.make(parameters) {
        case .failure(let error):
            answer = .failure(error)
        case .success(let request) where request.invocationType != "RequestResponse":
            // "For the Event invocation type, this status code is 202. For the DryRun invocation
            // type, the status code is 204" (Lambda's Invoke): an Event starts the function,
            // which runs on its own, and the Task neither waits for nor sees its result; a
            // DryRun runs nothing. The Payload is empty either way.
            var response = FunctionResponse(payload: "", requestId: RandomIdentifier.lowercased(), bodyLength: 0)
            response.statusCode = request.invocationType == "Event" ? 202 : 204
            if request.invocationType == "Event" {
                var call = FunctionCall(function: request.functionName, payload: request.payload, state: state)
                call.asynchronous = true
                let queued = await execution.invoker.invoke(call)
                if case .success(let mocked) = queued {
                    response.taskResult = mocked.taskResult
                    answer = .success(response)
                } else {
                    answer = queued
                }
            } else {
                answer = .success(response)
            }
        case .success(let request):
            let call = FunctionCall(function: request.functionName, payload: request.payload, timeoutSeconds: limits.deadline,
                                    wantsLogTail: request.wantsLogTail, state: state)
            answer = await execution.invoker.invoke(call)
        }
        try checkStop(&path)
        let ended: ServiceCallResult = switch answer {
        case .success(let response): .success(LambdaInvokeRequest.output(response, date: execution.clock.now))
        case .failure(let error): .failure(error)
        case .timedOut: .timedOut
        }
        return try await endTask(kind, ended, limitName: "lambda", limits: limits, started: started, path: &path)
    }

    /// TaskScheduled and TaskStarted of a Task that calls a service through Step Functions
    /// (`lambda:invoke`, `dynamodb:putItem`, ...; docs/history.md). Returns the Task's result
    /// when a resumed execution had recorded its end, nil when the call is to be made.
    func scheduleTask(_ kind: JSONObject, parameters: JSONValue, limits: TaskLimits, path: inout Path) throws -> JSONValue? {
        try recordScheduled(kind, parameters: parameters, limits: limits, path: &path)
        return try replayedOutcome(.taskSucceeded, .taskFailed, .taskTimedOut, path: &path)
    }

    /// TaskScheduled (with the Task's parameters and time limits) and TaskStarted.
    func recordScheduled(_ kind: JSONObject, parameters: JSONValue, limits: TaskLimits, path: inout Path) throws {
        var scheduled = kind
        scheduled["region"] = .string(execution.identity.region)
        scheduled["parameters"] = .string(parameters.compactString())
        if let timeout = limits.timeout { scheduled["timeoutInSeconds"] = .int(Int64(timeout)) }
        if let heartbeat = limits.heartbeat { scheduled["heartbeatInSeconds"] = .int(Int64(heartbeat)) }
        try record(.taskScheduled, &path, scheduled)
        try record(.taskStarted, &path, kind)
    }

    /// How such a Task's call ended: TaskSucceeded with its result (which must fit the payload
    /// limit, named after `limitName`), TaskFailed with its error, or TaskTimedOut.
    func endTask(_ kind: JSONObject, _ answer: ServiceCallResult, limitName: String, limits: TaskLimits, started: Date,
                 path: inout Path) async throws -> JSONValue {
        switch answer {
        case .success(let output):
            let text = output.compactString()
            if text.utf8.count > DataLimit.bytes {
                let error = DataLimit.error(name: limitName)
                try record(.taskFailed, &path, kind.merging(error.details) { $1 })
                throw error
            }
            try record(.taskSucceeded, &path, kind.merging(["output": .string(text), "outputDetails": ["truncated": false]]) { $1 })
            return output
        case .failure(let error):
            try record(.taskFailed, &path, kind.merging(error.details) { $1 })
            throw error
        case .timedOut:
            try await passTimeout(limits, since: started, path: &path)
            try record(.taskTimedOut, &path, kind.merging(["error": .string(limits.error)]) { $1 })
            throw StatesError(limits.error)
        }
    }

    /// A resumed execution's recorded answer to the call it had made before its process died:
    /// the outcome event is taken from the history and its output returned (or its error
    /// thrown), and the function is not called again. Nil when no answer was recorded: the call
    /// is made (again), at least once, as AWS promises.
    func replayedOutcome(_ succeeded: EventType, _ failed: EventType, _ timedOut: EventType, path: inout Path) throws -> JSONValue? {
        guard let event = execution.recorder.recorded(after: path.lastEventId) else { return nil }
        let details = event.details ?? [:]
        switch event.type {
        case succeeded:
            try record(succeeded, &path, details)
            return details["output"]?.stringValue.flatMap { try? JSONValue.parse($0) } ?? .null
        case failed, timedOut:
            try record(event.type, &path, details)
            throw StatesError(details["error"]?.stringValue ?? "", cause: details["cause"]?.stringValue)
        default:
            return nil
        }
    }

    /// A timed-out call ends when its time limit does: on a virtual clock the call took no
    /// time of its own, so the time it was given passes now, and the history shows when the
    /// timeout struck.
    func passTimeout(_ limits: TaskLimits, since start: Date, path: inout Path) async throws {
        guard let seconds = limits.deadline else { return }
        try await execution.clock.sleep(until: Double(seconds), after: start)
        try checkStop(&path)
    }
}

/// A Task's time limits. A Lambda function sends no heartbeats, so HeartbeatSeconds bounds
/// its run as TimeoutSeconds does, and whichever is shorter names the error.
struct TaskLimits {
    var timeout: Int?
    var heartbeat: Int?

    var deadline: Int? { [timeout, heartbeat].compactMap { $0 }.min() }

    var error: String {
        if let heartbeat, heartbeat < (timeout ?? .max) { return ErrorName.heartbeatTimeout }
        return ErrorName.timeout
    }
}
