import Dispatch
import Engine
import Foundation
import Functions
import JSONValue
import StatesLanguage

/// Task states reach the workspace's functions through this: it resolves the function a
/// Task names and turns Lambda's answers into what Step Functions sees (REFERENCE.md §1, §3).
struct FunctionTaskInvoker: TaskInvoker {
    let host: FunctionHost

    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        guard let name = Self.functionName(call.function) else {
            return .failure(Self.serviceError(.resourceNotFound(call.function)))
        }
        let host = self.host
        // Lua runs on a thread of its own: a function may take seconds, and the cooperative
        // pool must not be blocked meanwhile.
        let outcome: Result<Invocation, LambdaServiceError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(LambdaServiceError) in
                    try host.invoke(name, event: call.payload, deadline: call.timeoutSeconds.map { .seconds($0) })
                })
            }
        }
        switch outcome {
        case .failure(let error):
            return .failure(Self.serviceError(error))
        case .success(let invocation) where invocation.hitCallerDeadline:
            return .timedOut
        case .success(let invocation):
            switch invocation.outcome {
            case .success(let value): return .success(value, requestId: invocation.requestId)
            case .failure(let error): return .failure(Self.taskError(error))
            }
        }
    }

    /// "Step Functions turns it into Error = errorType and Cause = that payload as a JSON
    /// string" (REFERENCE.md §1), members in the order AWS records them (§3).
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
        let status = code == "ResourceNotFoundException" ? 404 : code == "TooManyRequestsException" ? 429 : 500
        let requestId = UUID().uuidString.lowercased()
        return StatesError(error.name, cause: "\(error.message) (Service: AWSLambda; Status Code: \(status); Error Code: \(code); Request ID: \(requestId); Proxy: null)")
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
