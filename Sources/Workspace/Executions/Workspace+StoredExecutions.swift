import Engine
import Foundation
import JSONValue
import Store

/// Why a stored execution cannot be found.
public enum ExecutionLookupError: Error, Sendable, CustomStringConvertible {
    /// No execution has that ARN or name (DescribeExecution's ExecutionDoesNotExist).
    case doesNotExist(String)
    /// A name that executions of several machines have: the ARN tells them apart.
    case ambiguous(name: String, executionArns: [String])
    case store(StoreError)

    public var description: String {
        switch self {
        case .doesNotExist(let reference): "ExecutionDoesNotExist: Execution Does Not Exist: '\(reference)'"
        case .ambiguous(let name, let arns):
            "\(arns.count) executions are named '\(name)'; give one of their ARNs: \(arns.joined(separator: ", "))"
        case .store(let error): error.description
        }
    }
}

extension Workspace {
    /// The stored execution `reference` names: an execution ARN, or the name of exactly one
    /// execution. A read creates nothing: in a workspace where nothing ran, nothing exists.
    public func storedExecution(_ reference: String) throws(ExecutionLookupError) -> ExecutionRecord {
        guard hasDatabase else { throw .doesNotExist(reference) }
        let named: [ExecutionRecord]
        do {
            let database = try stores().executions
            if let record = try database.execution(arn: reference) { return record }
            named = try database.executions(named: reference)
        } catch {
            throw .store(error)
        }
        switch named.count {
        case 0: throw .doesNotExist(reference)
        case 1: return named[0]
        default: throw .ambiguous(name: reference, executionArns: named.map(\.executionArn))
        }
    }

    /// DescribeExecution of a stored execution.
    public func describeExecution(_ record: ExecutionRecord) throws(StoreError) -> ExecutionDescription {
        try ExecutionDescription(record, now: now()) { () throws(StoreError) in try stores().executions.historyCount(of: record.executionArn) }
    }

    /// The events stored so far, oldest first (GetExecutionHistory).
    public func history(of record: ExecutionRecord) throws(StoreError) -> [HistoryEvent] {
        try stores().executions.history(of: record.executionArn).compactMap(Self.event)
    }

    /// DescribeStateMachineForExecution: the definition the execution ran; nil for an
    /// execution stored before definitions were kept.
    public func stateMachine(for record: ExecutionRecord) -> StateMachineForExecution? {
        StateMachineForExecution(record)
    }

    /// The log lines of the function invocations the execution made, in the order it made
    /// them: each invocation's lines in its stream, from its START line to its REPORT line.
    public func logEvents(of record: ExecutionRecord) throws(StoreError) -> [LogEventRecord] {
        let invocations = try stores().executions.invocations(of: record.executionArn)
        let logs = try logStore()
        var lines: [LogEventRecord] = []
        var streams: [String: [LogEventRecord]] = [:]
        for invocation in invocations {
            let key = invocation.logGroupName + "\u{0}" + invocation.logStreamName
            if streams[key] == nil {
                streams[key] = try logs.events(group: invocation.logGroupName, streams: [invocation.logStreamName])
            }
            let stream = streams[key] ?? []
            // An environment serves one invocation at a time, so a stream holds each
            // invocation's lines together, START first and REPORT last (docs/lambda.md).
            guard let start = stream.firstIndex(where: { $0.message.hasPrefix("START RequestId: \(invocation.requestId) ") }) else {
                continue
            }
            let report = stream[start...].firstIndex { $0.message.hasPrefix("REPORT RequestId: \(invocation.requestId)\t") }
            lines += stream[start...(report ?? stream.count - 1)]
        }
        return lines
    }
}
