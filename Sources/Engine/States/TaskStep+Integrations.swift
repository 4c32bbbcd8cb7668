import Foundation
import JSONValue
import StatesLanguage

extension Interpreter {
    /// A request-response service integration (`arn:aws:states:::dynamodb:putItem`, ...):
    /// TaskScheduled, TaskStarted, then TaskSucceeded with the API's response, TaskFailed with
    /// the service's error, or TaskTimedOut, as for `lambda:invoke` (docs/history.md).
    func callService(_ call: ServiceCall, limits: TaskLimits, path: inout Path) async throws -> JSONValue {
        let kind: JSONObject = ["resourceType": .string(call.resourceType), "resource": .string(call.resource)]
        var scheduled = kind
        scheduled["region"] = .string(execution.identity.region)
        scheduled["parameters"] = .string(call.parameters.compactString())
        if let timeout = limits.timeout { scheduled["timeoutInSeconds"] = .int(Int64(timeout)) }
        if let heartbeat = limits.heartbeat { scheduled["heartbeatInSeconds"] = .int(Int64(heartbeat)) }
        try record(.taskScheduled, &path, scheduled)
        try record(.taskStarted, &path, kind)
        if let result = try replayedOutcome(.taskSucceeded, .taskFailed, .taskTimedOut, path: &path) { return result }
        let started = execution.clock.now
        let answer: ServiceCallResult
        if let integrations = execution.integrations {
            answer = await integrations.call(call)
        } else {
            answer = .failure(StatesError(ErrorName.runtime, cause: "Nothing here answers '\(call.resourceType):\(call.resource)' Tasks."))
        }
        try checkStop(&path)
        switch answer {
        case .success(let output):
            let text = output.compactString()
            if text.utf8.count > DataLimit.bytes {
                let error = DataLimit.error(name: call.resourceType)
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
}
