import Clocks
import Engine
import Foundation
import JSONValue
import Store

/// An execution as DescribeExecution returns it, in AWS's terms. `json` is the API's answer,
/// which `host run --output json`, `host executions describe` and the functions'
/// `describe_execution` all print.
///
/// The fields, their order and their types follow the DescribeExecution API reference
/// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html):
/// `input` and `output` are JSON text, dates are epoch seconds, and members without a value
/// are left out. `stateMachineVersionArn`, `stateMachineAliasArn` and `traceHeader` are
/// returned only for executions started through a version or alias, or with a trace header;
/// `host` starts none of those, so they never appear. `mapRunArn` is given for a Distributed
/// Map's child: the Map Run that started it (docs/distributed-map.md).
public struct ExecutionDescription: Sendable, Equatable {
    public var executionArn: String
    public var stateMachineArn: String
    public var name: String
    public var status: ExecutionStatus
    /// Epoch milliseconds.
    public var startDate: Int64
    public var stopDate: Int64?
    /// The input as JSON text.
    public var input: String
    /// The output as JSON text; "set only if the execution succeeds".
    public var output: String?
    public var error: String?
    public var cause: String?
    /// The Map Run that started the execution, for a Distributed Map's child.
    public var mapRunArn: String?
    /// "If you have not yet redriven an execution, the redriveCount is 0"; `host` never redrives.
    public var redriveCount = 0
    public var redriveStatus: RedriveStatus
    public var redriveStatusReason: String?

    /// Whether AWS could redrive the execution, and why not.
    public enum RedriveStatus: String, Sendable {
        case redrivable = "REDRIVABLE"
        case notRedrivable = "NOT_REDRIVABLE"
    }

    /// RedriveExecution: "The execution status isn't SUCCEEDED", "Your workflow execution has
    /// not exceeded the redrivable period of 14 days", and "The execution event history count
    /// is less than 24,999". The reasons are the ones the API reference lists for
    /// `redriveStatusReason`.
    /// `historyCount` is asked only for an execution that did not run or succeed.
    static func redrive<Failure: Error>(status: ExecutionStatus, stopDate: Int64?, now: Date,
                                        historyCount: () throws(Failure) -> Int) throws(Failure) -> (RedriveStatus, String?) {
        switch status {
        case .running: return (.notRedrivable, "Execution is RUNNING and cannot be redriven")
        case .succeeded: return (.notRedrivable, "Execution is SUCCEEDED and cannot be redriven")
        case .failed, .timedOut, .aborted, .pendingRedrive: break
        }
        if try historyCount() >= 24_999 { return (.notRedrivable, "Execution history event limit exceeded") }
        let fourteenDays: Int64 = 14 * 86_400_000
        if let stopDate, now.epochMilliseconds - stopDate > fourteenDays {
            return (.notRedrivable, "Execution redrivable period exceeded")
        }
        return (.redrivable, nil)
    }

    /// The description of a stored execution, whose history holds `historyCount()` events
    /// (counted only when the description needs it).
    init<Failure: Error>(_ record: ExecutionRecord, now: Date, historyCount: () throws(Failure) -> Int) throws(Failure) {
        executionArn = record.executionArn
        stateMachineArn = record.stateMachineArn
        name = record.name
        status = ExecutionStatus(rawValue: record.status) ?? .running
        startDate = record.startDate
        stopDate = record.stopDate
        input = record.input
        output = status == .succeeded ? record.output : nil
        error = record.error
        cause = record.cause
        mapRunArn = record.mapRunArn
        (redriveStatus, redriveStatusReason) = try Self.redrive(status: status, stopDate: stopDate, now: now, historyCount: historyCount)
    }

    /// The description of an execution this process just ran.
    public init(_ result: ExecutionResult, identity: ExecutionIdentity, input: JSONValue, now: Date) {
        executionArn = identity.executionArn
        stateMachineArn = identity.stateMachineArn
        name = identity.executionName
        status = result.status
        startDate = result.startDate.epochMilliseconds
        stopDate = result.stopDate.epochMilliseconds
        self.input = input.compactString()
        output = result.output?.compactString()
        error = result.error
        cause = result.cause
        (redriveStatus, redriveStatusReason) = Self.redrive(status: status, stopDate: stopDate, now: now) { result.history.count }
    }

    /// DescribeExecution's answer, members in the order of the API's response shape.
    public var json: JSONValue {
        var object: JSONObject = [
            "executionArn": .string(executionArn),
            "stateMachineArn": .string(stateMachineArn),
            "name": .string(name),
            "status": .string(status.rawValue),
            "startDate": Self.epochSeconds(startDate),
        ]
        if let stopDate { object["stopDate"] = Self.epochSeconds(stopDate) }
        object["input"] = .string(input)
        object["inputDetails"] = ["included": true]
        if let output {
            object["output"] = .string(output)
            object["outputDetails"] = ["included": true]
        }
        if let mapRunArn { object["mapRunArn"] = .string(mapRunArn) }
        if let error { object["error"] = .string(error) }
        if let cause { object["cause"] = .string(cause) }
        object["redriveCount"] = .int(Int64(redriveCount))
        object["redriveStatus"] = .string(redriveStatus.rawValue)
        if let redriveStatusReason { object["redriveStatusReason"] = .string(redriveStatusReason) }
        return .object(object)
    }

    /// A date as the API's JSON and the AWS CLI write it: epoch seconds with milliseconds.
    public static func epochSeconds(_ milliseconds: Int64) -> JSONValue {
        .double(Double(milliseconds) / 1000)
    }
}
