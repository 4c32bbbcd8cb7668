import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// A request-response service integration (`arn:aws:states:::dynamodb:putItem`, ...):
    /// TaskScheduled, TaskStarted, then TaskSucceeded with the API's response, TaskFailed with
    /// the service's error, or TaskTimedOut, as for `lambda:invoke` (docs/history.md).
    func callService(_ call: ServiceCall, limits: TaskLimits, path: inout Path) async throws -> JSONValue {
        let kind: JSONObject = ["resourceType": .string(call.resourceType), "resource": .string(call.resource)]
        if let result = try scheduleTask(kind, parameters: call.parameters, limits: limits, path: &path) { return result }
        let started = execution.clock.now
        let answer: ServiceCallResult
        if let integrations = execution.integrations {
            answer = await integrations.call(call)
        } else {
            answer = .failure(StatesError(ErrorName.runtime, cause: "Nothing here answers '\(call.resourceType):\(call.resource)' Tasks."))
        }
        try checkStop(&path)
        return try await endTask(kind, answer, limitName: call.resourceType, limits: limits, started: started, path: &path)
    }
}
