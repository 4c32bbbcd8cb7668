import Dispatch
import Engine
import Foundation
import Functions
import Identifiers
import JSONValue
import StatesLanguage
import Synchronization

/// Task states reach the workspace's functions through this: it resolves the function a
/// Task names and turns Lambda's answers into what Step Functions sees (docs/lambda.md#what-step-functions-makes-of-it).
struct FunctionTaskInvoker: TaskInvoker {
    let host: FunctionHost
    /// Told of each invocation the function host made (the function's name, and the
    /// invocation), so that an execution can list the log lines of its calls.
    var made: (@Sendable (String, Invocation) -> Void)? = nil

    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        guard let name = Self.functionName(call.function) else {
            return .failure(Self.serviceError(.resourceNotFound(call.function)))
        }
        let host = self.host, made = self.made
        if call.asynchronous {
            // Lambda's `Event` invocation: the event is queued and the answer comes at once;
            // what the function comes to is its own (its log lines show it), and the host
            // waits for it before it shuts down. A function that does not exist is refused at
            // once, as Invoke refuses it.
            guard host.catalog.names().contains(name) else { return .failure(Self.serviceError(.resourceNotFound(call.function))) }
            host.invokeAsynchronously(name, event: call.payload) { result in
                if case .success(let invocation) = result { made?(name, invocation) }
            }
            return .success(FunctionResponse(payload: "", requestId: RandomIdentifier.lowercased(), bodyLength: 0))
        }
        // Lua runs on a thread of its own: a function may take seconds, and the cooperative
        // pool must not be blocked meanwhile. When the execution stops (Ctrl-C, its timeout)
        // the Task does not wait for the function: the call ends at its own deadline, and its
        // answer is dropped.
        let answer = Answer()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Cancelled before it began: the function is not called at all.
                guard answer.expect(continuation) else { return }
                DispatchQueue.global().async {
                    let result = Result { () throws(LambdaServiceError) in
                        try host.invoke(name, event: call.payload, deadline: call.timeoutSeconds.map { .seconds($0) })
                    }
                    if case .success(let invocation) = result { made?(name, invocation) }
                    answer.give(.answered(result))
                }
            }
        } onCancel: {
            answer.give(.cancelled)
        }
        // A cancelled call's answer no longer matters: the engine sees its Task stopped.
        guard case .answered(let outcome) = outcome else { return .timedOut }
        switch outcome {
        case .failure(let error):
            return .failure(Self.serviceError(error))
        case .success(let invocation) where invocation.hitCallerDeadline:
            return .timedOut
        case .success(let invocation):
            switch invocation.outcome {
            case .success(let value):
                return .success(FunctionResponse(
                    payload: value, requestId: invocation.requestId, bodyLength: PythonJSON.dumps(value).utf8.count,
                    logTail: call.wantsLogTail ? Self.logTail(invocation.logLines) : nil))
            case .failure(let error): return .failure(Self.taskError(error))
            }
        }
    }

    /// Lambda's `LogResult`: "the last 4 KB of the execution log", START to REPORT, one line
    /// each; cut where a character begins, so that it stays text.
    static func logTail(_ lines: [String]) -> String {
        let log = lines.map { $0 + "\n" }.joined()
        var tail = Substring(log)
        while tail.utf8.count > 4096 { tail = tail.dropFirst() }
        return String(tail)
    }

    /// "Step Functions turns it into Error = errorType and Cause = that payload as a JSON
    /// string" (docs/lambda.md#what-step-functions-makes-of-it), members in the order AWS records them.
    static func taskError(_ error: FunctionError) -> StatesError {
        let cause: JSONValue = [
            "errorMessage": .string(error.errorMessage),
            "errorType": .string(error.errorType),
            "requestId": .string(error.requestId),
            "stackTrace": .array(error.stackTrace.map { .string($0) }),
        ]
        return StatesError(error.errorType, cause: cause.compactString())
    }

    /// A Lambda service error as Step Functions reports it: `Lambda.<Code>` and the SDK's
    /// message with its service, status code and request id.
    static func serviceError(_ error: LambdaServiceError) -> StatesError {
        let code = error.name.hasPrefix("Lambda.") ? String(error.name.dropFirst(7)) : error.name
        let requestId = RandomIdentifier.lowercased()
        return StatesError(error.name, cause: "\(error.message) (Service: AWSLambda; Status Code: \(error.statusCode); Error Code: \(code); Request ID: \(requestId); Proxy: null)")
    }

    /// The function a Task names: a name, `name:qualifier`, `ACCOUNT:function:name`, or a
    /// full ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`).
    static func functionName(_ reference: String) -> String? {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let name: String?
        if parts.first == "arn" {
            name = parts.count >= 7 && parts[5] == "function" ? parts[6] : nil
        } else if parts.count >= 3, parts[1] == "function" {
            name = parts[2]
        } else {
            name = parts.first
        }
        return name.flatMap { FunctionCatalog.isValidName($0) ? $0 : nil }
    }
}

extension LambdaServiceError {
    static func resourceNotFound(_ function: String) -> LambdaServiceError {
        LambdaServiceError(name: "Lambda.ResourceNotFoundException", message: "Function not found: \(function)")
    }
}

/// The one answer to a call, from the function or from a cancellation, whichever comes first.
private final class Answer: Sendable {
    enum Value: Sendable {
        case answered(Result<Invocation, LambdaServiceError>)
        case cancelled
    }

    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var early: Value?
        var done = false
    }

    private let state = Mutex(State())

    /// Waits for the answer on `continuation`; false when it came already (a cancellation),
    /// and the continuation is resumed with it.
    func expect(_ continuation: CheckedContinuation<Value, Never>) -> Bool {
        let early = state.withLock { state -> Value? in
            guard let early = state.early else {
                state.continuation = continuation
                return nil
            }
            state.done = true
            return early
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    func give(_ value: Value) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, Never>? in
            guard !state.done else { return nil }
            guard let continuation = state.continuation else {
                if state.early == nil { state.early = value }
                return nil
            }
            state.done = true
            return continuation
        }
        continuation?.resume(returning: value)
    }
}
