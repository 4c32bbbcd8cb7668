import GRDB

extension HostDatabase {
    /// History events keyed by the order their executions were recorded in, not by the ARN.
    ///
    /// Keyed by ARN, the events of executions started together land in leaves of the key's
    /// B-tree that are far apart (names are random, or the caller's), and a commit rewrites a
    /// whole page in the write-ahead log for each: a quarter of all the pages `host serve`
    /// wrote under load (docs/profiles/serve.md). Numbered in the order of their records,
    /// executions started together are neighbours, and so are their events.
    ///
    /// `number` is a column of its own, not the table's rowid: SQLite's VACUUM may renumber a
    /// rowid that no INTEGER PRIMARY KEY names, and the events would then name other
    /// executions.
    static func registerHistoryOrderMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14: history events keyed by the order their executions were recorded in") { db in
            try db.alter(table: "execution") { t in t.add(column: "number", .integer) }
            try db.execute(sql: "UPDATE execution SET number = rowid")
            try db.create(index: "executionByNumber", on: "execution", columns: ["number"], unique: true)
            try db.rename(table: "historyEvent", to: "historyEventByArn")
            try db.create(table: "historyEvent") { t in
                t.column("execution", .integer).notNull().references("execution", column: "number", onDelete: .cascade)
                t.column("id", .integer).notNull()
                t.column("previousEventId", .integer).notNull()
                t.column("timestamp", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("details", .text)
                t.primaryKey(["execution", "id"])
            }
            try db.execute(sql: """
                INSERT INTO historyEvent (execution, id, previousEventId, timestamp, type, details)
                SELECT execution.number, old.id, old.previousEventId, old.timestamp, old.type, old.details
                FROM historyEventByArn AS old JOIN execution ON execution.executionArn = old.executionArn
                ORDER BY execution.number, old.id
                """)
            try db.drop(table: "historyEventByArn")
        }
    }

    /// The number of the execution with `executionArn`: SQL for a value of a statement whose
    /// parameter `?1` is the ARN.
    static let executionNumberSQL = "(SELECT number FROM execution WHERE executionArn = ?1)"
}
