import Clocks
import Engine
import Foundation
import JSONValue
import Store
import Synchronization

/// The workspace's side of callback tasks: the engine waits here for the answer to a token,
/// and SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat (from this process or another,
/// through the shared store) give it.
///
/// Every token is a row of the store, so an answer given by another process (`host tasks
/// send-success` while `host run` waits) reaches the waiting one: while anything waits, one
/// poller reads the tokens changed since it last looked, a few times a second, however many
/// wait. An answer given in this process wakes its waiter at once.
///
/// Timeouts and heartbeats are measured on the workspace's clock: on a virtual clock, where
/// time stands still while anything waits on the world outside, they do not pass.
final class CallbackBroker: TaskCallbacks {
    private let workspace: Workspace
    private let state = Mutex(State())
    static let pollInterval: Duration = .milliseconds(100)

    private struct Waiter {
        var executionArn: String
        var continuation: CheckedContinuation<CallbackAnswer, any Error>
        var started: Date
        var timeoutSeconds: Int?
        var heartbeatSeconds: Int?
        var lastHeartbeat: Date
    }

    private struct State {
        var waiters: [String: Waiter] = [:]
        /// The turns on the clock that waiting parents lent their children, by token.
        var lent: [String: LentTurn] = [:]
        var polling = false
        var seenRevision: Int64 = 0
    }

    init(workspace: Workspace) { self.workspace = workspace }

    private func store() throws -> any TaskTokenStore { try workspace.stores().tokens }

    func answer(for token: String, executionArn: String, timeoutSeconds: Int?, heartbeatSeconds: Int?) async throws -> CallbackAnswer {
        let now = workspace.now()
        let tokens = try store()
        // A resumed execution finds its token registered, with its own start and heartbeat.
        try tokens.register(TaskTokenRecord(token: token, executionArn: executionArn, createdAt: now.epochMilliseconds,
                                            heartbeatAt: now.epochMilliseconds))
        guard let record = try tokens.taskToken(token) else { throw CancellationError() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let waiter = Waiter(executionArn: executionArn, continuation: continuation,
                                    started: Date(epochMilliseconds: record.createdAt), timeoutSeconds: timeoutSeconds,
                                    heartbeatSeconds: heartbeatSeconds, lastHeartbeat: Date(epochMilliseconds: record.heartbeatAt))
                let startPoller = state.withLock { state -> Bool in
                    state.waiters[token] = waiter
                    defer { state.polling = true }
                    return !state.polling
                }
                if startPoller { Task { await poll() } }
                // The answer may be there already (given while the execution was not running).
                check(record)
            }
        } onCancel: {
            close(token, status: "CLOSED")
            resume(token) { $0.continuation.resume(throwing: CancellationError()) }
        }
    }

    /// A callback Task's parent lent its turn on the clock to the child it started
    /// (`states:startExecution.waitForTaskToken`): it gets it back when its token's wait ends.
    func lend(_ turn: LentTurn, until token: String) {
        state.withLock { $0.lent[token] = turn }
    }

    /// An answer or heartbeat given in this process: its waiter looks at once.
    func notify(_ record: TaskTokenRecord) { check(record) }

    /// Reads the tokens changed since the last look, and checks every waiter's time limits,
    /// until no one waits.
    private func poll() async {
        while true {
            let revision = state.withLock { $0.seenRevision }
            if let changed = try? store().taskTokens(changedAfter: revision) {
                for record in changed { check(record) }
                if let last = changed.last { state.withLock { $0.seenRevision = max($0.seenRevision, last.revision) } }
            }
            checkTimeouts()
            let keepGoing = state.withLock { state -> Bool in
                if state.waiters.isEmpty { state.polling = false }
                return state.polling
            }
            guard keepGoing else { return }
            try? await Task.sleep(for: Self.pollInterval)
        }
    }

    /// Hands an answered token's answer to its waiter, or notes a heartbeat.
    private func check(_ record: TaskTokenRecord) {
        switch record.status {
        case "SUCCEEDED", "FAILED":
            // An answer for an execution of another process is that process's to take.
            guard state.withLock({ $0.waiters[record.token] != nil }) else { return }
            // Taken once: the token closes as its answer goes to the execution.
            guard let taken = try? store().change(token: record.token, { current in
                guard current.status == "SUCCEEDED" || current.status == "FAILED" else { return nil }
                var closed = current
                closed.status = "CLOSED"
                return closed
            }), taken.status == "CLOSED", record.status != "CLOSED" else { return }
            let answer: CallbackAnswer = record.status == "SUCCEEDED"
                ? .success(record.output.flatMap { try? JSONValue.parse($0) } ?? .null)
                : .failure(error: record.error, cause: record.cause)
            resume(record.token) { $0.continuation.resume(returning: answer) }
        case "WAITING":
            state.withLock { state in
                let beat = Date(epochMilliseconds: record.heartbeatAt)
                if let waiter = state.waiters[record.token], beat > waiter.lastHeartbeat { state.waiters[record.token]?.lastHeartbeat = beat }
            }
        default:
            break
        }
    }

    private func checkTimeouts() {
        let now = workspace.now()
        let expired = state.withLock { state in
            state.waiters.compactMap { token, waiter -> (String, Bool)? in
                if let timeout = waiter.timeoutSeconds, now.timeIntervalSince(waiter.started) >= Double(timeout) { return (token, false) }
                if let heartbeat = waiter.heartbeatSeconds, now.timeIntervalSince(waiter.lastHeartbeat) >= Double(heartbeat) { return (token, true) }
                return nil
            }
        }
        for (token, heartbeat) in expired {
            close(token, status: "TIMED_OUT")
            resume(token) { $0.continuation.resume(returning: .timedOut(heartbeat: heartbeat)) }
        }
    }

    private func close(_ token: String, status: String) {
        _ = try? store().change(token: token) { current in
            guard current.status == "WAITING" else { return nil }
            var closed = current
            closed.status = status
            return closed
        }
    }

    /// Takes `token`'s waiter out and resumes it with `body`, exactly once.
    private func resume(_ token: String, _ body: (Waiter) -> Void) {
        let (waiter, turn) = state.withLock { state in
            guard let waiter = state.waiters.removeValue(forKey: token) else { return (nil as Waiter?, nil as LentTurn?) }
            return (waiter, state.lent.removeValue(forKey: token))
        }
        guard let waiter else { return }
        turn?.giveBack()
        body(waiter)
    }
}
