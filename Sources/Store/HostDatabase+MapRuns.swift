import GRDB

/// A Distributed Map's Map Run as DescribeMapRun describes it (docs/distributed-map.md): the
/// execution that started it, the labelled state machine its children run, its settings and
/// its counts (dates in epoch milliseconds; the counts as the JSON text of `MapRunItemCounts`
/// and `MapRunExecutionCounts`, which the Workspace reads and writes).
public struct MapRunRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "mapRun"
    public var mapRunArn: String
    /// The parent execution's ARN.
    public var executionArn: String
    /// `arn:...:stateMachine:MACHINE/LABEL`.
    public var stateMachineArn: String
    /// RUNNING, SUCCEEDED, FAILED or ABORTED.
    public var status: String
    public var startDate: Int64
    public var stopDate: Int64?
    public var maxConcurrency: Int64
    public var toleratedFailureCount: Int64
    public var toleratedFailurePercentage: Double
    public var itemCounts: String
    public var executionCounts: String

    public init(mapRunArn: String, executionArn: String, stateMachineArn: String, status: String, startDate: Int64,
                stopDate: Int64? = nil, maxConcurrency: Int64, toleratedFailureCount: Int64, toleratedFailurePercentage: Double,
                itemCounts: String, executionCounts: String) {
        self.mapRunArn = mapRunArn
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.itemCounts = itemCounts
        self.executionCounts = executionCounts
    }
}

extension HostDatabase {
    static func registerMapRunsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11: Map Runs, and the Map Run of each child execution") { db in
            try db.create(table: "mapRun") { t in
                t.primaryKey("mapRunArn", .text)
                t.column("executionArn", .text).notNull()
                t.column("stateMachineArn", .text).notNull()
                t.column("status", .text).notNull()
                t.column("startDate", .integer).notNull()
                t.column("stopDate", .integer)
                t.column("maxConcurrency", .integer).notNull()
                t.column("toleratedFailureCount", .integer).notNull()
                t.column("toleratedFailurePercentage", .double).notNull()
                t.column("itemCounts", .text).notNull()
                t.column("executionCounts", .text).notNull()
            }
            try db.create(index: "mapRunByExecution", on: "mapRun", columns: ["executionArn", "startDate"])
            try db.alter(table: "execution") { t in t.add(column: "mapRunArn", .text) }
            try db.create(index: "executionByMapRun", on: "execution", columns: ["mapRunArn", "startDate"])
        }
    }

    /// Stores the Map Run as it is now, replacing what was stored of it.
    static func put(_ mapRun: MapRunRecord, _ db: Database) throws {
        try mapRun.save(db)
    }

    public func mapRun(arn: String) throws(StoreError) -> MapRunRecord? {
        try read { db in try MapRunRecord.fetchOne(db, key: arn) }
    }

    public func mapRuns(executionArn: String) throws(StoreError) -> [MapRunRecord] {
        try read { db in
            try MapRunRecord.filter(Column("executionArn") == executionArn).order(Column("startDate"), Column("mapRunArn")).fetchAll(db)
        }
    }

    public func executions(mapRunArn: String, status: String?) throws(StoreError) -> [ExecutionRecord] {
        try read { db in
            var request = ExecutionRecord.filter(Column("mapRunArn") == mapRunArn)
            if let status { request = request.filter(Column("status") == status) }
            return try request.order(Column("startDate").desc, Column("executionArn")).fetchAll(db)
        }
    }
}
