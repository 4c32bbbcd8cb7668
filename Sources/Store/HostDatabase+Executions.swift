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
    /// The test case whose mocked responses its Task states answered with, nil for a real
    /// execution: such an execution is never resumed, since its mocks' invocation counts are
    /// not stored (docs/testing.md).
    public var testCase: String?
    /// The Map Run that started it, for a Distributed Map's child (DescribeExecution's
    /// `mapRunArn`); nil for any other execution.
    public var mapRunArn: String?

    public init(executionArn: String, stateMachineArn: String, machineName: String, name: String, status: String,
                startDate: Int64, stopDate: Int64? = nil, input: String, output: String? = nil, error: String? = nil,
                cause: String? = nil, definition: String? = nil, definitionFile: String? = nil, definitionDate: Int64? = nil,
                owner: String? = nil, leaseExpiry: Int64? = nil, testCase: String? = nil, mapRunArn: String? = nil) {
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
        self.testCase = testCase
        self.mapRunArn = mapRunArn
    }
}

extension ExecutionRecord {
    /// The columns of the `execution` table, the ARN first.
    static let columns = ["executionArn", "stateMachineArn", "machineName", "name", "status", "startDate", "stopDate", "input", "output",
                          "error", "cause", "definition", "definitionFile", "definitionDate", "owner", "leaseExpiry",
                          "testCase", "mapRunArn"]

    /// The record's values in the order of `columns`.
    var values: [DatabaseValue] {
        [executionArn.databaseValue, stateMachineArn.databaseValue, machineName.databaseValue, name.databaseValue, status.databaseValue,
         startDate.databaseValue, stopDate.databaseValue, input.databaseValue, output.databaseValue, error.databaseValue,
         cause.databaseValue, definition.databaseValue, definitionFile.databaseValue, definitionDate.databaseValue,
         owner.databaseValue, leaseExpiry.databaseValue, testCase.databaseValue, mapRunArn.databaseValue]
    }

    // Written out rather than derived from Codable, which costs more than the query on every row.

    public init(row: Row) throws {
        self.init(executionArn: row["executionArn"], stateMachineArn: row["stateMachineArn"], machineName: row["machineName"],
                  name: row["name"], status: row["status"], startDate: row["startDate"], stopDate: row["stopDate"], input: row["input"],
                  output: row["output"], error: row["error"], cause: row["cause"], definition: row["definition"],
                  definitionFile: row["definitionFile"], definitionDate: row["definitionDate"], owner: row["owner"],
                  leaseExpiry: row["leaseExpiry"], testCase: row["testCase"], mapRunArn: row["mapRunArn"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        for (column, value) in zip(Self.columns, values) { container[column] = value }
    }
}

extension ExecutionRecord {
    /// Why `end` may not be stored over this stored record, or nil when it may: an execution
    /// that is not RUNNING has ended already, and a stored end is final; a RUNNING one held by
    /// another owner is that owner's to end (`ExecutionLease`).
    func refusal(ofEnd end: ExecutionRecord) -> StoreError? {
        guard status == "RUNNING" else {
            return StoreError(message: "the execution \(executionArn) has ended already (\(status)): "
                + "its end is final, and this end (\(end.status)) is not stored")
        }
        return ExecutionLease.lost(self, to: end)
    }
}

/// One history event as stored: its details as JSON text. (The table keys it by its
/// execution's number rather than the ARN: `registerHistoryOrderMigration`.)
public struct HistoryEventRecord: Sendable, Equatable, Codable, FetchableRecord {
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

    // Written out rather than derived from Codable: a history of 25,000 events is read whole to
    // draw an execution's page (docs/console.md), and Codable's decoding costs more than the query.

    public init(row: Row) throws {
        self.init(executionArn: row["executionArn"], id: row["id"], previousEventId: row["previousEventId"], timestamp: row["timestamp"],
                  type: row["type"], details: row["details"])
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
        try write { db in try Self.insert(execution, db) }
    }

    /// Saves the execution's final state, with the events and invocations not yet saved, in
    /// one transaction; refused, saving nothing, when another owner has claimed the execution
    /// since (`ExecutionLease`), or when it is not RUNNING: a stored end is final.
    public func finish(_ execution: ExecutionRecord, events: [HistoryEventRecord],
                       invocations: [InvocationRecord] = []) throws(StoreError) {
        try write { db in try Self.finish(execution, events, invocations, db) }.get()
    }

    /// Saves events and invocations of a running execution in one transaction.
    public func append(_ events: [HistoryEventRecord], invocations: [InvocationRecord] = []) throws(StoreError) {
        guard !events.isEmpty || !invocations.isEmpty else { return }
        try write { db in try Self.insert(events, invocations, db) }
    }

    /// Several writes in one transaction, each with its own outcome.
    public func write(_ writes: [ExecutionWrite]) throws(StoreError) -> [Result<Bool, StoreError>] {
        guard !writes.isEmpty else { return [] }
        return try write { db in
            try writes.map { write throws -> Result<Bool, StoreError> in
                switch write {
                case .insert(let execution):
                    return .success(try Self.insert(execution, db))
                case .append(let events, let invocations):
                    try Self.insert(events, invocations, db)
                    return .success(true)
                case .finish(let execution, let events, let invocations):
                    return try Self.finish(execution, events, invocations, db).map { true }
                case .mapRun(let mapRun):
                    try Self.put(mapRun, db)
                    return .success(true)
                }
            }
        }
    }

    // The statements of the writes above are prepared once per connection (`cachedStatement`):
    // preparing one costs more than running it.

    // Their SQL is made once too: building it for the statement cache's look-up cost more
    // than the insert.

    /// A new execution takes the number after the highest (`registerHistoryOrderMigration`),
    /// found through the number's index.
    private static let insertExecutionSQL = """
        INSERT OR IGNORE INTO execution (\(ExecutionRecord.columns.joined(separator: ", ")), number)
        VALUES (\(Array(repeating: "?", count: ExecutionRecord.columns.count).joined(separator: ", ")),
                (SELECT IFNULL(MAX(number), 0) + 1 FROM execution))
        """

    /// An execution's end sets only what an end changes, so that its other columns (the input
    /// and the definition among them) are not bound again, and the indexes on the machine and
    /// the name are not rewritten; the row must still be RUNNING, and held by the owner that
    /// ends it (an ended row has no owner, so the status is what keeps its end from changing).
    private static let finishExecutionSQL = """
        UPDATE execution SET status = ?, stopDate = ?, output = ?, error = ?, cause = ?, owner = NULL, leaseExpiry = NULL
        WHERE executionArn = ? AND status = 'RUNNING' AND (owner IS NULL OR owner = ?)
        """

    private static func insert(_ execution: ExecutionRecord, _ db: Database) throws -> Bool {
        try db.cachedStatement(sql: insertExecutionSQL).run(binding: execution.values)
        return db.changesCount > 0
    }

    /// The lease check, the events and the final record; the error when the execution has
    /// ended already, another owner holds it, or none is stored.
    private static func finish(_ execution: ExecutionRecord, _ events: [HistoryEventRecord], _ invocations: [InvocationRecord],
                               _ db: Database) throws -> Result<Void, StoreError> {
        // The update comes first and checks the status and the owner itself: when it changes
        // nothing, the row is missing, ended or held by another owner, and nothing at all is
        // written.
        try db.cachedStatement(sql: finishExecutionSQL).run(binding: [
            execution.status.databaseValue, execution.stopDate.databaseValue, execution.output.databaseValue,
            execution.error.databaseValue, execution.cause.databaseValue, execution.executionArn.databaseValue,
            execution.owner.databaseValue,
        ])
        guard db.changesCount > 0 else {
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT status, owner FROM execution WHERE executionArn = ?"),
                                       arguments: [execution.executionArn])
            guard let row else { return .failure(StoreError(message: "no execution \(execution.executionArn) is stored")) }
            var stored = execution
            stored.status = row["status"]
            stored.owner = row["owner"]
            return .failure(stored.refusal(ofEnd: execution)
                ?? StoreError(message: "the execution \(execution.executionArn) could not be ended"))
        }
        try insert(events, invocations, db)
        return .success(())
    }

    private static func insert(_ events: [HistoryEventRecord], _ invocations: [InvocationRecord], _ db: Database) throws {
        if !events.isEmpty {
            // An event stored already (an execution resumed after a crash writes its last events
            // again) is left as it is. The execution's number is looked up once for its events
            // (a write holds the events of one execution), not once an event.
            let number = try db.cachedStatement(sql: "SELECT number FROM execution WHERE executionArn = ?")
            let statement = try db.cachedStatement(sql: """
                INSERT INTO historyEvent (execution, id, previousEventId, timestamp, type, details)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (execution, id) DO NOTHING
                """)
            var execution: (arn: String, number: DatabaseValue) = ("", .null)
            for event in events {
                if execution.arn != event.executionArn {
                    guard let found = try Int64.fetchOne(number, arguments: [event.executionArn]) else {
                        throw StoreError(message: "no execution \(event.executionArn) is stored")
                    }
                    execution = (event.executionArn, found.databaseValue)
                }
                try statement.run(binding: [execution.number, event.id.databaseValue, event.previousEventId.databaseValue,
                                            event.timestamp.databaseValue, event.type.databaseValue, event.details.databaseValue])
            }
        }
        if !invocations.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO executionInvocation (executionArn, sequence, logGroupName, logStreamName, requestId) VALUES (?, ?, ?, ?, ?)
                """)
            for invocation in invocations {
                try statement.run(binding: [invocation.executionArn.databaseValue, invocation.sequence.databaseValue,
                                            invocation.logGroupName.databaseValue, invocation.logStreamName.databaseValue,
                                            invocation.requestId.databaseValue])
            }
        }
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
        try readStatement { db in try ExecutionRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM execution WHERE executionArn = ?"), arguments: [arn]) }
    }

    /// Every execution with this name (of any machine), newest first.
    public func executions(named name: String) throws(StoreError) -> [ExecutionRecord] {
        try read { db in
            try ExecutionRecord.filter(Column("name") == name).order(Column("startDate").desc, Column("executionArn")).fetchAll(db)
        }
    }

    public func history(of executionArn: String) throws(StoreError) -> [HistoryEventRecord] {
        try history(of: executionArn, after: 0, limit: nil)
    }

    public func history(of executionArn: String, after id: Int64, limit: Int?) throws(StoreError) -> [HistoryEventRecord] {
        try read { db in
            // The primary key (execution, id) answers this without reading earlier events.
            try HistoryEventRecord.fetchAll(db.cachedStatement(sql: """
                SELECT ?1 AS executionArn, id, previousEventId, timestamp, type, details FROM historyEvent
                WHERE execution = \(Self.executionNumberSQL) AND id > ?2 ORDER BY id LIMIT ?3
                """), arguments: [executionArn, id, limit ?? -1])
        }
    }

    /// The SQL of `executionCounts()`: one pass over the index by machine and status.
    static let executionCountsSQL = "SELECT machineName, status, COUNT(*) AS count FROM execution GROUP BY machineName, status"

    public func executionCounts() throws(StoreError) -> [ExecutionCount] {
        try read { db in
            try Row.fetchAll(db, sql: Self.executionCountsSQL).map { row in
                ExecutionCount(machineName: row["machineName"], status: row["status"], count: row["count"])
            }
        }
    }

    /// How many events the execution's history holds.
    public func historyCount(of executionArn: String) throws(StoreError) -> Int {
        try readStatement { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM historyEvent WHERE execution = \(Self.executionNumberSQL)"),
                             arguments: [executionArn]) ?? 0
        }
    }

    /// The invocations the execution made, in the order it made them.
    public func invocations(of executionArn: String) throws(StoreError) -> [InvocationRecord] {
        try read { db in
            try InvocationRecord.filter(Column("executionArn") == executionArn).order(Column("sequence")).fetchAll(db)
        }
    }
}
