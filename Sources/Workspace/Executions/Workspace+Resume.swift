import Engine
import Foundation
import JSONValue
import StatesLanguage
import Store

/// Why an execution cannot be resumed here.
public enum ResumeError: Error, Sendable, CustomStringConvertible {
    case notRunning(executionArn: String, status: String)
    /// Its process is alive (its lease is renewed), or another process claimed it first.
    case held(executionArn: String, owner: String?)
    /// Stored by a host that did not keep definitions: there is nothing to run.
    case noDefinition(executionArn: String)
    case invalidDefinition(executionArn: String, problems: String)
    /// It ran a test case's mocked responses, whose invocation counts are not stored.
    case mocked(executionArn: String, testCase: String)
    /// A Distributed Map's child execution: it resumes with its parent.
    case mapRunChild(executionArn: String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .notRunning(let arn, let status): "\(arn) is \(status): only a RUNNING execution can be resumed"
        case .held(let arn, let owner):
            "\(arn) is being run by \(owner ?? "another process"), which is alive; it continues there"
        case .noDefinition(let arn): "\(arn) was stored without its definition (by an older host), so it cannot be resumed"
        case .invalidDefinition(let arn, let problems): "the stored definition of \(arn) does not run: \(problems)"
        case .mocked(let arn, let testCase):
            "\(arn) ran the mocked responses of test case \(testCase), which host does not resume (docs/testing.md); start it again"
        case .mapRunChild(let arn):
            "\(arn) is a child execution of a Distributed Map's Map Run, which resumes with its parent: resume the parent (docs/distributed-map.md)"
        case .store(let error): error.description
        }
    }
}

extension Workspace {
    /// Whether `record` is RUNNING with no live process running it: its process ended
    /// (killed, or stopped without letting it go) and nothing has continued it yet. Such an
    /// execution is an orphan; `host serve` and `host executions resume` continue it.
    public func isOrphaned(_ record: ExecutionRecord) -> Bool {
        ExecutionLease.isClaimable(record, by: "", now: ExecutionOwnership.wallClock, isGone: ExecutionOwnership.isGone)
    }

    /// Claims an orphaned execution for this process and prepares to continue it from its
    /// recorded history (`Execution`'s resuming): what it recorded is not done again, except a
    /// task whose result was not recorded, which runs again (at least once, as AWS promises).
    public func prepareResumption(of record: ExecutionRecord, observers: [any ExecutionObserver] = []) throws(ResumeError) -> PreparedExecution {
        try prepareResumption(of: record, claimed: nil, observers: observers)
    }

    /// `claimed`: the record of an execution this process holds already (a parked one), which
    /// is not claimed again.
    func prepareResumption(of record: ExecutionRecord, claimed held: ExecutionRecord?,
                           observers: [any ExecutionObserver] = []) throws(ResumeError) -> PreparedExecution {
        let arn = record.executionArn
        guard record.status == ExecutionStatus.running.rawValue else { throw .notRunning(executionArn: arn, status: record.status) }
        if let testCase = record.testCase { throw .mocked(executionArn: arn, testCase: testCase) }
        if record.isMapRunChild { throw .mapRunChild(executionArn: arn) }
        guard let text = record.definition else { throw .noDefinition(executionArn: arn) }
        let machine: StateMachine
        switch StateMachine.parse(text) {
        case .success(let parsed): machine = parsed
        case .failure(let errors):
            throw .invalidDefinition(executionArn: arn, problems: errors.diagnostics.map { $0.formatted(file: "definition") }.joined(separator: "; "))
        }
        let input: JSONValue
        do { input = try JSONValue.parse(record.input) } catch {
            throw .invalidDefinition(executionArn: arn, problems: "its stored input is not JSON: \(error.message)")
        }
        do {
            let ownership = try ownership()
            guard let claimed = try held ?? stores().executions.claim(executionArn: arn, owner: ownership.id, until: ownership.newExpiry,
                                                                      now: ExecutionOwnership.wallClock, isGone: ExecutionOwnership.isGone) else {
                let current = try stores().executions.execution(arn: arn)
                if let current, current.status != ExecutionStatus.running.rawValue {
                    throw ResumeError.notRunning(executionArn: arn, status: current.status)
                }
                throw ResumeError.held(executionArn: arn, owner: current?.owner)
            }
            let history = try stores().executions.history(of: arn).compactMap(Self.event)
            let invocations = try stores().executions.invocations(of: arn).last?.sequence ?? 0
            let started = history.first { $0.type == .executionStarted }
            let identity = ExecutionIdentity(
                machineName: claimed.machineName, executionName: claimed.name, region: Self.arnField(arn, 3),
                account: Self.arnField(arn, 4), roleArn: started?.details?["roleArn"]?.stringValue)
            let (execution, writer) = try execution(of: machine, text: text, identity: identity, input: input, history: history,
                                                    invocations: invocations, observers: observers)
            return PreparedExecution(execution: execution, writer: writer, record: claimed, isResumed: true)
        } catch let error as ResumeError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(StoreError(message: "\(error)"))
        }
    }

    /// A field of an ARN (`arn:aws:states:REGION:ACCOUNT:...`).
    private static func arnField(_ arn: String, _ index: Int) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > index ? String(parts[index]) : ""
    }
}
