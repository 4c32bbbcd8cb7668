import Foundation
import Synchronization

/// Where an execution's time comes from: the engine never reads the wall clock or sleeps by
/// itself.
///
/// With a virtual clock, waits and retry intervals pass at once while the history's
/// timestamps advance as though they had passed.
public struct EngineClock: Sendable {
    let wallClock: @Sendable () -> Date
    let sleeper: @Sendable (Duration) async throws -> Void
    let virtualStart: Date?

    /// Real time: `now` reads the wall clock and `sleep` waits (and throws when cancelled).
    public static func real(now: @escaping @Sendable () -> Date,
                            sleep: @escaping @Sendable (Duration) async throws -> Void) -> EngineClock {
        EngineClock(wallClock: now, sleeper: sleep, virtualStart: nil)
    }

    /// Virtual time starting at `start`.
    public static func virtual(startingAt start: Date) -> EngineClock {
        EngineClock(wallClock: { start }, sleeper: { _ in }, virtualStart: start)
    }

    public var isVirtual: Bool { virtualStart != nil }
}

/// The time of one execution.
///
/// On a virtual clock it is a small discrete-event scheduler: every path of the execution
/// that is doing work (running states, calling a function) counts as running; a path that
/// waits sleeps until its wake-up time; and only when no path runs does time jump to the
/// earliest wake-up. So concurrent branches see each other's time as they would in real
/// time: a branch that fails after 1 s stops a sibling that is waiting 30 s at 1 s, and
/// iterations that run one after another follow each other in time.
final class Timeline: Sendable {
    let clock: EngineClock
    private let state: Mutex<State>

    private struct Sleeper {
        var id: UInt64
        var wake: Date
        /// False for an alarm (the execution's deadline), which is no path of its own.
        var counts: Bool
        var wakeUp: @Sendable () -> Void
        var cancel: @Sendable () -> Void
    }

    private struct State {
        var now: Date
        /// Paths running now; the execution's first path runs from the start.
        var running = 1
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
        /// Sleeps cancelled before they began.
        var cancelled: Set<UInt64> = []
    }

    init(clock: EngineClock) {
        self.clock = clock
        state = Mutex(State(now: clock.virtualStart ?? clock.wallClock()))
    }

    var now: Date { clock.isVirtual ? state.withLock { $0.now } : clock.wallClock() }

    /// `count` more paths run (branches or iterations about to start).
    func enter(_ count: Int = 1) {
        guard clock.isVirtual else { return }
        state.withLock { $0.running += count }
    }

    /// A path stops running (it ended, or waits for its branches).
    func leave() {
        guard clock.isVirtual else { return }
        let wake = state.withLock { state in
            state.running -= 1
            return Self.wakeIfIdle(&state)
        }
        wake?()
    }

    /// Waits `seconds`. Throws CancellationError when the task is cancelled meanwhile.
    func sleep(seconds: Double) async throws {
        let counts = true
        guard clock.isVirtual else {
            guard seconds > 0 else { return try Task.checkCancellation() }
            return try await clock.sleeper(.milliseconds(Int64((seconds * 1000).rounded())))
        }
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
                        id: id, wake: state.now.addingTimeInterval(seconds), counts: counts,
                        wakeUp: { continuation.resume() },
                        cancel: { continuation.resume(throwing: CancellationError()) }))
                    if counts { state.running -= 1 }
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

    /// When no path runs, time jumps to the earliest wake-up (the first to sleep among equals)
    /// and that sleeper runs. Returns the resumption, to be done outside the lock.
    private static func wakeIfIdle(_ state: inout State) -> (() -> Void)? {
        guard state.running == 0, !state.sleepers.isEmpty else { return nil }
        var first = 0
        for index in state.sleepers.indices where state.sleepers[index].wake < state.sleepers[first].wake { first = index }
        let sleeper = state.sleepers.remove(at: first)
        state.now = max(state.now, sleeper.wake)
        if sleeper.counts { state.running += 1 }
        return sleeper.wakeUp
    }

    /// Calls `action` once `seconds` have passed, unless cancelled first; returns its
    /// cancellation. On a virtual clock the alarm is a sleeper that is no path, registered
    /// at once, so no path can sleep past it unnoticed.
    func alarm(after seconds: Double, _ action: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        guard clock.isVirtual else {
            let timer = Task { [clock] in
                if (try? await clock.sleeper(.milliseconds(Int64((seconds * 1000).rounded())))) != nil { action() }
            }
            return { timer.cancel() }
        }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.sleepers.append(Sleeper(id: state.nextID, wake: state.now.addingTimeInterval(seconds), counts: false,
                                          wakeUp: action, cancel: {}))
            return state.nextID
        }
        return { [self] in state.withLock { $0.sleepers.removeAll { $0.id == id } } }
    }
}
