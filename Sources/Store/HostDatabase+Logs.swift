import GRDB

/// A log group as CloudWatch Logs describes it (times in epoch milliseconds).
public struct LogGroupRecord: Sendable, Equatable, FetchableRecord, Decodable {
    public var name: String
    public var creationTime: Int64
    public var retentionInDays: Int?
    public var storedBytes: Int64
}

/// A log stream as CloudWatch Logs describes it.
public struct LogStreamRecord: Sendable, Equatable, FetchableRecord, Decodable {
    public var groupName: String
    public var name: String
    public var creationTime: Int64
    public var firstEventTimestamp: Int64?
    public var lastEventTimestamp: Int64?
    public var lastIngestionTime: Int64?
    public var storedBytes: Int64
}

/// One stored log event. `id` grows with every event stored, across processes: a follower
/// asks for the events after the last id it showed.
public struct LogEventRecord: Sendable, Equatable, FetchableRecord, Decodable {
    public var id: Int64
    public var groupName: String
    public var streamName: String
    public var timestamp: Int64
    public var ingestionTime: Int64
    public var message: String
}

/// An event to store.
public struct NewLogEvent: Sendable, Equatable {
    public var groupName: String
    public var streamName: String
    public var timestamp: Int64
    public var message: String

    public init(groupName: String, streamName: String, timestamp: Int64, message: String) {
        self.groupName = groupName
        self.streamName = streamName
        self.timestamp = timestamp
        self.message = message
    }
}

/// Which events to read.
public struct LogEventQuery: Sendable {
    public var groupName: String
    public var streamNames: [String]?
    public var start: Int64?
    /// Exclusive.
    public var end: Int64?
    public var afterID: Int64?
    public var limit: Int?

    public init(groupName: String, streamNames: [String]? = nil, start: Int64? = nil, end: Int64? = nil,
                afterID: Int64? = nil, limit: Int? = nil) {
        self.groupName = groupName
        self.streamNames = streamNames
        self.start = start
        self.end = end
        self.afterID = afterID
        self.limit = limit
    }
}

extension HostDatabase {
    /// Stores a batch in one transaction, creating the groups and streams it names.
    public func append(_ events: [NewLogEvent], ingestionTime: Int64) throws(StoreError) {
        guard !events.isEmpty else { return }
        try write { db in
            var streams: [String: (group: String, stream: String, first: Int64, last: Int64, bytes: Int64)] = [:]
            let insert = try db.cachedStatement(sql: """
                INSERT INTO logEvent (groupName, streamName, timestamp, ingestionTime, message) VALUES (?, ?, ?, ?, ?)
                """)
            for event in events {
                try insert.execute(arguments: [event.groupName, event.streamName, event.timestamp, ingestionTime, event.message])
                let key = event.groupName + "\u{0}" + event.streamName
                var s = streams[key] ?? (event.groupName, event.streamName, event.timestamp, event.timestamp, 0)
                s.first = min(s.first, event.timestamp)
                s.last = max(s.last, event.timestamp)
                s.bytes += Int64(event.message.utf8.count)
                streams[key] = s
            }
            for s in streams.values {
                // Prepared once per connection, as the insert above: preparing the upsert
                // costs several times more than running it.
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO logGroup (name, creationTime) VALUES (?, ?)")
                    .execute(arguments: [s.group, s.first])
                try db.cachedStatement(sql: """
                    INSERT INTO logStream (groupName, name, creationTime, firstEventTimestamp, lastEventTimestamp,
                                           lastIngestionTime, storedBytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (groupName, name) DO UPDATE SET
                        firstEventTimestamp = min(coalesce(firstEventTimestamp, excluded.firstEventTimestamp), excluded.firstEventTimestamp),
                        lastEventTimestamp = max(coalesce(lastEventTimestamp, excluded.lastEventTimestamp), excluded.lastEventTimestamp),
                        lastIngestionTime = excluded.lastIngestionTime,
                        storedBytes = storedBytes + excluded.storedBytes
                    """).execute(arguments: [s.group, s.stream, s.first, s.first, s.last, ingestionTime, s.bytes])
            }
        }
    }

    /// Log groups whose name starts with `prefix`, by name.
    public func logGroups(prefix: String? = nil) throws(StoreError) -> [LogGroupRecord] {
        try read { db in
            try LogGroupRecord.fetchAll(db, sql: """
                SELECT g.name, g.creationTime, g.retentionInDays,
                       (SELECT coalesce(sum(s.storedBytes), 0) FROM logStream s WHERE s.groupName = g.name) AS storedBytes
                FROM logGroup g WHERE substr(g.name, 1, length(?)) = ? ORDER BY g.name
                """, arguments: [prefix ?? "", prefix ?? ""])
        }
    }

    /// The streams of a group, by name, or newest last event first.
    public func logStreams(group: String, byLastEvent: Bool = false) throws(StoreError) -> [LogStreamRecord] {
        try read { db in
            let order = byLastEvent ? "lastEventTimestamp DESC, name" : "name"
            return try LogStreamRecord.fetchAll(db, sql: """
                SELECT groupName, name, creationTime, firstEventTimestamp, lastEventTimestamp, lastIngestionTime, storedBytes
                FROM logStream WHERE groupName = ? ORDER BY \(order)
                """, arguments: [group])
        }
    }

    /// Events of a group in time order (ties in the order they were stored).
    public func logEvents(_ query: LogEventQuery) throws(StoreError) -> [LogEventRecord] {
        let (sql, arguments) = Self.statement(of: query)
        return try read { db in try LogEventRecord.fetchAll(db, sql: sql, arguments: arguments) }
    }

    /// The SQL of `logEvents(_:)` and its arguments.
    static func statement(of query: LogEventQuery) -> (sql: String, arguments: StatementArguments) {
        var sql = "SELECT id, groupName, streamName, timestamp, ingestionTime, message FROM logEvent WHERE groupName = ?"
        var arguments: StatementArguments = [query.groupName]
        if let streams = query.streamNames {
            sql += " AND streamName IN (\(databaseQuestionMarks(count: streams.count)))"
            arguments += StatementArguments(streams)
        }
        if let start = query.start { sql += " AND timestamp >= ?"; arguments += [start] }
        if let end = query.end { sql += " AND timestamp < ?"; arguments += [end] }
        if let after = query.afterID { sql += " AND id > ?"; arguments += [after] }
        sql += " ORDER BY timestamp, id"
        if let limit = query.limit { sql += " LIMIT ?"; arguments += [limit] }
        return (sql, arguments)
    }

    public func lastLogEventID() throws(StoreError) -> Int64 {
        // The id is AUTOINCREMENT, never given twice: the largest kept is a lower bound of every later one.
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM logEvent") ?? 0 }
    }

    /// Sets (or with nil removes) a group's retention; false when there is no such group.
    public func setRetention(group: String, days: Int?) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE logGroup SET retentionInDays = ? WHERE name = ?", arguments: [days, group])
            return db.changesCount > 0
        }
    }

    /// Deletes the events older than their group's retention allows, as of `now`.
    public func deleteExpiredLogEvents(now: Int64) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                DELETE FROM logEvent WHERE id IN (
                    SELECT e.id FROM logEvent e JOIN logGroup g ON g.name = e.groupName
                    WHERE g.retentionInDays IS NOT NULL AND e.timestamp < ? - g.retentionInDays * 86400000)
                """, arguments: [now])
        }
    }

    public func createLogGroup(_ name: String, creationTime: Int64) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO logGroup (name, creationTime) VALUES (?, ?)", arguments: [name, creationTime])
            return db.changesCount > 0
        }
    }

    public func createLogStream(group: String, name: String, creationTime: Int64) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO logStream (groupName, name, creationTime) VALUES (?, ?, ?)",
                           arguments: [group, name, creationTime])
            return db.changesCount > 0
        }
    }

    public func deleteLogGroup(_ name: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM logEvent WHERE groupName = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM logStream WHERE groupName = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM logGroup WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
