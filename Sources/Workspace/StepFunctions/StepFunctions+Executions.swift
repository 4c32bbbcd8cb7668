import Clocks
import Engine
import Foundation
import Identifiers
import JSONValue
import StatesLanguage
import Store

/// What StartExecution answers.
public struct StartedExecution: Sendable, Equatable {
    public var executionArn: String
    /// Epoch milliseconds.
    public var startDate: Int64

    public var json: JSONValue {
        ["executionArn": .string(executionArn), "startDate": ExecutionDescription.epochSeconds(startDate)]
    }
}

extension StepFunctions {
    /// StartExecution: validates the name and the input, stores the execution as RUNNING and
    /// runs it in this process; returns once it is stored. `observers` see its events as
    /// they happen.
    ///
    /// "StartExecution is idempotent for STANDARD workflows": with the name and input of a
    /// running execution it answers that execution; a closed one, or another input, is
    /// ExecutionAlreadyExists.
    public func startExecution(stateMachineArn: String, name: String? = nil, input: String? = nil,
                               observers: [any ExecutionObserver] = []) async throws(ServiceError) -> (StartedExecution, RunningExecution?) {
        // "append the suffix, #test_name, to the state machine ARN used by StartExecution"
        // (Step Functions Local's mocked service integrations, docs/testing.md).
        let (stateMachineArn, testCase) = Self.splitTestCase(stateMachineArn)
        let parsed = try StatesArn(stateMachineArn, kind: .stateMachine)
        let machine = try runnableMachine(arn: stateMachineArn, parsed: parsed)
        var mocks: TestCaseMocks?
        if let testCase {
            guard machine.type != "EXPRESS" else {
                throw ServiceError(.validation, "host runs test cases (#\(testCase)) of STANDARD state machines only")
            }
            do { mocks = try workspace.testCaseMocks(testCase, for: machine) } catch {
                throw ServiceError(.validation, error.description)
            }
        }
        if machine.type == "EXPRESS" {
            return (try startExpressExecution(stateMachineArn: stateMachineArn, name: name, input: input), nil)
        }
        return try await startExecution(of: machine, name: name, input: try Self.executionInput(input ?? "{}"), region: parsed.region,
                                        account: parsed.account, observers: observers, mocks: mocks)
    }

    /// `ARN#TestCase`: the state machine's ARN and the test case, when the ARN names one.
    static func splitTestCase(_ arn: String) -> (arn: String, testCase: String?) {
        guard let mark = arn.lastIndex(of: "#") else { return (arn, nil) }
        return (String(arn[..<mark]), String(arn[arn.index(after: mark)...]))
    }

    /// StartExecution of a definition that need not be registered (`host run FILE`): the
    /// execution is named after `machine`, as though the file were in `machines/`.
    /// With `mocks`, the Task states of that test case answer from their mocked responses.
    public func startExecution(of machine: RunnableMachine, name: String? = nil, input: JSONValue, region: String? = nil,
                               account: String? = nil, observers: [any ExecutionObserver] = [],
                               mocks: TestCaseMocks? = nil) async throws(ServiceError) -> (StartedExecution, RunningExecution?) {
        let name = name ?? RandomIdentifier.lowercased()
        try ResourceName.check(name)
        let identity = ExecutionIdentity(machineName: machine.name, executionName: name, region: region ?? self.region,
                                         account: account ?? self.account, roleArn: machine.roleArn)
        let prepared = try storeCall { () throws(StoreError) in
            try workspace.prepareExecution(of: machine, identity: identity, input: input, observers: observers, mocks: mocks)
        }
        let execution: RunningExecution
        do { execution = try await workspace.start(prepared) } catch {
            switch error {
            case .alreadyExists: return try existing(identity.executionArn, input: prepared.record.input)
            case .store(let failure): throw ServiceError(.internalFailure, failure.message)
            }
        }
        track(execution)
        return (StartedExecution(executionArn: identity.executionArn, startDate: prepared.record.startDate), execution)
    }

    /// The execution a StartExecution names that exists: answered when it runs with the same
    /// input, ExecutionAlreadyExists otherwise.
    private func existing(_ executionArn: String, input: String) throws(ServiceError) -> (StartedExecution, RunningExecution?) {
        let existing = try storedExecution(arn: executionArn)
        guard existing.status == ExecutionStatus.running.rawValue, existing.input == input else {
            throw Self.alreadyExists(executionArn)
        }
        return (StartedExecution(executionArn: existing.executionArn, startDate: existing.startDate), running[existing.executionArn])
    }

    /// StopExecution of an execution running in this process: it ends ABORTED with `error` and
    /// `cause`. Returns its stop date once its end is stored. A closed execution answers its
    /// stop date.
    public func stopExecution(arn: String, error: String? = nil, cause: String? = nil) async throws(ServiceError) -> Int64 {
        let record = try storedExecution(arn: arn)
        if let execution = running[arn] {
            execution.abort(error: error, cause: cause)
            switch await execution.result {
            case .success(let result): return result.stopDate.epochMilliseconds
            case .failure(let failure): throw ServiceError(.internalFailure, failure.message)
            }
        }
        guard record.status == ExecutionStatus.running.rawValue else { return record.stopDate ?? record.startDate }
        throw ServiceError(.validation, "The execution '\(arn)' runs in another process; stop it there")
    }

    /// DescribeExecution. An execution running in this process is described from memory, as
    /// the store holds it, until its end is handed to the store (`RunningExecution.runningRecord`);
    /// once this process has stored its end, from that end, which no process changes
    /// (`EndedExecutions`). Any other is read from the store.
    public func describeExecution(arn: String) async throws(ServiceError) -> ExecutionDescription {
        let execution = running[arn]
        if let record = execution?.runningRecord {
            // RUNNING: the description needs no history count.
            return ExecutionDescription(record, now: workspace.now()) { 0 }
        }
        if let execution, execution.isEnding {
            // Its end is on its way to the store, in a transaction shared with other writes:
            // answered once the store has it, from the end this process stored, rather than
            // read from a store that still says RUNNING and then will not.
            _ = await execution.result
        }
        let record: ExecutionRecord
        if let ended = execution?.endedRecord ?? ended[arn] { record = ended } else { record = try storedExecution(arn: arn) }
        return try storeCall { () throws(StoreError) in try workspace.describeExecution(record) }
    }

    /// ListExecutions: newest first, of one state machine, with one status when given.
    /// "maxResults ... default ... 100", at most 1000.
    public func listExecutions(stateMachineArn: String, statusFilter: ExecutionStatus? = nil, maxResults: Int? = nil,
                               nextToken: String? = nil) throws(ServiceError) -> Page<ExecutionSummary> {
        let machine = try describeStateMachine(arn: stateMachineArn)
        guard machine.type != "EXPRESS" else { throw Self.typeNotSupported }
        let records = workspace.hasDatabase ? try storeCall { () throws(StoreError) in
            try workspace.stores().executions.executions(machineName: machine.name, status: statusFilter?.rawValue, limit: nil)
        } : []
        return try Page.of(records.map(ExecutionSummary.init), maxResults: maxResults, nextToken: nextToken, defaultSize: 100)
    }

    /// GetExecutionHistory: "maxResults ... default ... 100", at most 1000; `reverseOrder`
    /// newest first; `includeExecutionData` false leaves out inputs and outputs.
    public func getExecutionHistory(arn: String, maxResults: Int? = nil, nextToken: String? = nil, reverseOrder: Bool = false,
                                    includeExecutionData: Bool = true) throws(ServiceError) -> Page<JSONValue> {
        let record = try storedExecution(arn: arn)
        var events = try storeCall { () throws(StoreError) in try workspace.history(of: record) }
        if reverseOrder { events.reverse() }
        let json = events.map { includeExecutionData ? $0.json : Self.withoutData($0.json) }
        return try Page.of(json, maxResults: maxResults, nextToken: nextToken, defaultSize: 100)
    }

    /// DescribeStateMachineForExecution: the definition the execution ran.
    public func describeStateMachineForExecution(arn: String) throws(ServiceError) -> StateMachineForExecution {
        let record = try storedExecution(arn: arn)
        guard let machine = workspace.stateMachine(for: record) else {
            throw ServiceError(.executionDoesNotExist, "The execution '\(arn)' was stored without its definition (by an older host)")
        }
        return machine
    }

    /// The stored execution with this ARN.
    func storedExecution(arn: String) throws(ServiceError) -> ExecutionRecord {
        _ = try StatesArn(arn, kind: .execution)
        let record = workspace.hasDatabase ? try storeCall { () throws(StoreError) in try workspace.stores().executions.execution(arn: arn) } : nil
        guard let record else { throw ServiceError(.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'") }
        return record
    }

    /// StartExecution's `input`: JSON text of at most 262,144 bytes (docs/history.md).
    static func executionInput(_ text: String) throws(ServiceError) -> JSONValue {
        let limit = InputDocument.executionInputLimit
        let size = text.utf8.count
        guard size <= limit else {
            throw ServiceError(.validation, "1 validation error detected: Value at 'input' failed to satisfy constraint: "
                + "Member must have length less than or equal to \(limit) (it has \(size) bytes)")
        }
        do { return try JSONValue.parse(text) } catch {
            throw ServiceError(.invalidExecutionInput, "Invalid State Machine Execution Input: '\(error.message) at line \(error.line), column \(error.column)'")
        }
    }

    static func alreadyExists(_ arn: String) -> ServiceError {
        ServiceError(.executionAlreadyExists, "Execution Already Exists: '\(arn)'")
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
}

/// One item of ListExecutions' `executions`.
public struct ExecutionSummary: Sendable, Equatable {
    public var executionArn: String
    public var stateMachineArn: String
    public var name: String
    public var status: String
    public var machineName: String
    /// Epoch milliseconds.
    public var startDate: Int64
    public var stopDate: Int64?
    /// Given only when ListExecutions lists a Map Run's children: its ARN, and how many items
    /// the child processed.
    public var mapRunArn: String?
    public var itemCount: Int?

    init(_ record: ExecutionRecord) {
        executionArn = record.executionArn
        stateMachineArn = record.stateMachineArn
        name = record.name
        status = record.status
        machineName = record.machineName
        startDate = record.startDate
        stopDate = record.stopDate
    }

    public var json: JSONValue {
        var item: JSONObject = [
            "executionArn": .string(executionArn), "stateMachineArn": .string(stateMachineArn),
            "name": .string(name), "status": .string(status), "startDate": ExecutionDescription.epochSeconds(startDate),
        ]
        if let stopDate { item["stopDate"] = ExecutionDescription.epochSeconds(stopDate) }
        if let mapRunArn { item["mapRunArn"] = .string(mapRunArn) }
        if let itemCount { item["itemCount"] = .int(Int64(itemCount)) }
        return .object(item)
    }
}

extension StepFunctions {
    /// SendTaskSuccess: the callback task of `token` succeeds with `output` (JSON text of at
    /// most 262,144 bytes).
    public func sendTaskSuccess(token: String, output: String) throws(ServiceError) {
        guard output.utf8.count <= InputDocument.executionInputLimit else {
            throw ServiceError(.invalidOutput, "Invalid Output: the output has \(output.utf8.count) bytes, more than \(InputDocument.executionInputLimit)")
        }
        guard (try? JSONValue.parse(output)) != nil else { throw ServiceError(.invalidOutput, "Invalid Output: '\(output)' is not JSON") }
        try answer(token, status: "SUCCEEDED") { $0.output = output }
    }

    /// SendTaskFailure: the callback task of `token` fails with `error` and `cause`.
    public func sendTaskFailure(token: String, error: String?, cause: String?) throws(ServiceError) {
        try answer(token, status: "FAILED") { record in
            record.error = error
            record.cause = cause
        }
    }

    /// SendTaskHeartbeat: the callback task of `token` is still being worked on.
    public func sendTaskHeartbeat(token: String) throws(ServiceError) {
        let now = workspace.now().epochMilliseconds
        let record = try tokenChange(token) { current in
            guard current.status == "WAITING" else { return nil }
            var beat = current
            beat.heartbeatAt = now
            return beat
        }
        guard record.status == "WAITING", record.heartbeatAt == now else { throw Self.closed(record) }
        workspace.callbacks.notify(record)
    }

    /// Answers a WAITING token; one answered, timed out or closed already is TaskDoesNotExist
    /// or TaskTimedOut, as AWS answers a late answer.
    private func answer(_ token: String, status: String, _ fill: (inout TaskTokenRecord) -> Void) throws(ServiceError) {
        var answered = false
        let record = try tokenChange(token) { current in
            guard current.status == "WAITING" else { return nil }
            var changed = current
            changed.status = status
            fill(&changed)
            answered = true
            return changed
        }
        guard answered else { throw Self.closed(record) }
        workspace.callbacks.notify(record)
    }

    private func tokenChange(_ token: String, _ decide: (TaskTokenRecord) -> TaskTokenRecord?) throws(ServiceError) -> TaskTokenRecord {
        let record = workspace.hasDatabase ? try storeCall { () throws(StoreError) in
            try workspace.stores().tokens.change(token: token, decide)
        } : nil
        guard let record else { throw ServiceError(.invalidToken, "Invalid Token: '\(token)'") }
        return record
    }

    private static func closed(_ record: TaskTokenRecord) -> ServiceError {
        record.status == "TIMED_OUT" ? ServiceError(.taskTimedOut, "Task Timed Out: '\(record.token)'")
            : ServiceError(.taskDoesNotExist, "Task Does Not Exist: '\(record.token)'")
    }
}
