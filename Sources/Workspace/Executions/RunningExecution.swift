import Engine
import Foundation
import Store
import Synchronization

/// An execution running in this process, from its start to the storing of its end.
///
/// While its top-level path waits in a long Wait (`Workspace.parkWaits`), it is parked: its
/// engine state is dropped, every event it recorded is stored, and this handle (its ARN and
/// identity) is all that is left of it in memory, in `ParkedExecutions` until the Wait ends.
/// It then continues from its stored history, as a resumed execution does
/// (docs/durable-executions.md). A stop that comes while it is parked wakes it at once.
public final class RunningExecution: Sendable {
    public let executionArn: String
    public let identity: ExecutionIdentity
    private let workspace: Workspace

    private struct State {
        /// The engine's execution while it runs in memory, and once it has ended; nil while
        /// parked, and once ended after a park.
        var current: PreparedExecution?
        /// It has parked at least once: its handle may stay in `ParkedExecutions` until the
        /// time of a Wait it was stopped in, so its end keeps no engine state.
        var hasParked = false
        /// StopExecution's error and cause, kept for the execution that wakes from a park.
        var stop: (error: String?, cause: String?)?
        var parked = false
        /// Its end has been handed to the store: from now on the store answers for it, until
        /// the store has it (`endedRecord`).
        var ending = false
        var result: Result<ExecutionResult, StoreError>?
        /// The record its end stored, once the store has it.
        var endedRecord: ExecutionRecord?
        var waiters: [CheckedContinuation<Result<ExecutionResult, StoreError>, Never>] = []
        var whenEnded: [@Sendable () -> Void] = []
        /// Called once the execution woken by `ParkedExecutions` ends or parks again.
        var settled: (@Sendable () -> Void)?
    }
    private let state: Mutex<State>

    init(workspace: Workspace, prepared: PreparedExecution) {
        self.workspace = workspace
        executionArn = prepared.record.executionArn
        identity = prepared.execution.identity
        state = Mutex(State(current: prepared))
    }

    /// The engine's execution while it runs in memory, and once it has ended; nil while it is
    /// parked, and once it has ended if it ever parked (its result has what it came to).
    public var execution: Execution? { state.withLock { $0.current?.execution } }

    /// What the store holds of it while it runs in memory, its end not yet handed to the
    /// store: what DescribeExecution answers without reading the store. Nil while it is parked
    /// and from the moment its end is handed to the store, so that it never reads as RUNNING
    /// once a reader of the store could see its end (docs/durable-executions.md).
    var runningRecord: ExecutionRecord? {
        state.withLock { $0.ending ? nil : $0.current?.record }
    }

    /// Whether its end has been handed to the store, and the store has not answered yet.
    var isEnding: Bool { state.withLock { $0.ending && $0.result == nil } }

    /// The record its end stored (what the store holds of it from then on, but for its
    /// owner's lease), as soon as the store has it; nil before, and when its end could not be
    /// stored.
    var endedRecord: ExecutionRecord? { state.withLock { $0.endedRecord } }

    /// How it ended, once it has, and once its end is stored (a failure to store it is the
    /// error).
    public var result: Result<ExecutionResult, StoreError> {
        get async {
            await withCheckedContinuation { continuation in
                let ended = state.withLock { state in
                    if state.result == nil { state.waiters.append(continuation) }
                    return state.result
                }
                if let ended { continuation.resume(returning: ended) }
            }
        }
    }

    /// Stops the execution, as StopExecution does: it ends ABORTED, with `error` and `cause`.
    public func abort(error: String? = nil, cause: String? = nil) {
        let (current, wakeNow) = state.withLock { state -> (PreparedExecution?, Bool) in
            guard state.result == nil else { return (nil, false) }
            state.stop = state.stop ?? (error, cause)
            return (state.current, state.parked)
        }
        current?.abort(error: error, cause: cause)
        if wakeNow { wake() }
    }

    /// Calls `action` once the execution has ended and its end is stored (at once if it has).
    func whenEnded(_ action: @escaping @Sendable () -> Void) {
        let ended = state.withLock { state in
            if state.result == nil { state.whenEnded.append(action) }
            return state.result != nil
        }
        if ended { action() }
    }

    /// Runs `prepared` in the background until it ends, or parks.
    func run(_ prepared: PreparedExecution) {
        Task { [self, workspace] in
            switch await prepared.execution.runOrPark() {
            case .ended(let result):
                var record = prepared.record
                record.status = result.status.rawValue
                record.stopDate = result.stopDate.epochMilliseconds
                record.output = result.output?.compactString()
                record.error = result.error
                record.cause = result.cause
                state.withLock { $0.ending = true }
                do throws(StoreError) { try await prepared.writer.finish(record) } catch { return end(.failure(error)) }
                state.withLock { $0.endedRecord = record }
                workspace.emitStatusChange(prepared.execution, status: result.status, result: result)
                end(.success(result))
            case .parked(let until):
                // Parked only once everything it recorded is stored: that is where it continues.
                do throws(StoreError) { try await prepared.writer.finish(nil) } catch { return end(.failure(error)) }
                park(until: until)
            }
        }
    }

    private func park(until wake: Date) {
        let (stopped, settled) = state.withLock { state in
            state.current = nil
            state.parked = true
            state.hasParked = true
            defer { state.settled = nil }
            return (state.stop != nil, state.settled)
        }
        settled?()
        if stopped { return self.wake() }
        workspace.parkedExecutions.park(self, until: wake)
    }

    /// Continues a parked execution from its stored history (its Wait's end, or a stop).
    /// Does nothing for one that is not parked (woken already). `settled` is called once it
    /// has ended or parked again (at once when it was not parked).
    func wake(settled: (@Sendable () -> Void)? = nil) {
        let parked = state.withLock { state in
            defer { state.parked = false }
            if state.parked { state.settled = settled }
            return state.parked
        }
        guard parked else { settled?(); return }
        Task { [self, workspace] in
            let prepared: PreparedExecution
            do throws(ResumeError) { prepared = try workspace.prepareContinuation(of: executionArn) } catch {
                if case .store(let failure) = error { return end(.failure(failure)) }
                return end(.failure(StoreError(message: error.description)))
            }
            let stop = state.withLock { state in
                state.current = prepared
                return state.stop
            }
            if let stop { prepared.abort(error: stop.error, cause: stop.cause) }
            run(prepared)
        }
    }

    private func end(_ result: Result<ExecutionResult, StoreError>) {
        let (waiters, actions) = state.withLock { state in
            state.result = result
            if state.hasParked { state.current = nil }
            defer { (state.waiters, state.whenEnded, state.settled) = ([], [], nil) }
            return (state.waiters, state.whenEnded + (state.settled.map { [$0] } ?? []))
        }
        for waiter in waiters { waiter.resume(returning: result) }
        for action in actions { action() }
    }
}
