import Foundation

/// Where an execution's time comes from: the engine never reads the wall clock or sleeps by
/// itself.
///
/// With a virtual clock, waits and retry intervals pass at once while the history's
/// timestamps advance as though they had passed. Each path of an execution (a Parallel
/// branch, a Map iteration) keeps its own time, so two runs of one input give the same
/// timestamp offsets whatever the threads do.
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

/// The time along one path of an execution.
struct PathTime: Sendable {
    let clock: EngineClock
    private var virtualNow: Date

    init(clock: EngineClock) {
        self.clock = clock
        virtualNow = clock.virtualStart ?? clock.wallClock()
    }

    /// A branch starts at its parent's time.
    init(branchingFrom parent: PathTime) {
        clock = parent.clock
        virtualNow = parent.virtualNow
    }

    var now: Date { clock.isVirtual ? virtualNow : clock.wallClock() }

    /// Waits `seconds` (virtually: moves this path's time on). Throws CancellationError when
    /// the execution is stopped meanwhile.
    mutating func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        if clock.isVirtual {
            virtualNow += seconds
            try Task.checkCancellation()
        } else {
            try await clock.sleeper(.milliseconds(Int64((seconds * 1000).rounded())))
        }
    }

    /// After a Parallel or Map, the path goes on from the latest of its branches.
    mutating func join(_ branches: [PathTime]) {
        guard clock.isVirtual else { return }
        virtualNow = branches.map(\.virtualNow).max().map { max($0, virtualNow) } ?? virtualNow
    }
}
