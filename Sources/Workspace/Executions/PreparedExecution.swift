import Clocks
import Engine
import Foundation
import JSONValue
import Store

/// An execution ready to run in a workspace: the engine's `Execution`, wired to store its
/// history as it happens and to record the function invocations it makes.
public final class PreparedExecution: Sendable {
    public let execution: Execution
    let writer: HistoryWriter
    /// The record stored when the execution starts.
    let record: ExecutionRecord

    init(execution: Execution, writer: HistoryWriter, record: ExecutionRecord) {
        self.execution = execution
        self.writer = writer
        self.record = record
    }

    /// Stops the execution, as StopExecution does: it ends ABORTED.
    public func abort() { execution.abort() }
}

/// Why an execution could not start; nothing ran.
public enum StartExecutionError: Error, Sendable, CustomStringConvertible {
    /// StartExecution with the ARN of an execution that exists already.
    case alreadyExists(executionArn: String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .alreadyExists(let arn): "ExecutionAlreadyExists: Execution Already Exists: '\(arn)'"
        case .store(let error): error.description
        }
    }
}

extension Workspace {
    /// Prepares an execution of `machine` with `input`. `observers` see its events too (the
    /// CLI's progress lines); nothing is stored until `run`.
    public func prepareExecution(of machine: MachineFile, identity: ExecutionIdentity, input: JSONValue,
                                 observers: [any ExecutionObserver] = []) throws(StoreError) -> PreparedExecution {
        let writer = HistoryWriter(store: try stores().executions, executionArn: identity.executionArn)
        var invoker = FunctionTaskInvoker(host: try functionHost())
        invoker.made = { [writer] function, invocation in
            writer.recordInvocation(group: "/aws/lambda/\(function)", stream: invocation.logStream, requestId: invocation.requestId)
        }
        let execution = Execution(machine: machine.definition, identity: identity, input: input, clock: clock, invoker: invoker,
                                  observer: ObserverGroup([writer] + observers))
        let record = ExecutionRecord(
            executionArn: identity.executionArn, stateMachineArn: identity.stateMachineArn, machineName: identity.machineName,
            name: identity.executionName, status: ExecutionStatus.running.rawValue,
            startDate: execution.startTime.epochMilliseconds, input: input.compactString(),
            definition: machine.text, definitionFile: machine.url.path, definitionDate: machine.modified.map(\.epochMilliseconds))
        return PreparedExecution(execution: execution, writer: writer, record: record)
    }

    /// Runs a prepared execution to its end. It is stored as RUNNING first (so another process
    /// sees it), its events as they happen, and its end once every event is stored; its status
    /// changes go to the event bus. Throws, running nothing, when an execution of that ARN exists.
    public func run(_ prepared: PreparedExecution) async throws(StartExecutionError) -> ExecutionResult {
        let execution = prepared.execution
        let inserted: Bool
        do { inserted = try stores().executions.insert(prepared.record) } catch { throw .store(error) }
        guard inserted else { throw .alreadyExists(executionArn: prepared.record.executionArn) }
        emitStatusChange(execution, status: .running, result: nil)
        let result = await execution.run()
        var record = prepared.record
        record.status = result.status.rawValue
        record.stopDate = result.stopDate.epochMilliseconds
        record.output = result.output?.compactString()
        record.error = result.error
        record.cause = result.cause
        do { try await prepared.writer.finish(record) } catch { throw .store(error) }
        emitStatusChange(execution, status: result.status, result: result)
        return result
    }
}
