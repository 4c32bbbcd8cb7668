import Clocks
import Dispatch
import Foundation
import Store
import Synchronization

/// CloudWatch-style log groups, streams and events, kept in the workspace store.
///
/// Writes are batched: events wait in memory until a batch is full or a short delay has
/// passed, then go to the database in one transaction. `flush()` writes what waits now;
/// every command calls it before it exits.
public final class LogStore: Sendable {
    /// Events a batch holds before it is written at once.
    public static let batchSize = 512
    /// How long an event may wait for its batch.
    public static let batchDelay: DispatchTimeInterval = .milliseconds(200)

    /// The retention values CloudWatch Logs accepts, in days (docs/logs.md).
    public static let retentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    let store: any LogEventStore
    let now: @Sendable () -> Date
    private let pending = Mutex<(events: [NewLogEvent], flushScheduled: Bool)>(([], false))
    /// Serialises flushes so batches reach the database in the order they were made.
    private let flushing = Mutex<Void>(())

    public init(store: any LogEventStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    // MARK: - Writing

    /// Queues events for one stream; the group and stream exist from their first event on.
    public func put(group: String, stream: String, events: [(timestamp: Date, message: String)]) {
        let new = events.map {
            NewLogEvent(groupName: group, streamName: stream, timestamp: $0.timestamp.epochMilliseconds, message: $0.message)
        }
        let action: (flushNow: Bool, schedule: Bool) = pending.withLock { pending in
            pending.events += new
            if pending.events.count >= Self.batchSize { return (true, false) }
            if pending.flushScheduled { return (false, false) }
            pending.flushScheduled = true
            return (false, true)
        }
        if action.flushNow {
            try? flush()
        } else if action.schedule {
            DispatchQueue.global().asyncAfter(deadline: .now() + Self.batchDelay) { [self] in try? flush() }
        }
    }

    /// Writes every queued event now, in one transaction.
    public func flush() throws(StoreError) {
        let failure = flushing.withLock { _ -> StoreError? in
            let batch = pending.withLock { pending in
                defer { pending = ([], false) }
                return pending.events
            }
            guard !batch.isEmpty else { return nil }
            let written = Result { () throws(StoreError) in try store.append(batch, ingestionTime: now().epochMilliseconds) }
            guard case .failure(let error) = written else { return nil }
            // Keep the batch for the next try, ahead of anything queued since.
            pending.withLock { $0.events = batch + $0.events }
            return error
        }
        if let failure { throw failure }
    }

    // MARK: - Reading

    public func groups(prefix: String? = nil) throws(StoreError) -> [LogGroupRecord] {
        try store.logGroups(prefix: prefix)
    }

    /// The largest id an event has been given; every event stored later has a larger one.
    public func lastEventID() throws(StoreError) -> Int64 {
        try store.lastLogEventID()
    }

    public func streams(group: String, orderByLastEvent: Bool = false) throws(StoreError) -> [LogStreamRecord] {
        try store.logStreams(group: group, byLastEvent: orderByLastEvent)
    }

    /// The events of `group` from `start` (inclusive) to `end` (exclusive) that match
    /// `filter`, in time order; events past their group's retention are never returned.
    public func events(group: String, streams: [String]? = nil, start: Date? = nil, end: Date? = nil,
                       filter: FilterPattern? = nil, afterID: Int64? = nil) throws(StoreError) -> [LogEventRecord] {
        var earliest = start.map(\.epochMilliseconds)
        if let retention = try store.logGroups(prefix: group).first(where: { $0.name == group })?.retentionInDays {
            let horizon = now().epochMilliseconds - Int64(retention) * 86_400_000
            earliest = max(earliest ?? horizon, horizon)
        }
        let query = LogEventQuery(groupName: group, streamNames: streams, start: earliest,
                                  end: end.map(\.epochMilliseconds), afterID: afterID)
        let events = try store.logEvents(query)
        guard let filter, !filter.matchesEverything else { return events }
        return events.filter { filter.matches($0.message) }
    }

    /// Sets a group's retention (`aws logs put-retention-policy`); nil removes it.
    public func putRetentionPolicy(group: String, days: Int?) throws(LogsError) {
        if let days, !Self.retentionDays.contains(days) {
            throw .invalidRetention(days)
        }
        let found: Bool
        do { found = try store.setRetention(group: group, days: days) } catch { throw .store(error) }
        guard found else { throw .noSuchGroup(group) }
        do { try store.deleteExpiredLogEvents(now: now().epochMilliseconds) } catch { throw .store(error) }
    }
}

/// What the log commands can refuse.
public enum LogsError: Error, Sendable, CustomStringConvertible {
    case noSuchGroup(String)
    case invalidRetention(Int)
    case store(StoreError)

    public var description: String {
        switch self {
        case .noSuchGroup(let name): "The specified log group does not exist: \(name)"
        case .invalidRetention(let days):
            "retention of \(days) days is not allowed; use one of \(LogStore.retentionDays.map(String.init).joined(separator: ", "))"
        case .store(let error): error.description
        }
    }
}
