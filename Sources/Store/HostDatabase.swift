import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The workspace's SQLite database, `.host/host.sqlite`: the one place `host` keeps state
/// between commands. Several processes may use it at once (write-ahead log, and a writer
/// that waits for another's transaction instead of failing).
public final class HostDatabase: Sendable {
    let pool: DatabasePool
    /// Checkpoints the log off the writer's commits.
    let checkpointer: WALCheckpointer

    /// Opens (creating it when missing) the database in `directory` and migrates its schema.
    public init(directory: URL) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // Opening switches a new database to WAL and migrates it; two processes doing that
            // at once would race (SQLite answers "database is locked" to the journal-mode
            // switch without waiting). A file lock makes openers take turns.
            let lock = try OpenLock(directory.appendingPathComponent("host.lock").path)
            defer { lock.release() }
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            configuration.label = "host"
            let path = directory.appendingPathComponent("host.sqlite").path
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try Self.migrator.migrate(pool)
            checkpointer = try WALCheckpointer(path: path)
            pool.writeWithoutTransaction { db in checkpointer.install(on: db) }
        } catch {
            throw StoreError(message: "cannot open the database in \(directory.path): \(error)")
        }
    }

    /// The schema, one named migration a step; never edit a published one, add another.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: log groups, streams and events") { db in
            try db.create(table: "logGroup") { t in
                t.primaryKey("name", .text)
                t.column("creationTime", .integer).notNull()
                t.column("retentionInDays", .integer)
            }
            try db.create(table: "logStream") { t in
                t.column("groupName", .text).notNull().references("logGroup", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("creationTime", .integer).notNull()
                t.column("firstEventTimestamp", .integer)
                t.column("lastEventTimestamp", .integer)
                t.column("lastIngestionTime", .integer)
                t.column("storedBytes", .integer).notNull().defaults(to: 0)
                t.primaryKey(["groupName", "name"])
            }
            try db.create(table: "logEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("groupName", .text).notNull()
                t.column("streamName", .text).notNull()
                t.column("timestamp", .integer).notNull()
                t.column("ingestionTime", .integer).notNull()
                t.column("message", .text).notNull()
            }
            try db.create(index: "logEventByGroupAndTime", on: "logEvent", columns: ["groupName", "timestamp"])
        }
        migrator.registerMigration("v2: executions and their history") { db in
            try db.create(table: "execution") { t in
                t.primaryKey("executionArn", .text)
                t.column("stateMachineArn", .text).notNull()
                t.column("machineName", .text).notNull()
                t.column("name", .text).notNull()
                t.column("status", .text).notNull()
                t.column("startDate", .integer).notNull()
                t.column("stopDate", .integer)
                t.column("input", .text).notNull()
                t.column("output", .text)
                t.column("error", .text)
                t.column("cause", .text)
            }
            try db.create(index: "executionByMachine", on: "execution", columns: ["machineName", "startDate"])
            try db.create(table: "historyEvent") { t in
                t.column("executionArn", .text).notNull().references("execution", onDelete: .cascade)
                t.column("id", .integer).notNull()
                t.column("previousEventId", .integer).notNull()
                t.column("timestamp", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("details", .text)
                t.primaryKey(["executionArn", "id"])
            }
        }
        registerEventsMigration(&migrator)
        registerTablesMigration(&migrator)
        registerExecutionDefinitionsMigration(&migrator)
        registerMachinesMigration(&migrator)
        registerTaskTokensMigration(&migrator)
        registerExecutionLeasesMigration(&migrator)
        registerRulesMigration(&migrator)
        registerExecutionTestCaseMigration(&migrator)
        registerMapRunsMigration(&migrator)
        registerConsoleIndexesMigration(&migrator)
        registerRuleRevisionMigration(&migrator)
        registerHistoryOrderMigration(&migrator)
        return migrator
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it
    /// throws. The transaction's statements are prepared once per connection (GRDB's own
    /// `write` prepares BEGIN and COMMIT anew for each transaction, which costs more than a
    /// small transaction's inserts).
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
                do {
                    let value = try body(db)
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                    return value
                } catch {
                    // SQLite may have rolled back already (a full disk, an interrupt).
                    if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                    throw error
                }
            }
        } catch {
            throw StoreError(message: "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError(message: "\(error)") }
    }

    /// Runs `body`, which runs one statement, without a transaction around it: SQLite runs a
    /// statement outside a transaction in a read transaction of its own, so the statement
    /// reads one state of the database, as in `read`, without the BEGIN and COMMIT that
    /// `read` prepares anew for each read. A read of more than one statement uses `read`.
    func readStatement<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.unsafeRead(body) } catch { throw StoreError(message: "\(error)") }
    }
}

/// A database operation that failed; nothing it would have written was kept.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// An exclusive advisory lock on a file, held while a process opens the database.
private struct OpenLock {
    let descriptor: Int32

    init(_ path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
