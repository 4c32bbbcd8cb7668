import Foundation
import Synchronization

/// Virtual time: waits pass at once, while time advances as though they had passed.
///
/// A small discrete-event scheduler: every piece of work that runs (an execution's path, a
/// branch, a delivery) counts as running; one that waits sleeps until its wake-up time; and
/// only when nothing runs does time jump to the earliest wake-up. So concurrent branches see
/// each other's time as they would in real time: a branch that fails after 1 s stops a sibling
/// that is waiting 30 s at 1 s, and iterations that run one after another follow each other.
public final class VirtualClock: HostClock {
    private let state: Mutex<State>

    private struct Sleeper {
        var id: UInt64
        var wake: Date
        /// False for an alarm, which is no running work of its own.
        var counts: Bool
        var wakeUp: @Sendable () -> Void
        var cancel: @Sendable () -> Void
    }

    private struct State {
        var now: Date
        var running = 0
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
        /// Sleeps cancelled before they began.
        var cancelled: Set<UInt64> = []
    }

    public init(start: Date) {
        state = Mutex(State(now: start))
    }

    public var now: Date { state.withLock { $0.now } }

    public func enter(_ count: Int) {
        state.withLock { $0.running += count }
    }

    public func leave() {
        let wake = state.withLock { state in
            state.running -= 1
            return Self.wakeIfIdle(&state)
        }
        wake?()
    }

    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        guard seconds > 0 else { return }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: (() -> Void)? = state.withLock { state in
                    if state.cancelled.remove(id) != nil {
                        return { continuation.resume(throwing: CancellationError()) }
                    }
                    state.sleepers.append(Sleeper(
                        id: id, wake: state.now.addingTimeInterval(seconds), counts: true,
                        wakeUp: { continuation.resume() },
                        cancel: { continuation.resume(throwing: CancellationError()) }))
                    state.running -= 1
                    return Self.wakeIfIdle(&state)
                }
                resume?()
            }
        } onCancel: {
            let resume: (() -> Void)? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                let sleeper = state.sleepers.remove(at: index)
                if sleeper.counts { state.running += 1 }
                return sleeper.cancel
            }
            resume?()
        }
    }

    /// Registered at once, so that no work can sleep past it unnoticed.
    public func alarm(after seconds: Double, _ action: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.sleepers.append(Sleeper(id: state.nextID, wake: state.now.addingTimeInterval(seconds), counts: false,
                                          wakeUp: action, cancel: {}))
            return state.nextID
        }
        return { [self] in state.withLock { $0.sleepers.removeAll { $0.id == id } } }
    }

    /// When nothing runs, time jumps to the earliest wake-up (the first to sleep among equals)
    /// and that sleeper runs. Returns the resumption, to be done outside the lock.
    private static func wakeIfIdle(_ state: inout State) -> (() -> Void)? {
        guard state.running <= 0, !state.sleepers.isEmpty else { return nil }
        var first = 0
        for index in state.sleepers.indices where state.sleepers[index].wake < state.sleepers[first].wake { first = index }
        let sleeper = state.sleepers.remove(at: first)
        state.now = max(state.now, sleeper.wake)
        if sleeper.counts { state.running += 1 }
        return sleeper.wakeUp
    }
}
