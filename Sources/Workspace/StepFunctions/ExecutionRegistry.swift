import Synchronization

/// The executions running in this process, by ARN: what StopExecution stops and what a
/// callback answer reaches. An execution is in it from its start to the storing of its end.
final class ExecutionRegistry: Sendable {
    private let executions = Mutex<[String: RunningExecution]>([:])

    func add(_ execution: RunningExecution) {
        executions.withLock { $0[execution.executionArn] = execution }
    }

    func remove(_ executionArn: String) {
        executions.withLock { $0[executionArn] = nil }
    }

    subscript(executionArn: String) -> RunningExecution? {
        executions.withLock { $0[executionArn] }
    }

    var count: Int { executions.withLock { $0.count } }
}
