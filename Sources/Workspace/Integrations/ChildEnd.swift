import Clocks
import Engine
import Store
import Synchronization

/// How a child a `.sync` Task waits for came out: its end, or the Task's time limit, on the
/// workspace's clock (an alarm, which is no running work), whichever comes first.
final class ChildEnd: Sendable {
    enum Outcome: Sendable {
        case ended(Result<ExecutionResult, StoreError>)
        case timedOut
    }

    private let state = Mutex<(outcome: Outcome?, waiter: CheckedContinuation<Outcome, Never>?)>((nil, nil))

    /// Starts watching at once: the alarm is set before this returns.
    init(of running: RunningExecution, within seconds: Int?, clock: any HostClock) {
        let cancelAlarm = seconds.map { clock.alarm(after: Double($0)) { [weak self] in self?.give(.timedOut) } }
        Task { [self] in
            let ended = await running.result
            cancelAlarm?()
            give(.ended(ended))
        }
    }

    var outcome: Outcome {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Outcome? in
                    if state.outcome == nil { state.waiter = continuation }
                    return state.outcome
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    /// The first outcome counts.
    private func give(_ outcome: Outcome) {
        let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>?? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return .some(state.waiter)
        }
        if case .some(.some(let waiter)) = waiter { waiter.resume(returning: outcome) }
    }
}
