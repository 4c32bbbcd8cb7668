import Engine
import Store

/// Reads of a stored execution that cost what they return, not what the execution holds: a
/// page of its history by event id, what was appended since an id, executions counted by
/// status. The console (docs/console.md) reads an execution of 25,000 events this way.
extension StepFunctions {
    /// The events of the execution `reference` names whose id is greater than `id`, oldest
    /// first; at most `limit` of them. Ids only grow, so a reader that asks after the last id
    /// it got misses none and gets none twice.
    public func history(ofExecutionNamed reference: String, after id: Int, limit: Int?) throws(ExecutionLookupError) -> [HistoryEvent] {
        let record = try workspace.storedExecution(reference)
        return try events(of: record.executionArn, after: id, limit: limit)
    }

    /// The execution as it is now and the events appended after `id`, at most `limit` of them.
    /// The execution is read first: `ExecutionStore.finish` stores the end with the last events
    /// in one transaction, so when the status read is not RUNNING, the events read after it
    /// hold the rest of the history (unless `limit` cut them).
    public func progress(ofExecutionNamed reference: String, after id: Int, limit: Int?) throws(ExecutionLookupError)
        -> (summary: ExecutionSummary, events: [HistoryEvent]) {
        let record = try workspace.storedExecution(reference)
        return (ExecutionSummary(record), try events(of: record.executionArn, after: id, limit: limit))
    }

    /// How many stored executions each machine has in each status, by machine name: one
    /// query, whatever the number of executions.
    public func executionCounts() throws(ServiceError) -> [String: [ExecutionStatus: Int]] {
        guard workspace.hasDatabase else { return [:] }
        let counts = try storeCall { () throws(StoreError) in try workspace.stores().executions.executionCounts() }
        var byMachine: [String: [ExecutionStatus: Int]] = [:]
        for count in counts {
            guard let status = ExecutionStatus(rawValue: count.status) else { continue }
            byMachine[count.machineName, default: [:]][status, default: 0] += count.count
        }
        return byMachine
    }

    private func events(of executionArn: String, after id: Int, limit: Int?) throws(ExecutionLookupError) -> [HistoryEvent] {
        do {
            return try workspace.stores().executions.history(of: executionArn, after: Int64(id), limit: limit).compactMap(Workspace.event)
        } catch {
            throw .store(error)
        }
    }
}
