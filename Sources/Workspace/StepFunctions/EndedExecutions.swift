import Store
import Synchronization

/// The executions this process ran whose end it stored, as DescribeExecution reads them: it
/// answers for them without reading the store (docs/durable-executions.md, "DescribeExecution
/// of an execution running here").
///
/// A stored end is final: `host` never redrives an execution and never deletes one, and only a
/// RUNNING execution can be claimed (`ExecutionLease`), so once this process has stored an
/// end, no process changes what DescribeExecution says of that execution. An execution
/// another process ran, or one whose end this process could not store, is never here: the
/// store answers for it each time.
///
/// Bounded: two generations, each of at most `limit` records and `byteLimit` bytes of their
/// texts; when the newer is full it becomes the older, and the older is dropped.
final class EndedExecutions: Sendable {
    private struct Generations {
        var newer: [String: ExecutionRecord] = [:]
        var older: [String: ExecutionRecord] = [:]
        var newerBytes = 0
    }

    private let limit: Int
    private let byteLimit: Int
    private let generations = Mutex(Generations())

    /// 4,096 records of at most 8 MiB a generation: a minute of executions ended at the rate
    /// `host serve` runs them, in at most 16 MiB.
    init(limit: Int = 4096, byteLimit: Int = 8 << 20) {
        self.limit = limit
        self.byteLimit = byteLimit
    }

    /// Keeps `record`, the end this process stored, without its definition (which
    /// DescribeExecution does not give).
    func add(_ record: ExecutionRecord) {
        var record = record
        record.definition = nil
        let bytes = record.executionArn.utf8.count + record.input.utf8.count + (record.output?.utf8.count ?? 0)
            + (record.error?.utf8.count ?? 0) + (record.cause?.utf8.count ?? 0)
        guard bytes <= byteLimit else { return }
        // The dropped generation is released outside the lock.
        let dropped = generations.withLock { generations -> [String: ExecutionRecord] in
            var dropped: [String: ExecutionRecord] = [:]
            if generations.newer.count >= limit || generations.newerBytes + bytes > byteLimit {
                dropped = generations.older
                generations.older = generations.newer
                generations.newer = [:]
                generations.newerBytes = 0
            }
            generations.newer[record.executionArn] = record
            generations.newerBytes += bytes
            return dropped
        }
        _ = dropped
    }

    /// The stored end of the execution with this ARN, when this process stored it and still
    /// keeps it.
    subscript(executionArn: String) -> ExecutionRecord? {
        generations.withLock { $0.newer[executionArn] ?? $0.older[executionArn] }
    }
}
