import Dispatch
import Foundation
import HeapModule
import Synchronization

/// The executions of this process parked in a Wait (`Execution.runOrPark`), by wake-up
/// time: one timer for all of them, set to the earliest, instead of a task and a timer each.
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
        var sleepers = Heap<Sleeper>()
        var parked: UInt64 = 0
        /// What the timer is set to, if anything.
        var alarm: Date?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "host.parked-executions")
    private nonisolated(unsafe) let timer: any DispatchSourceTimer

    init() {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [weak self] in self?.wakeDue() }
        timer.activate()
    }

    deinit { timer.cancel() }

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
            while let first = state.sleepers.min, first.wake <= now { due.append(state.sleepers.removeMin().execution) }
            state.alarm = nil
            if let next = state.sleepers.min { setAlarm(next.wake, &state) }
            return due
        }
        for execution in due { execution.wake() }
    }

    private func setAlarm(_ wake: Date, _ state: inout State) {
        state.alarm = wake
        let seconds = wake.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        timer.schedule(wallDeadline: DispatchWallTime(timespec: timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))),
                       leeway: .milliseconds(1))
    }
}
