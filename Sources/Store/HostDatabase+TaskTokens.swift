import GRDB

/// A callback task's token and where it stands: handed out by an execution, answered by
/// SendTaskSuccess or SendTaskFailure (from any process), kept alive by SendTaskHeartbeat.
public struct TaskTokenRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "taskToken"
    public var token: String
    public var executionArn: String
    /// `WAITING` until answered; then `SUCCEEDED` or `FAILED` (the answer waits to be taken),
    /// and `CLOSED` once taken, timed out, or the execution stopped (`TIMED_OUT` when it timed
    /// out, so that a late answer hears TaskTimedOut).
    public var status: String
    public var output: String?
    public var error: String?
    public var cause: String?
    /// Epoch milliseconds.
    public var createdAt: Int64
    /// The last heartbeat (or the creation), epoch milliseconds.
    public var heartbeatAt: Int64
    /// Grows with every change of any token: what a waiting process polls for.
    public var revision: Int64

    public init(token: String, executionArn: String, status: String = "WAITING", output: String? = nil, error: String? = nil,
                cause: String? = nil, createdAt: Int64, heartbeatAt: Int64, revision: Int64 = 0) {
        self.token = token
        self.executionArn = executionArn
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        self.createdAt = createdAt
        self.heartbeatAt = heartbeatAt
        self.revision = revision
    }
}

extension HostDatabase {
    /// "v7: task tokens of callback tasks"
    static func registerTaskTokensMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: task tokens of callback tasks") { db in
            try db.create(table: "taskToken") { t in
                t.primaryKey("token", .text)
                t.column("executionArn", .text).notNull()
                t.column("status", .text).notNull()
                t.column("output", .text)
                t.column("error", .text)
                t.column("cause", .text)
                t.column("createdAt", .integer).notNull()
                t.column("heartbeatAt", .integer).notNull()
                t.column("revision", .integer).notNull()
            }
            try db.create(index: "taskTokenByRevision", on: "taskToken", columns: ["revision"])
        }
    }

    public func register(_ token: TaskTokenRecord) throws(StoreError) {
        try write { db in
            guard try !TaskTokenRecord.exists(db, key: token.token) else { return }
            var token = token
            token.revision = try Self.nextRevision(db)
            try token.insert(db)
        }
    }

    public func taskTokens(changedAfter revision: Int64) throws(StoreError) -> [TaskTokenRecord] {
        try read { db in try TaskTokenRecord.filter(Column("revision") > revision).order(Column("revision")).fetchAll(db) }
    }

    private static func nextRevision(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(revision), 0) + 1 FROM taskToken") ?? 1
    }

    public func taskToken(_ token: String) throws(StoreError) -> TaskTokenRecord? {
        try read { db in try TaskTokenRecord.fetchOne(db, key: token) }
    }

    public func change(token: String, _ decide: (TaskTokenRecord) -> TaskTokenRecord?) throws(StoreError) -> TaskTokenRecord? {
        try write { db in
            guard let current = try TaskTokenRecord.fetchOne(db, key: token) else { return nil }
            guard var changed = decide(current) else { return current }
            changed.revision = try Self.nextRevision(db)
            try changed.update(db)
            return changed
        }
    }
}
