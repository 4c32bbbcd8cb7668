/// `MapRunItemCounts` or `MapRunExecutionCounts`: the same members, counting items or child
/// executions. `total` is the sum of the six by status; what was never started stays
/// `pending` (unsure: AWS does not say how it counts the items of a failed Map Run that never
/// started). `resultsWritten` counts what a `ResultWriter` wrote; `host` never redrives, so
/// `failuresNotRedrivable` and `pendingRedrive` stay 0.
public struct MapRunCounts: Sendable, Equatable, Codable {
    public var pending: Int
    public var running = 0
    public var succeeded = 0
    public var failed = 0
    public var timedOut = 0
    public var aborted = 0
    public var total: Int
    public var resultsWritten = 0
    public var failuresNotRedrivable = 0
    public var pendingRedrive = 0

    /// `total` of them, none started.
    public init(total: Int) {
        pending = total
        self.total = total
    }

    public init(pending: Int, running: Int, succeeded: Int, failed: Int, timedOut: Int, aborted: Int, total: Int,
                resultsWritten: Int = 0, failuresNotRedrivable: Int = 0, pendingRedrive: Int = 0) {
        self.pending = pending
        self.running = running
        self.succeeded = succeeded
        self.failed = failed
        self.timedOut = timedOut
        self.aborted = aborted
        self.total = total
        self.resultsWritten = resultsWritten
        self.failuresNotRedrivable = failuresNotRedrivable
        self.pendingRedrive = pendingRedrive
    }

    /// `count` of them started (a child's items, or the child).
    mutating func start(_ count: Int = 1) {
        pending -= count
        running += count
    }

    mutating func end(_ status: ExecutionStatus, _ count: Int = 1) {
        running -= count
        switch status {
        case .succeeded: succeeded += count
        case .timedOut: timedOut += count
        case .aborted: aborted += count
        case .failed, .pendingRedrive, .running: failed += count
        }
    }
}
