import Clocks
import Foundation
import Functions
import JSONValue
import LuaSandbox
import Services
import Store

/// The Step Functions APIs functions may call (`aws.client("stepfunctions")`), over the
/// executions this workspace has run: DescribeExecution, GetExecutionHistory and
/// DescribeStateMachine, in AWS's shapes.
struct ExecutionService: Sendable {
    let store: any ExecutionStore
    let machinesDirectory: URL
    let now: @Sendable () -> Date

    func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
        switch request.action {
        case "DescribeExecution": describeExecution(request.resource)
        case "GetExecutionHistory": history(request.resource, request.parameters)
        case "DescribeStateMachine": describeStateMachine(request.resource)
        default: .failure(HostCallError(errorType: "UnknownOperationException", errorMessage: "states:\(request.action) is not offered"))
        }
    }

    private func execution(_ arn: String) -> Result<ExecutionRecord, HostCallError> {
        guard let record = (try? store.execution(arn: arn)) ?? nil else {
            return .failure(HostCallError(errorType: "ExecutionDoesNotExist", errorMessage: "Execution Does Not Exist: '\(arn)'"))
        }
        return .success(record)
    }

    private func describeExecution(_ arn: String) -> Result<JSONValue, HostCallError> {
        execution(arn).map { record in
            return ExecutionDescription(record, now: now()) { (try? store.historyCount(of: record.executionArn)) ?? 0 }.json
        }
    }

    /// GetExecutionHistory pages by `maxResults` (default 100, at most 1000) and `nextToken`,
    /// can run in `reverseOrder`, and `includeExecutionData=false` drops inputs and outputs.
    private func history(_ arn: String, _ parameters: JSONValue) -> Result<JSONValue, HostCallError> {
        execution(arn).flatMap { record in
            let maxResults = Int(parameters["maxResults"]?.intValue ?? 100)
            guard (0...1000).contains(maxResults) else {
                return .failure(HostCallError(errorType: "ValidationException", errorMessage: "1 validation error detected: Value '\(maxResults)' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"))
            }
            var events = ((try? store.history(of: record.executionArn)) ?? []).compactMap(Workspace.event)
            if parameters["reverseOrder"]?.boolValue == true { events.reverse() }
            let start = parameters["nextToken"]?.stringValue.flatMap { Int($0) } ?? 0
            guard start >= 0, start <= events.count else {
                return .failure(HostCallError(errorType: "InvalidToken", errorMessage: "Invalid Token: '\(start)'"))
            }
            let pageSize = maxResults == 0 ? 100 : maxResults
            let page = events[start..<min(events.count, start + pageSize)]
            let withData = parameters["includeExecutionData"]?.boolValue ?? true
            var result: JSONObject = ["events": .array(page.map { withData ? $0.json : Self.withoutData($0.json) })]
            if start + pageSize < events.count { result["nextToken"] = .string(String(start + pageSize)) }
            return .success(.object(result))
        }
    }

    /// The event without its `input` and `output` (and their details).
    static func withoutData(_ event: JSONValue) -> JSONValue {
        guard case .object(var object) = event else { return event }
        for (key, value) in object where key.hasSuffix("EventDetails") {
            guard case .object(var details) = value else { continue }
            for field in ["input", "output", "inputDetails", "outputDetails", "parameters"] { details[field] = nil }
            object[key] = .object(details)
        }
        return .object(object)
    }

    private func describeStateMachine(_ arn: String) -> Result<JSONValue, HostCallError> {
        let name = arn.split(separator: ":").last.map(String.init) ?? arn
        let file = machinesDirectory.appendingPathComponent("\(name).json")
        guard arn.contains(":stateMachine:"), let data = FileManager.default.contents(atPath: file.path) else {
            return .failure(HostCallError(errorType: "StateMachineDoesNotExist", errorMessage: "State Machine Does Not Exist: '\(arn)'"))
        }
        let account = arn.split(separator: ":").dropFirst(4).first.map(String.init) ?? "123456789012"
        let created = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        return .success([
            "stateMachineArn": .string(arn), "name": .string(name), "status": "ACTIVE",
            "definition": .string(String(decoding: data, as: UTF8.self)),
            "roleArn": .string("arn:aws:iam::\(account):role/service-role/StepFunctions-\(name)-role"),
            "type": "STANDARD", "creationDate": ExecutionDescription.epochSeconds(created.epochMilliseconds),
        ])
    }
}

/// The host APIs of a workspace, by service.
struct WorkspaceServices: HostServices {
    let executions: ExecutionService
    let tables: TableService
    let topics: TopicService
    let buckets: BucketService

    func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
        switch request.service {
        case "states": executions.handle(request)
        case "dynamodb": tables.handle(request)
        case "sns", "iot": topics.handle(request)
        case "s3": buckets.handle(request)
        default: .failure(HostCallError(errorType: "UnknownOperationException", errorMessage: "\(request.iamAction) is not offered"))
        }
    }
}
