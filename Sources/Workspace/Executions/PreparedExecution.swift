import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Store

/// An execution ready to run in a workspace: the engine's `Execution`, wired to store its
/// history as it happens and to record the function invocations it makes.
public final class PreparedExecution: Sendable {
    public let execution: Execution
    let writer: HistoryWriter
    /// The record stored when the execution starts (or, resumed, as this process claimed it).
    let record: ExecutionRecord
    /// Whether it continues an execution whose process ended, from its recorded history.
    public let isResumed: Bool

    init(execution: Execution, writer: HistoryWriter, record: ExecutionRecord, isResumed: Bool = false) {
        self.execution = execution
        self.writer = writer
        self.record = record
        self.isResumed = isResumed
    }

    /// Stops the execution, as StopExecution does: it ends ABORTED, with `error` and `cause`.
    public func abort(error: String? = nil, cause: String? = nil) { execution.abort(error: error, cause: cause) }
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
    /// CLI's progress lines); nothing is stored until it starts. With `mocks`, the Task states
    /// of that test case answer from their mocked responses (docs/testing.md).
    public func prepareExecution(of machine: RunnableMachine, identity: ExecutionIdentity, input: JSONValue,
                                 observers: [any ExecutionObserver] = [], mocks: TestCaseMocks? = nil) throws(StoreError) -> PreparedExecution {
        let ownership = try ownership()
        let execution = try execution(of: machine.definition, text: machine.text, identity: identity, input: input,
                                      observers: observers, mocks: mocks)
        let record = ExecutionRecord(
            executionArn: identity.executionArn, stateMachineArn: identity.stateMachineArn, machineName: identity.machineName,
            name: identity.executionName, status: ExecutionStatus.running.rawValue,
            startDate: execution.execution.startTime.epochMilliseconds, input: input.compactString(),
            definition: machine.text, definitionFile: machine.file?.path, definitionDate: machine.updated.map(\.epochMilliseconds),
            owner: ownership.id, leaseExpiry: ownership.newExpiry, testCase: mocks?.name)
        return PreparedExecution(execution: execution.execution, writer: execution.writer, record: record)
    }

    /// The engine's execution, wired to this workspace: its events stored by a writer, its
    /// tasks invoking the workspace's functions (each invocation recorded), its callbacks
    /// answered through the store. Given a recorded history, it resumes from it. `text`: the
    /// definition's text, whose item processors its Distributed Maps' children run.
    func execution(of machine: StateMachine, text: String?, identity: ExecutionIdentity, input: JSONValue, history: [HistoryEvent] = [],
                   invocations: Int64 = 0, observers: [any ExecutionObserver],
                   mocks: TestCaseMocks? = nil) throws(StoreError) -> (execution: Execution, writer: HistoryWriter) {
        let writer = HistoryWriter(writes: try executionWrites(), executionArn: identity.executionArn, invocations: invocations)
        var invoker = FunctionTaskInvoker(host: try functionHost())
        invoker.made = { [writer] function, invocation in
            writer.recordInvocation(group: "/aws/lambda/\(function)", stream: invocation.logStream, requestId: invocation.requestId)
        }
        let tasks: any TaskInvoker = mocks.map { MockTaskInvoker(mocks: $0, real: invoker) } ?? invoker
        let services = try executionIntegrations()
        let integrations: any ServiceIntegrations = mocks.map { MockServiceIntegrations(mocks: $0, real: services) } ?? services
        let children = MapRunChildren(store: try stores().executions, writes: try executionWrites(), ownership: try ownership(),
                                      clock: clock, definition: text)
        let execution = Execution(machine: machine, identity: identity, input: input, clock: clock, invoker: tasks,
                                  callbacks: callbacks, observer: ObserverGroup([writer] + observers), resuming: history,
                                  mapRuns: children,
                                  // A parked execution continues with its writer alone, and a
                                  // test case's mocks are not resumed (`ResumeError.mocked`).
                                  parkWaitsLongerThan: observers.isEmpty && mocks == nil ? parkThreshold : nil,
                                  integrations: integrations)
        return (execution, writer)
    }

    /// The service integrations of the executions, made once: they hold only where their
    /// files and stores are, and making them costs more than a Pass state.
    func executionIntegrations() throws(StoreError) -> any ServiceIntegrations {
        if let integrations = opened.withLock({ $0.integrations }) { return integrations }
        let integrations = try serviceIntegrations()
        return opened.withLock { opened in
            if let existing = opened.integrations { return existing }
            opened.integrations = integrations
            return integrations
        }
    }

    /// Starts a prepared execution and returns once it is stored as RUNNING (so another
    /// process sees it) and its RUNNING status change is emitted; it runs in the background,
    /// its events stored as they happen, and its end stored once every event is. Throws,
    /// starting nothing, when an execution of that ARN exists. A resumed execution is stored
    /// already, and its RUNNING status change was emitted when it first started.
    public func start(_ prepared: PreparedExecution) async throws(StartExecutionError) -> RunningExecution {
        if !prepared.isResumed {
            // Stored with the starts of other executions in one transaction under load.
            let inserted: Bool
            do { inserted = try await executionWrites().perform(.insert(prepared.record)).get() } catch { throw .store(error) }
            guard inserted else { throw .alreadyExists(executionArn: prepared.record.executionArn) }
            emitStatusChange(prepared.execution, status: .running, result: nil)
        }
        return try launch(prepared)
    }

    /// Runs a stored execution in the background: `start` once it is stored, or a resumed one.
    func launch(_ prepared: PreparedExecution) throws(StartExecutionError) -> RunningExecution {
        do { try ownership().keepRenewing() } catch { throw .store(error) }
        let running = RunningExecution(workspace: self, prepared: prepared)
        running.run(prepared)
        return running
    }

    /// Runs a prepared execution to its end (`start`, then its result).
    public func run(_ prepared: PreparedExecution) async throws(StartExecutionError) -> ExecutionResult {
        let running = try await start(prepared)
        do { return try await running.result.get() } catch { throw .store(error) }
    }
}
