import Foundation

/// Where time comes from. A workspace has one clock and gives it to every part that reads or
/// waits on time: the engine, the functions (their log lines, `os.time`), the log store, the
/// event bus. Nothing else reads the wall clock or sleeps.
///
/// Two kinds: `SystemClock`, real time, and `VirtualClock`, where waits pass at once while
/// time advances as though they had passed. Code that uses a clock never asks which it has.
public protocol HostClock: AnyObject, Sendable {
    /// The time now.
    var now: Date { get }

    /// `count` more pieces of work start running (an execution, a branch, an iteration). On a
    /// virtual clock time stands still while anything runs.
    func enter(_ count: Int)

    /// One piece of work stops running: it ended, or it waits for others.
    func leave()

    /// Waits `seconds` (counting as not running meanwhile). Throws CancellationError when the
    /// task is cancelled first.
    func sleep(seconds: Double) async throws

    /// Calls `action` once `seconds` have passed, unless the returned cancellation comes first.
    /// An alarm is no running work of its own.
    func alarm(after seconds: Double, _ action: @escaping @Sendable () -> Void) -> @Sendable () -> Void
}

extension HostClock {
    public func enter() { enter(1) }

    /// Waits until `seconds` after `start`: what remains of a time limit that began then. On
    /// real time the work since `start` has used it up; on virtual time, where work takes no
    /// time, all of it passes now.
    public func sleep(until seconds: Double, after start: Date) async throws {
        try await sleep(seconds: max(0, start.addingTimeInterval(seconds).timeIntervalSince(now)))
    }
}

/// Real time: `now` reads the wall clock and `sleep` waits.
public final class SystemClock: HostClock {
    public init() {}

    public var now: Date { Date() }
    public func enter(_ count: Int) {}
    public func leave() {}

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    public func alarm(after seconds: Double, _ action: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        let timer = Task { [self] in
            if (try? await sleep(seconds: seconds)) != nil { action() }
        }
        return { timer.cancel() }
    }
}
