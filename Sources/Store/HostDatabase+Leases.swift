import GRDB

extension HostDatabase {
    static func registerExecutionLeasesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: the process that runs each execution, and its lease") { db in
            try db.alter(table: "execution") { t in
                t.add(column: "owner", .text)
                t.add(column: "leaseExpiry", .integer)
            }
            try db.create(index: "executionByStatus", on: "execution", columns: ["status"])
        }
    }

    static func registerExecutionTestCaseMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10: the test case a mocked execution ran") { db in
            try db.alter(table: "execution") { t in t.add(column: "testCase", .text) }
        }
    }

    /// Takes the execution for `owner` until `expiry` when `ExecutionLease` allows it; the
    /// claimed record, or nil when it is not free (or not RUNNING, or not there).
    public func claim(executionArn: String, owner: String, until expiry: Int64, now: Int64,
                      isGone: (String) -> Bool) throws(StoreError) -> ExecutionRecord? {
        try write { db in
            guard let record = try ExecutionRecord.fetchOne(db, key: executionArn),
                  ExecutionLease.isClaimable(record, by: owner, now: now, isGone: isGone) else { return nil }
            let claimed = ExecutionLease.claimed(record, by: owner, until: expiry)
            try claimed.update(db)
            return claimed
        }
    }

    /// Extends to `expiry` the lease of every RUNNING execution `owner` holds; their ARNs.
    public func renewLeases(owner: String, until expiry: Int64) throws(StoreError) -> [String] {
        try write { db in
            let held = ExecutionRecord.filter(Column("owner") == owner && Column("status") == "RUNNING")
            try held.updateAll(db, Column("leaseExpiry").set(to: expiry))
            return try String.fetchAll(db, held.select(Column("executionArn")))
        }
    }

    /// Lets go of every execution `owner` holds (it shuts down): they stay RUNNING, free for
    /// the next process to continue at once.
    public func releaseLeases(owner: String) throws(StoreError) {
        try write { db in
            try ExecutionRecord.filter(Column("owner") == owner)
                .updateAll(db, Column("owner").set(to: nil), Column("leaseExpiry").set(to: nil))
        }
    }

    /// Every RUNNING execution, oldest first.
    public func runningExecutions() throws(StoreError) -> [ExecutionRecord] {
        try read { db in
            try ExecutionRecord.filter(Column("status") == "RUNNING").order(Column("startDate"), Column("executionArn")).fetchAll(db)
        }
    }
}
