import GRDB

/// A state machine created through the API (CreateStateMachine), as DescribeStateMachine
/// describes it. Machines defined by files in `machines/` are not stored: the files are.
public struct StateMachineRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "stateMachine"
    public var stateMachineArn: String
    public var name: String
    /// The definition's text, as it was given.
    public var definition: String
    public var roleArn: String
    /// `STANDARD` or `EXPRESS`.
    public var type: String
    /// Epoch milliseconds.
    public var creationDate: Int64
    /// Epoch milliseconds of the last UpdateStateMachine; nil when never updated.
    public var updateDate: Int64?
    /// The tags, a JSON object of strings.
    public var tags: String

    public init(stateMachineArn: String, name: String, definition: String, roleArn: String, type: String,
                creationDate: Int64, updateDate: Int64? = nil, tags: String = "{}") {
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.creationDate = creationDate
        self.updateDate = updateDate
        self.tags = tags
    }
}

extension HostDatabase {
    /// "v6: state machines created through the API"
    static func registerMachinesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6: state machines created through the API") { db in
            try db.create(table: "stateMachine") { t in
                t.primaryKey("stateMachineArn", .text)
                t.column("name", .text).notNull().unique()
                t.column("definition", .text).notNull()
                t.column("roleArn", .text).notNull()
                t.column("type", .text).notNull()
                t.column("creationDate", .integer).notNull()
                t.column("updateDate", .integer)
                t.column("tags", .text).notNull().defaults(to: "{}")
            }
        }
    }

    public func insert(_ machine: StateMachineRecord) throws(StoreError) -> Bool {
        try write { db in
            if try StateMachineRecord.exists(db, key: machine.stateMachineArn) { return false }
            try machine.insert(db)
            return true
        }
    }

    public func update(_ machine: StateMachineRecord) throws(StoreError) -> Bool {
        try write { db in
            guard try StateMachineRecord.exists(db, key: machine.stateMachineArn) else { return false }
            try machine.update(db)
            return true
        }
    }

    public func deleteStateMachine(arn: String) throws(StoreError) -> Bool {
        try write { db in try StateMachineRecord.deleteOne(db, key: arn) }
    }

    public func stateMachine(arn: String) throws(StoreError) -> StateMachineRecord? {
        try read { db in try StateMachineRecord.fetchOne(db, key: arn) }
    }

    public func stateMachines() throws(StoreError) -> [StateMachineRecord] {
        try read { db in try StateMachineRecord.order(Column("name")).fetchAll(db) }
    }
}
