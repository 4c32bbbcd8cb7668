import Dispatch
import Engine
import Foundation
import Store
import Synchronization

/// Stores a running execution's history events, and the invocations it makes, as they happen,
/// so that another process can follow the execution (`host executions history` during a Wait).
///
/// Events are queued; the first event of a group starts a writer, which waits up to
/// `gatherDelay` for others (a timer the executions share, `ExecutionWriteQueue.gather`) and
/// then hands everything queued to the workspace's `ExecutionWriteQueue` as one write, again
/// and again until the queue is empty. A Wait's earlier events are stored within
/// milliseconds, while a burst of events costs one write, not one each. The execution's final
/// record is written by `finish`, after the writer has drained, with what is left in the
/// queue, in one write: an execution that ends before its writer starts is stored in that one.
final class HistoryWriter: ExecutionObserver {
    /// How long the first event of a group waits for the others before they are written.
    static let gatherDelay: DispatchTimeInterval = .milliseconds(2)

    private enum Phase {
        /// Nothing queued, no writer.
        case idle
        /// A writer will start after the gathering delay.
        case scheduled
        /// A writer is writing.
        case writing
        /// The execution's final record took everything; what comes now is dropped.
        case closed
    }

    private struct Queue {
        var events: [HistoryEventRecord] = []
        var invocations: [InvocationRecord] = []
        var invocationCount: Int64 = 0
        var phase = Phase.idle
        /// `finish`, waiting for the writer to drain the queue.
        var waiter: CheckedContinuation<Void, Never>?

        var isEmpty: Bool { events.isEmpty && invocations.isEmpty }

        mutating func take() -> (events: [HistoryEventRecord], invocations: [InvocationRecord]) {
            defer { (events, invocations) = ([], []) }
            return (events, invocations)
        }
    }

    let writes: ExecutionWriteQueue
    let executionArn: String
    private let queue: Mutex<Queue>

    /// `invocations`: how many the execution made before (a resumed one's), so that the
    /// sequence continues.
    init(writes: ExecutionWriteQueue, executionArn: String, invocations: Int64 = 0) {
        self.writes = writes
        self.executionArn = executionArn
        var queue = Queue()
        queue.invocationCount = invocations
        self.queue = Mutex(queue)
    }

    func record(_ event: HistoryEvent) {
        let record = Workspace.record(event, of: executionArn)
        enqueue { $0.events.append(record) }
    }

    /// Records that the execution invoked a function, whose log lines went to `stream` of `group`.
    func recordInvocation(group: String, stream: String, requestId: String) {
        enqueue { queue in
            queue.invocationCount += 1
            queue.invocations.append(InvocationRecord(executionArn: executionArn, sequence: queue.invocationCount,
                                                      logGroupName: group, logStreamName: stream, requestId: requestId))
        }
    }

    private func enqueue(_ add: (inout Queue) -> Void) {
        let startWriter = queue.withLock { queue -> Bool in
            guard queue.phase != .closed else { return false }
            add(&queue)
            guard queue.phase == .idle else { return false }
            queue.phase = .scheduled
            return true
        }
        if startWriter { writes.gather(within: Self.gatherDelay) { [self] in writeQueued() } }
    }

    /// Hands what has queued to the write queue as one write, and again once that is stored,
    /// until nothing is queued.
    private func writeQueued() {
        let batch = queue.withLock { queue -> (events: [HistoryEventRecord], invocations: [InvocationRecord])? in
            // `finish` took the queue while this writer waited to start.
            guard queue.phase == .scheduled || queue.phase == .writing else { return nil }
            guard !queue.isEmpty else {
                queue.phase = .idle
                return nil
            }
            queue.phase = .writing
            return queue.take()
        }
        guard let batch else { return wakeWaiter() }
        writes.submit(.append(events: batch.events, invocations: batch.invocations)) { [self] outcome in
            guard case .failure = outcome else { return writeQueued() }
            // Kept, ahead of what queued since, for the final write, which reports the failure
            // if it happens again.
            queue.withLock { queue in
                queue.events = batch.events + queue.events
                queue.invocations = batch.invocations + queue.invocations
                queue.phase = .idle
            }
            wakeWaiter()
        }
    }

    private func wakeWaiter() {
        let waiter = queue.withLock { queue in
            defer { queue.waiter = nil }
            return queue.phase == .writing ? nil : queue.waiter
        }
        waiter?.resume()
    }

    /// Waits for a write in progress, then stores `execution` (its final state) with every
    /// event and invocation still queued, in one transaction. Without `execution` (it parked),
    /// stores what is queued, and returns once every event it recorded is stored.
    func finish(_ execution: ExecutionRecord?) async throws(StoreError) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let wait = queue.withLock { queue -> Bool in
                guard queue.phase == .writing else {
                    queue.phase = .closed
                    return false
                }
                queue.waiter = continuation
                return true
            }
            if !wait { continuation.resume() }
        }
        let rest = queue.withLock { queue in
            queue.phase = .closed
            return queue.take()
        }
        if let execution {
            _ = try await writes.perform(.finish(execution, events: rest.events, invocations: rest.invocations)).get()
        } else if !rest.events.isEmpty || !rest.invocations.isEmpty {
            _ = try await writes.perform(.append(events: rest.events, invocations: rest.invocations)).get()
        }
    }
}
