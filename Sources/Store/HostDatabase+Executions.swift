import GRDB

/// An execution as DescribeExecution describes it (dates in epoch milliseconds; input and
/// output as JSON text).
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

    public init(executionArn: String, stateMachineArn: String, machineName: String, name: String, status: String,
                startDate: Int64, stopDate: Int64? = nil, input: String, output: String? = nil, error: String? = nil,
                cause: String? = nil) {
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

extension HostDatabase {
    /// Records a new execution; false when one with that ARN exists already
    /// (`ExecutionAlreadyExists`).
    public func insert(_ execution: ExecutionRecord) throws(StoreError) -> Bool {
        try write { db in
            if try ExecutionRecord.exists(db, key: execution.executionArn) { return false }
            try execution.insert(db)
            return true
        }
    }

    /// Saves the execution's final state, with the events not yet saved, in one transaction.
    public func finish(_ execution: ExecutionRecord, events: [HistoryEventRecord]) throws(StoreError) {
        try write { db in
            for event in events { try event.insert(db, onConflict: .ignore) }
            try execution.update(db)
        }
    }

    public func append(_ events: [HistoryEventRecord]) throws(StoreError) {
        guard !events.isEmpty else { return }
        try write { db in
            for event in events { try event.insert(db, onConflict: .ignore) }
        }
    }

    /// Executions, newest first; of one machine and with one status when given.
    public func executions(machineName: String? = nil, status: String? = nil) throws(StoreError) -> [ExecutionRecord] {
        try read { db in
            var request = ExecutionRecord.all()
            if let machineName { request = request.filter(Column("machineName") == machineName) }
            if let status { request = request.filter(Column("status") == status) }
            return try request.order(Column("startDate").desc, Column("executionArn")).fetchAll(db)
        }
    }

    /// The execution with this ARN, or else the newest with this name.
    public func execution(_ arnOrName: String) throws(StoreError) -> ExecutionRecord? {
        try read { db in
            if let byArn = try ExecutionRecord.fetchOne(db, key: arnOrName) { return byArn }
            return try ExecutionRecord.filter(Column("name") == arnOrName).order(Column("startDate").desc).fetchOne(db)
        }
    }

    public func history(of executionArn: String) throws(StoreError) -> [HistoryEventRecord] {
        try read { db in
            try HistoryEventRecord.filter(Column("executionArn") == executionArn).order(Column("id")).fetchAll(db)
        }
    }
}
