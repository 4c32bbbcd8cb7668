import GRDB

/// An execution as DescribeExecution describes it (dates in epoch milliseconds; input and
/// output as JSON text), with the definition it ran.
public struct ExecutionRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "execution"
    public var executionArn: String
    public var stateMachineArn: String
    public var machineName: String
    public var name: String
    public var status: String
    public var startDate: Int64
    public var stopDate: Int64?
    public var input: String
    public var output: String?
    public var error: String?
    public var cause: String?
    /// The definition's text as it ran (DescribeStateMachineForExecution's `definition`); nil
    /// for executions stored before definitions were kept.
    public var definition: String?
    /// The file the definition was read from, as an absolute path.
    public var definitionFile: String?
    /// When that file was last changed, in epoch milliseconds (`updateDate`).
    public var definitionDate: Int64?
    /// The process running the execution while it is RUNNING (`ExecutionLease`), nil when no
    /// process holds it.
    public var owner: String?
    /// Until when (epoch milliseconds, wall time) `owner` holds it unless it renews.
    public var leaseExpiry: Int64?

    public init(executionArn: String, stateMachineArn: String, machineName: String, name: String, status: String,
                startDate: Int64, stopDate: Int64? = nil, input: String, output: String? = nil, error: String? = nil,
                cause: String? = nil, definition: String? = nil, definitionFile: String? = nil, definitionDate: Int64? = nil,
                owner: String? = nil, leaseExpiry: Int64? = nil) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.machineName = machineName
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.definition = definition
        self.definitionFile = definitionFile
        self.definitionDate = definitionDate
        self.owner = owner
        self.leaseExpiry = leaseExpiry
    }
}

/// One history event as stored: its details as JSON text.
public struct HistoryEventRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "historyEvent"
    public var executionArn: String
    public var id: Int64
    public var previousEventId: Int64
    public var timestamp: Int64
    public var type: String
    public var details: String?

    public init(executionArn: String, id: Int64, previousEventId: Int64, timestamp: Int64, type: String, details: String?) {
        self.executionArn = executionArn
        self.id = id
        self.previousEventId = previousEventId
        self.timestamp = timestamp
        self.type = type
        self.details = details
    }
}

/// A function invocation an execution made: where its log lines are.
public struct InvocationRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "executionInvocation"
    public var executionArn: String
    /// The order of the invocations within the execution, from 1.
    public var sequence: Int64
    public var logGroupName: String
    public var logStreamName: String
    public var requestId: String

    public init(executionArn: String, sequence: Int64, logGroupName: String, logStreamName: String, requestId: String) {
        self.executionArn = executionArn
        self.sequence = sequence
        self.logGroupName = logGroupName
        self.logStreamName = logStreamName
        self.requestId = requestId
    }
}

extension HostDatabase {
    static func registerExecutionDefinitionsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5: the definition each execution ran, and the invocations it made") { db in
            try db.alter(table: "execution") { t in
                t.add(column: "definition", .text)
                t.add(column: "definitionFile", .text)
                t.add(column: "definitionDate", .integer)
            }
            try db.create(index: "executionByName", on: "execution", columns: ["name"])
            try db.create(table: "executionInvocation") { t in
                t.column("executionArn", .text).notNull().references("execution", onDelete: .cascade)
                t.column("sequence", .integer).notNull()
                t.column("logGroupName", .text).notNull()
                t.column("logStreamName", .text).notNull()
                t.column("requestId", .text).notNull()
                t.primaryKey(["executionArn", "sequence"])
            }
        }
    }

    /// Records a new execution; false when one with that ARN exists already
    /// (`ExecutionAlreadyExists`).
    public func insert(_ execution: ExecutionRecord) throws(StoreError) -> Bool {
        try write { db in
            if try ExecutionRecord.exists(db, key: execution.executionArn) { return false }
            try execution.insert(db)
            return true
        }
    }

    /// Saves the execution's final state, with the events and invocations not yet saved, in
    /// one transaction; refused, saving nothing, when another owner has claimed the execution
    /// since (`ExecutionLease`).
    public func finish(_ execution: ExecutionRecord, events: [HistoryEventRecord],
                       invocations: [InvocationRecord] = []) throws(StoreError) {
        try write { db in
            let stored = try ExecutionRecord.fetchOne(db, key: execution.executionArn)
            if let stored, let lost = ExecutionLease.lost(stored, to: execution) { throw lost }
            try Self.insert(events, invocations, db)
            var ended = execution
            ended.owner = nil
            ended.leaseExpiry = nil
            try ended.update(db)
        }
    }

    /// Saves events and invocations of a running execution in one transaction.
    public func append(_ events: [HistoryEventRecord], invocations: [InvocationRecord] = []) throws(StoreError) {
        guard !events.isEmpty || !invocations.isEmpty else { return }
        try write { db in try Self.insert(events, invocations, db) }
    }

    private static func insert(_ events: [HistoryEventRecord], _ invocations: [InvocationRecord], _ db: Database) throws {
        for event in events { try event.insert(db, onConflict: .ignore) }
        for invocation in invocations { try invocation.insert(db, onConflict: .ignore) }
    }

    /// Executions, newest first; of one machine and with one status when given, at most
    /// `limit` of them.
    public func executions(machineName: String? = nil, status: String? = nil, limit: Int? = nil) throws(StoreError) -> [ExecutionRecord] {
        try read { db in
            var request = ExecutionRecord.all()
            if let machineName { request = request.filter(Column("machineName") == machineName) }
            if let status { request = request.filter(Column("status") == status) }
            request = request.order(Column("startDate").desc, Column("executionArn"))
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The execution with this ARN.
    public func execution(arn: String) throws(StoreError) -> ExecutionRecord? {
        try read { db in try ExecutionRecord.fetchOne(db, key: arn) }
    }

    /// Every execution with this name (of any machine), newest first.
    public func executions(named name: String) throws(StoreError) -> [ExecutionRecord] {
        try read { db in
            try ExecutionRecord.filter(Column("name") == name).order(Column("startDate").desc, Column("executionArn")).fetchAll(db)
        }
    }

    public func history(of executionArn: String) throws(StoreError) -> [HistoryEventRecord] {
        try read { db in
            try HistoryEventRecord.filter(Column("executionArn") == executionArn).order(Column("id")).fetchAll(db)
        }
    }

    /// How many events the execution's history holds.
    public func historyCount(of executionArn: String) throws(StoreError) -> Int {
        try read { db in try HistoryEventRecord.filter(Column("executionArn") == executionArn).fetchCount(db) }
    }

    /// The invocations the execution made, in the order it made them.
    public func invocations(of executionArn: String) throws(StoreError) -> [InvocationRecord] {
        try read { db in
            try InvocationRecord.filter(Column("executionArn") == executionArn).order(Column("sequence")).fetchAll(db)
        }
    }
}
