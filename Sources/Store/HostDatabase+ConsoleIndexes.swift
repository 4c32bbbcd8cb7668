import GRDB

extension HostDatabase {
    /// Indexes for the web console's frequent reads (docs/console.md): the home page counts
    /// executions by machine and status, and a live tail looks every 250 ms for a group's
    /// events past an id, which the group's index by time would answer by reading all of them.
    static func registerConsoleIndexesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12: executions by machine and status, log events by group and id") { db in
            try db.create(index: "executionByMachineAndStatus", on: "execution", columns: ["machineName", "status"])
            try db.create(index: "logEventByGroupAndId", on: "logEvent", columns: ["groupName", "id"])
        }
    }

    /// How SQLite runs `sql` (EXPLAIN QUERY PLAN's detail lines), for the tests that check a
    /// query is answered through an index.
    func queryPlan(_ sql: String, arguments: StatementArguments) throws(StoreError) -> [String] {
        try read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] } }
    }
}
