import GRDB

/// A stored event of the workspace's event bus.
public struct EventRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"
    public var id: String
    /// Epoch milliseconds.
    public var time: Int64
    public var detailType: String
    public var source: String
    /// `detail.status` for Step Functions status changes.
    public var status: String?
    /// The first of the event's `resources`.
    public var resource: String?
    /// The whole event, as JSON text.
    public var body: String

    public init(id: String, time: Int64, detailType: String, source: String, status: String?, resource: String?, body: String) {
        self.id = id
        self.time = time
        self.detailType = detailType
        self.source = source
        self.status = status
        self.resource = resource
        self.body = body
    }
}

/// An event whose delivery to a target finally failed, and why.
public struct DeadLetterRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "deadLetter"
    public var id: Int64?
    public var eventId: String
    public var rule: String
    public var target: String
    public var attempts: Int
    public var reason: String
    public var time: Int64

    public init(eventId: String, rule: String, target: String, attempts: Int, reason: String, time: Int64) {
        self.eventId = eventId
        self.rule = rule
        self.target = target
        self.attempts = attempts
        self.reason = reason
        self.time = time
    }
}

extension HostDatabase {
    /// "v3: events, deliveries and dead letters"
    static func registerEventsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: events, deliveries and dead letters") { db in
            try db.create(table: "event") { t in
                t.primaryKey("id", .text)
                t.column("time", .integer).notNull()
                t.column("detailType", .text).notNull()
                t.column("source", .text).notNull()
                t.column("status", .text)
                t.column("resource", .text)
                t.column("body", .text).notNull()
            }
            try db.create(index: "eventByTime", on: "event", columns: ["time"])
            try db.create(table: "deadLetter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("eventId", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("target", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("reason", .text).notNull()
                t.column("time", .integer).notNull()
            }
        }
    }

    public func insert(_ event: EventRecord) throws(StoreError) {
        try write { db in try event.insert(db) }
    }

    public func insert(_ events: [EventRecord]) throws(StoreError) {
        guard !events.isEmpty else { return }
        try write { db in try Self.insert(events, db) }
    }

    public func insert(_ events: [EventRecord], readingRulesUnless known: Int64?) throws(StoreError) -> RulesRead {
        try write { db in
            try Self.insert(events, db)
            let revision = try Int64.fetchOne(db.cachedStatement(sql: "SELECT revision FROM eventRuleRevision")) ?? 0
            guard revision != known else { return RulesRead(revision: revision, rules: nil) }
            return RulesRead(revision: revision, rules: try Self.rules(db))
        }
    }

    private static func insert(_ events: [EventRecord], _ db: Database) throws {
        // Prepared once per connection, and bound directly rather than through Codable:
        // every status change of every execution comes this way.
        let statement = try db.cachedStatement(sql: """
            INSERT INTO event (id, time, detailType, source, status, resource, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for event in events {
            try statement.run(binding: [event.id.databaseValue, event.time.databaseValue, event.detailType.databaseValue,
                                        event.source.databaseValue, event.status.databaseValue, event.resource.databaseValue,
                                        event.body.databaseValue])
        }
    }

    public func insert(_ deadLetter: DeadLetterRecord) throws(StoreError) {
        try write { db in try deadLetter.insert(db) }
    }

    /// Events from `since` (epoch milliseconds) on, oldest first; with one status when given.
    public func events(since: Int64? = nil, status: String? = nil) throws(StoreError) -> [EventRecord] {
        try read { db in
            var request = EventRecord.order(Column("time"), Column("rowid"))
            if let since { request = request.filter(Column("time") >= since) }
            if let status { request = request.filter(Column("status") == status) }
            return try request.fetchAll(db)
        }
    }

    public func event(id: String) throws(StoreError) -> EventRecord? {
        try read { db in try EventRecord.fetchOne(db, key: id) }
    }

    public func deadLetters() throws(StoreError) -> [DeadLetterRecord] {
        try read { db in try DeadLetterRecord.order(Column("id")).fetchAll(db) }
    }
}
