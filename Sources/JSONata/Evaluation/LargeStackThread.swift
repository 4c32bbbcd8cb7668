import Foundation

/// Runs deep evaluations on a thread with a large stack, so that the depth bound, not the
/// caller's stack size, decides how deep an expression may recurse (docs/jsonata.md).
enum LargeStackThread {
    /// The stack of the thread.
    static let stackBytes = 64 << 20
    /// What an evaluation may use of it, leaving room for the thread's own frames.
    static let usableBytes = stackBytes - (1 << 20)

    /// Runs `job` on a new thread and waits for its result.
    static func run<T>(_ job: UncheckedBox<() -> T>) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = UncheckedBox<T?>(nil)
        let thread = Thread {
            result.value = job.value()
            done.signal()
        }
        thread.stackSize = stackBytes
        thread.start()
        done.wait()
        return result.value!
    }
}

/// Hands a value to the one other thread that uses it while this one waits.
final class UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
