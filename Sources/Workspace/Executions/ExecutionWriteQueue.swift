import Dispatch
import Store
import Synchronization

/// The writes of the executions this process runs (their starts, their events, their ends),
/// stored as a group commit: a write waits for the transaction that stores it, and every
/// write queued while a transaction runs goes into the next one. Alone, a write is stored at
/// once; under load, one transaction stores the starts and ends of many executions instead of
/// one transaction each, and nothing waits for a timer.
///
/// Every write happens while this process holds its executions (`ExecutionOwnership`).
final class ExecutionWriteQueue: Sendable {
    typealias Completion = @Sendable (Result<Bool, StoreError>) -> Void

    /// The most writes one transaction takes, so that a burst does not make the first of them
    /// wait for the last.
    static let batchLimit = 512

    private struct Pending {
        var writes: [(write: ExecutionWrite, done: Completion)] = []
        var flushing = false
    }

    private let store: any ExecutionStore
    private let ownership: ExecutionOwnership
    private let pending = Mutex(Pending())
    /// The writer's thread: a transaction blocks it, and no thread of Swift's concurrency pool.
    private let writer = DispatchQueue(label: "host.execution-writes")
    /// The actions `gather` holds back, and whether a timer will call them.
    private let gathered = Mutex<(actions: [@Sendable () -> Void], armed: Bool)>(([], false))

    init(store: any ExecutionStore, ownership: ExecutionOwnership) {
        self.store = store
        self.ownership = ownership
    }

    /// Queues `write`; `done` is called with its outcome once its transaction has ended.
    func submit(_ write: ExecutionWrite, then done: @escaping Completion) {
        let startWriter = pending.withLock { pending -> Bool in
            pending.writes.append((write, done))
            guard !pending.flushing else { return false }
            pending.flushing = true
            return true
        }
        if startWriter { writer.async { [self] in flush() } }
    }

    /// Calls `action` on a thread of Dispatch's within `delay`, with every other action
    /// gathered meanwhile: the executions that wait to write their events (`HistoryWriter`)
    /// share one timer, rather than arming one each, which cost `host serve` about a twentieth
    /// of its CPU under load (docs/profiles/serve.md).
    func gather(within delay: DispatchTimeInterval, _ action: @escaping @Sendable () -> Void) {
        let arm = gathered.withLock { gathered -> Bool in
            gathered.actions.append(action)
            defer { gathered.armed = true }
            return !gathered.armed
        }
        guard arm else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            let actions = gathered.withLock { gathered in
                defer { gathered = ([], false) }
                return gathered.actions
            }
            for action in actions { action() }
        }
    }

    /// Stores `write`, and returns its outcome once it is stored.
    func perform(_ write: ExecutionWrite) async -> Result<Bool, StoreError> {
        await withCheckedContinuation { continuation in
            submit(write) { continuation.resume(returning: $0) }
        }
    }

    /// Writes what has queued, one transaction a batch, until nothing is queued.
    private func flush() {
        while true {
            let batch = pending.withLock { pending -> [(write: ExecutionWrite, done: Completion)] in
                let batch = Array(pending.writes.prefix(Self.batchLimit))
                pending.writes.removeFirst(batch.count)
                if batch.isEmpty { pending.flushing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let outcomes: [Result<Bool, StoreError>]
            do {
                outcomes = try ownership.whileHeld { () throws(StoreError) in try store.write(batch.map(\.write)) }
            } catch {
                outcomes = Array(repeating: .failure(error), count: batch.count)
            }
            for (item, outcome) in zip(batch, outcomes) { item.done(outcome) }
        }
    }
}
