import Dispatch
import Foundation
import HeapModule
import Synchronization

/// The executions of this process parked in a Wait (`Execution.runOrPark`), by wake-up
/// time: one timer for all of them, set to the earliest, instead of a task and a timer each.
/// At most `awakeLimit` woken ones run at once (until each ends or parks again), so that
/// thousands whose Waits end in the same second do not all load their histories at once:
/// the others wake as those settle, a little after their time.
/// A parked execution is held here only by its handle (`RunningExecution`), which holds its
/// ARN and no engine state: what it did is in the store, which it continues from when it
/// wakes (docs/durable-executions.md).
final class ParkedExecutions: Sendable {
    private struct Sleeper: Comparable {
        var wake: Date
        /// Keeps equal wake-up times in the order they parked.
        var order: UInt64
        let execution: RunningExecution

        static func < (a: Sleeper, b: Sleeper) -> Bool { (a.wake, a.order) < (b.wake, b.order) }
        static func == (a: Sleeper, b: Sleeper) -> Bool { a.order == b.order }
    }

    private struct State {
        /// One timer for all sleepers; set only under the lock.
        let timer: any DispatchSourceTimer
        var sleepers = Heap<Sleeper>()
        var parked: UInt64 = 0
        /// What the timer is set to, if anything.
        var alarm: Date?
        /// Woken, and not yet ended or parked again.
        var awake = 0
        /// Some are due that the limit keeps asleep: the next to settle wakes them.
        var blocked = false
    }

    static let awakeLimit = 256

    private let queue = DispatchQueue(label: "host.parked-executions")
    private let state: Mutex<State>

    init() {
        state = Mutex(State(timer: DispatchSource.makeTimerSource(queue: queue)))
        state.withLock { state in
            state.timer.setEventHandler { [weak self] in self?.wakeDue() }
            state.timer.activate()
        }
    }

    deinit { state.withLock { $0.timer.cancel() } }

    /// How many are parked (an execution woken early by StopExecution still counts until its
    /// time comes).
    var count: Int { state.withLock { $0.sleepers.count } }

    /// Wakes `execution` at `wake` (`RunningExecution.wake`).
    func park(_ execution: RunningExecution, until wake: Date) {
        state.withLock { state in
            state.parked += 1
            state.sleepers.insert(Sleeper(wake: wake, order: state.parked, execution: execution))
            // Set under the lock, so that two parkings cannot leave the later time set.
            if state.alarm.map({ wake < $0 }) ?? true { setAlarm(wake, &state) }
        }
    }

    private func wakeDue() {
        let due = state.withLock { state -> [RunningExecution] in
            var due: [RunningExecution] = []
            let now = Date()
            while state.awake < Self.awakeLimit, let first = state.sleepers.min, first.wake <= now {
                due.append(state.sleepers.removeMin().execution)
                state.awake += 1
            }
            state.alarm = nil
            // With the limit reached, the next due ones wake as the woken settle.
            state.blocked = state.sleepers.min.map { $0.wake <= now } ?? false
            if !state.blocked, let next = state.sleepers.min { setAlarm(next.wake, &state) }
            return due
        }
        for execution in due {
            execution.wake { [weak self] in self?.settled() }
        }
    }

    /// A woken execution ended or parked again.
    private func settled() {
        let wakeMore = state.withLock { state in
            state.awake -= 1
            defer { state.blocked = false }
            return state.blocked
        }
        if wakeMore { queue.async { [weak self] in self?.wakeDue() } }
    }

    private func setAlarm(_ wake: Date, _ state: inout State) {
        state.alarm = wake
        let seconds = wake.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        state.timer.schedule(wallDeadline: DispatchWallTime(timespec: timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))),
                       leeway: .milliseconds(1))
    }
}
