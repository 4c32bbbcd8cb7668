import JSONValue
import StatesLanguage

/// How a callback Task (`.waitForTaskToken`) learns its answer: the workspace connects it to
/// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat, from this process or another.
public protocol TaskCallbacks: Sendable {
    /// Waits for the answer to `token`, a task of `executionArn`. `timeoutSeconds` bounds the
    /// whole wait and `heartbeatSeconds` the time between heartbeats (SendTaskHeartbeat, or
    /// the start); past either the answer is `.timedOut`. Throws CancellationError when the
    /// execution stops first, after which the token answers nothing.
    func answer(for token: String, executionArn: String, timeoutSeconds: Int?, heartbeatSeconds: Int?) async throws -> CallbackAnswer
}

/// What a callback Task was told.
public enum CallbackAnswer: Sendable, Equatable {
    /// SendTaskSuccess's `output`.
    case success(JSONValue)
    /// SendTaskFailure's `error` and `cause` (each optional).
    case failure(error: String?, cause: String?)
    /// No answer in time: `heartbeat` when it was the heartbeat that passed.
    case timedOut(heartbeat: Bool)
}

extension Interpreter {
    /// The token of a callback Task's attempt: the same on every run of the execution's history
    /// (a resumed execution waits on the token it handed out), different for each attempt.
    func taskToken(_ step: StepContext, retryCount: Int) -> String {
        let text = "\(execution.identity.executionArn)#\(step.enteredEventId)#\(retryCount)"
        return Array(text.utf8).base64URL
    }

    /// A callback Task (`lambda:invoke.waitForTaskToken`, `events:putEvents.waitForTaskToken`,
    /// `states:startExecution.waitForTaskToken`): TaskScheduled and TaskStarted, the call made
    /// with the parameters (its answer recorded as TaskSubmitted), then the wait for the token:
    /// TaskSucceeded with SendTaskSuccess's output, TaskFailed with SendTaskFailure's error and
    /// cause, or TaskTimedOut (docs/history.md).
    func waitForTaskToken(_ token: String, submitting submission: CallbackSubmission, parameters: JSONValue, limits: TaskLimits,
                          path: inout Path) async throws -> JSONValue {
        let kind = submission.kind
        try recordScheduled(kind, parameters: parameters, limits: limits, path: &path)
        // A resumed execution whose function had answered does not call it again.
        if let submitted = execution.recorder.recorded(after: path.lastEventId), submitted.type == .taskSubmitted {
            try record(.taskSubmitted, &path, submitted.details)
        } else {
            if let failed = try replayedOutcome(.taskSucceeded, .taskFailed, .taskTimedOut, path: &path) { return failed }
            switch submission {
            case .lambda: try await submit(parameters: parameters, kind: kind, limits: limits, path: &path)
            case .service(let call): try await submit(call, kind: kind, limits: limits, path: &path)
            }
        }
        // A resumed execution whose task had its answer takes it from the history; one still
        // waiting waits for the same token.
        if let result = try replayedOutcome(.taskSucceeded, .taskFailed, .taskTimedOut, path: &path) { return result }
        try checkStop(&path)
        guard let callbacks = execution.callbacks else {
            let error = StatesError(ErrorName.runtime, cause: "This execution cannot receive task tokens' answers.")
            try record(.taskFailed, &path, kind.merging(error.details) { $1 })
            throw error
        }
        let answer = try await callbacks.answer(for: token, executionArn: execution.identity.executionArn,
                                                timeoutSeconds: limits.timeout, heartbeatSeconds: limits.heartbeat)
        try checkStop(&path)
        switch answer {
        case .success(let output):
            let text = output.compactString()
            if text.utf8.count > DataLimit.bytes {
                let error = DataLimit.error(name: kind["resourceType"]?.stringValue ?? "lambda")
                try record(.taskFailed, &path, kind.merging(error.details) { $1 })
                throw error
            }
            try record(.taskSucceeded, &path, kind.merging(["output": .string(text), "outputDetails": ["truncated": false]]) { $1 })
            return output
        case .failure(let error, let cause):
            let failure = StatesError(error ?? "", cause: cause)
            try record(.taskFailed, &path, kind.merging(failure.details) { $1 })
            throw failure
        case .timedOut(let heartbeat):
            let name = heartbeat ? ErrorName.heartbeatTimeout : ErrorName.timeout
            try record(.taskTimedOut, &path, kind.merging(["error": .string(name)]) { $1 })
            throw StatesError(name)
        }
    }

    /// Calls the callback task's service (`putEvents`, `startExecution`); its response is
    /// recorded as TaskSubmitted, its error fails the task.
    private func submit(_ call: ServiceCall, kind: JSONObject, limits: TaskLimits, path: inout Path) async throws {
        let answer: ServiceCallResult
        if let integrations = execution.integrations {
            answer = await integrations.call(call)
        } else {
            answer = .failure(StatesError(ErrorName.runtime, cause: "Nothing here answers '\(call.resourceType):\(call.resource)' Tasks."))
        }
        switch answer {
        case .success(let response):
            try record(.taskSubmitted, &path, kind.merging(["output": .string(response.compactString()), "outputDetails": ["truncated": false]]) { $1 })
        case .failure(let error):
            try record(.taskFailed, &path, kind.merging(error.details) { $1 })
            throw error
        case .timedOut:
            try record(.taskTimedOut, &path, kind.merging(["error": .string(limits.error)]) { $1 })
            throw StatesError(limits.error)
        }
        try checkStop(&path)
    }

    /// Invokes the callback task's function; its answer is recorded as TaskSubmitted, its
    /// failure fails the task.
    private func submit(parameters: JSONValue, kind: JSONObject, limits: TaskLimits, path: inout Path) async throws {
        let request: LambdaInvokeRequest
        switch LambdaInvokeRequest.make(parameters) {
        case .failure(let error):
            try record(.taskFailed, &path, kind.merging(error.details) { $1 })
            throw error
        case .success(let made): request = made
        }
        let call = FunctionCall(function: request.functionName, payload: request.payload, timeoutSeconds: nil, wantsLogTail: request.wantsLogTail)
        switch await execution.invoker.invoke(call) {
        case .success(let response):
            let submitted = LambdaInvokeRequest.output(response, date: execution.clock.now)
            try record(.taskSubmitted, &path, kind.merging(["output": .string(submitted.compactString()), "outputDetails": ["truncated": false]]) { $1 })
        case .failure(let error):
            try record(.taskFailed, &path, kind.merging(error.details) { $1 })
            throw error
        case .timedOut:
            try record(.taskTimedOut, &path, kind.merging(["error": .string(limits.error)]) { $1 })
            throw StatesError(limits.error)
        }
        try checkStop(&path)
    }
}

/// What a callback Task calls before it waits for its token.
enum CallbackSubmission {
    /// `lambda:invoke.waitForTaskToken`: the function, through the Task invoker.
    case lambda
    /// Another service's request-response call (`events:putEvents`, `states:startExecution`).
    case service(ServiceCall)

    /// What the Task events name the resource by.
    var kind: JSONObject {
        switch self {
        case .lambda: ["resourceType": "lambda", "resource": "invoke.waitForTaskToken"]
        case .service(let call): ["resourceType": .string(call.resourceType), "resource": .string(call.resource)]
        }
    }
}

extension Array where Element == UInt8 {
    /// Base64 with `-` and `_` and no padding: safe in URLs, JSON and shells.
    var base64URL: String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < count {
            let chunk = self[index..<Swift.min(index + 3, count)]
            var bits = 0
            for (offset, byte) in chunk.enumerated() { bits |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<(chunk.count + 1) { out.append(table[(bits >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
