import GRDB

/// An event rule created through the API, as PutRule and PutTargets left it. The texts are
/// kept as they were given; `Events` reads them into a rule.
public struct RuleRecord: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "eventRule"
    public var name: String
    /// The event pattern's JSON text.
    public var eventPattern: String
    /// `ENABLED` or `DISABLED`.
    public var state: String
    public var description: String?
    public var roleArn: String?
    /// The targets, a JSON array of PutTargets' target objects, in the order they were added.
    public var targets: String

    public init(name: String, eventPattern: String, state: String = "ENABLED", description: String? = nil, roleArn: String? = nil,
                targets: String = "[]") {
        self.name = name
        self.eventPattern = eventPattern
        self.state = state
        self.description = description
        self.roleArn = roleArn
        self.targets = targets
    }
}

/// What `RuleStore.changeRule` does with the rule it read.
public enum RuleChange: Sendable, Equatable {
    case keep
    /// Writes the record (creating the rule, or replacing it whole).
    case put(RuleRecord)
    case delete
}

extension HostDatabase: RuleStore {
    /// "v9: event rules created through the API"
    static func registerRulesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9: event rules created through the API") { db in
            try db.create(table: "eventRule") { t in
                t.primaryKey("name", .text)
                t.column("eventPattern", .text).notNull()
                t.column("state", .text).notNull()
                t.column("description", .text)
                t.column("roleArn", .text)
                t.column("targets", .text).notNull().defaults(to: "[]")
            }
        }
    }

    /// "v13: the event rules' revision": one number that every put and delete of a rule
    /// changes, kept by triggers so that a change by any process (or any older code path)
    /// counts, and read by each emitted batch in its own transaction (`EventRoutingStore`).
    static func registerRuleRevisionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13: the event rules' revision") { db in
            try db.create(table: "eventRuleRevision") { t in
                t.column("revision", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO eventRuleRevision (revision) VALUES (0)")
            for change in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER eventRuleRevisionAfter\(change.capitalized) AFTER \(change) ON eventRule
                    BEGIN UPDATE eventRuleRevision SET revision = revision + 1; END
                    """)
            }
        }
    }

    public func rule(name: String) throws(StoreError) -> RuleRecord? {
        try read { db in try RuleRecord.fetchOne(db, key: name) }
    }

    public func rules() throws(StoreError) -> [RuleRecord] {
        try read { db in try Self.rules(db) }
    }

    static func rules(_ db: Database) throws -> [RuleRecord] {
        try RuleRecord.order(Column("name")).fetchAll(db)
    }

    public func changeRule<Outcome>(name: String, _ decide: (_ current: RuleRecord?) -> (RuleChange, Outcome)) throws(StoreError) -> Outcome {
        try write { db in
            let (change, outcome) = decide(try RuleRecord.fetchOne(db, key: name))
            switch change {
            case .keep:
                break
            case .put(let record):
                precondition(record.name == name, "changeRule(name: \(name)) cannot write the rule \(record.name)")
                try record.save(db)
            case .delete:
                try RuleRecord.deleteOne(db, key: name)
            }
            return outcome
        }
    }
}
