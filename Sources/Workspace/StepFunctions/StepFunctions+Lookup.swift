import Engine
import Store

/// The stored executions as the CLI names them: by ARN, or by the name of exactly one
/// execution (`Workspace.storedExecution`). Each read creates nothing.
extension StepFunctions {
    /// The execution `reference` names, as ListExecutions summarises it.
    public func execution(named reference: String) throws(ExecutionLookupError) -> ExecutionSummary {
        ExecutionSummary(try workspace.storedExecution(reference))
    }

    /// DescribeExecution of the execution `reference` names.
    public func describeExecution(named reference: String) throws(ExecutionLookupError) -> ExecutionDescription {
        let record = try workspace.storedExecution(reference)
        return try lookup { () throws(StoreError) in try workspace.describeExecution(record) }
    }

    /// GetExecutionHistory of the execution `reference` names: every event stored so far,
    /// oldest first.
    public func history(ofExecutionNamed reference: String) throws(ExecutionLookupError) -> [HistoryEvent] {
        let record = try workspace.storedExecution(reference)
        return try lookup { () throws(StoreError) in try workspace.history(of: record) }
    }

    /// DescribeStateMachineForExecution of the execution `reference` names; nil for one stored
    /// without its definition (by an older host).
    public func stateMachine(forExecutionNamed reference: String) throws(ExecutionLookupError) -> StateMachineForExecution? {
        workspace.stateMachine(for: try workspace.storedExecution(reference))
    }

    private func lookup<T>(_ body: () throws(StoreError) -> T) throws(ExecutionLookupError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
