import Clocks
import Engine
import Synchronization

/// A parent execution's turn on the workspace's clock, lent to the child execution it waits
/// for (`states:startExecution.sync`, `.waitForTaskToken`). On a virtual clock time moves only
/// when nothing runs, so a parent that counted as running while it waits would hold its
/// child's Waits for ever. Made before the child starts, it holds the child's place until the
/// child counts itself (its ExecutionStarted); the parent then stops counting (`leave()` by
/// whoever lends it), and counts again from the child's last event, before the child stops
/// counting, so that time never moves in between; or, for a callback, from its token's answer
/// if that comes first.
final class LentTurn: ExecutionObserver {
    private let clock: any HostClock
    private let state = Mutex<(childRuns: Bool, back: Bool)>((false, false))

    init(clock: any HostClock) {
        self.clock = clock
        clock.enter()
    }

    func record(_ event: HistoryEvent) {
        switch event.type {
        case .executionStarted: childRuns()
        case .executionSucceeded, .executionFailed, .executionTimedOut, .executionAborted: giveBack()
        default: break
        }
    }

    func decided(_ decision: StateDecision, state: String) {}

    /// The child counts itself, or will not run: the place held for it is let go (once).
    func childRuns() {
        let first = state.withLock { state in
            defer { state.childRuns = true }
            return !state.childRuns
        }
        if first { clock.leave() }
    }

    /// The parent runs again (once).
    func giveBack() {
        let first = state.withLock { state in
            defer { state.back = true }
            return !state.back
        }
        if first { clock.enter() }
    }
}
