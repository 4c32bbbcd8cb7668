import Foundation
import GRDB

/// Where an item lives in a table: its partition key and its sort key (empty for a table
/// without one), each encoded by the caller so that comparing the bytes (as SQLite compares
/// BLOBs, `memcmp` then length) orders keys the way the table must order them.
public struct TableItemKey: Sendable, Hashable {
    /// The partition key's bytes.
    public var partition: Data
    /// The sort key's bytes; empty for a table without a sort key.
    public var sort: Data

    /// The key of an item; `sort` is empty for a table without a sort key.
    public init(partition: Data, sort: Data = Data()) {
        self.partition = partition
        self.sort = sort
    }
}

/// A stored item: its key and the item itself as JSON text.
public struct TableItemRecord: Sendable, Equatable {
    /// Where the item is stored.
    public var key: TableItemKey
    /// The item, as JSON text.
    public var item: String

    /// A stored item.
    public init(key: TableItemKey, item: String) {
        self.key = key
        self.item = item
    }
}

/// One end of a range of sort keys.
public struct SortKeyBound: Sendable, Hashable {
    /// The sort key bytes at this end.
    public var bytes: Data
    /// Whether the range holds the key at this end itself.
    public var inclusive: Bool

    /// An end of a range at `bytes`.
    public init(_ bytes: Data, inclusive: Bool) {
        self.bytes = bytes
        self.inclusive = inclusive
    }
}

/// The items of one partition whose sort keys lie in a range, in sort key order.
public struct TableItemQuery: Sendable {
    /// The table.
    public var table: String
    /// The partition key's bytes.
    public var partition: Data
    /// The lowest sort key, when there is one.
    public var lower: SortKeyBound?
    /// The highest sort key, when there is one.
    public var upper: SortKeyBound?
    /// Largest sort key first.
    public var descending: Bool
    /// Start after (in the query's direction) the item with this sort key.
    public var afterSortKey: Data?
    /// At most this many items.
    public var limit: Int?

    /// A query of one partition.
    public init(table: String, partition: Data, lower: SortKeyBound? = nil, upper: SortKeyBound? = nil,
                descending: Bool = false, afterSortKey: Data? = nil, limit: Int? = nil) {
        self.table = table
        self.partition = partition
        self.lower = lower
        self.upper = upper
        self.descending = descending
        self.afterSortKey = afterSortKey
        self.limit = limit
    }
}

/// What a conditional write decided to do with the item it read.
public enum TableItemChange: Sendable, Equatable {
    case keep
    case put(String)
    case delete
}

extension HostDatabase {
    /// "v4: tables, items and topic messages"
    static func registerTablesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: tables, items and topic messages") { db in
            try db.create(table: "tableItem", options: [.withoutRowID]) { t in
                t.column("tableName", .text).notNull()
                t.column("partitionKey", .blob).notNull()
                t.column("sortKey", .blob).notNull()
                t.column("item", .text).notNull()
                t.primaryKey(["tableName", "partitionKey", "sortKey"])
            }
            try db.create(table: "topicMessage") { t in
                // AUTOINCREMENT: ids never come back after a delete, so a follower that
                // remembers the last id it showed never misses or repeats a message.
                t.autoIncrementedPrimaryKey("id")
                t.column("service", .text).notNull()
                t.column("topic", .text).notNull()
                t.column("messageId", .text).notNull()
                t.column("timestamp", .integer).notNull()
                t.column("subject", .text)
                t.column("message", .text).notNull()
                t.column("attributes", .text)
            }
            try db.create(index: "topicMessageByTopic", on: "topicMessage", columns: ["topic", "id"])
        }
    }

    /// The item with this key, as JSON text; nil when there is none.
    public func tableItem(table: String, key: TableItemKey) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT item FROM tableItem WHERE tableName = ? AND partitionKey = ? AND sortKey = ?
                """, arguments: [table, key.partition, key.sort])
        }
    }

    /// Reads the items at these addresses, lets `decide` choose a change for each, and makes
    /// them all in one transaction: no other write comes between the reads and the writes.
    public func changeTableItems<Outcome>(_ keys: [TableItemAddress],
                                          _ decide: (_ current: [String?]) -> ([TableItemChange], Outcome)) throws(StoreError) -> Outcome {
        try write { db in
            let current = try keys.map { address in
                try String.fetchOne(db, sql: """
                    SELECT item FROM tableItem WHERE tableName = ? AND partitionKey = ? AND sortKey = ?
                    """, arguments: [address.table, address.key.partition, address.key.sort])
            }
            let (changes, outcome) = decide(current)
            for (address, change) in zip(keys, changes) {
                switch change {
                case .keep:
                    break
                case .put(let item):
                    try db.execute(sql: """
                        INSERT INTO tableItem (tableName, partitionKey, sortKey, item) VALUES (?, ?, ?, ?)
                        ON CONFLICT (tableName, partitionKey, sortKey) DO UPDATE SET item = excluded.item
                        """, arguments: [address.table, address.key.partition, address.key.sort, item])
                case .delete:
                    try db.execute(sql: "DELETE FROM tableItem WHERE tableName = ? AND partitionKey = ? AND sortKey = ?",
                                   arguments: [address.table, address.key.partition, address.key.sort])
                }
            }
            return outcome
        }
    }

    /// The items of one partition in a sort key range, in sort key order (or reversed).
    public func queryTableItems(_ query: TableItemQuery) throws(StoreError) -> [TableItemRecord] {
        var sql = "SELECT partitionKey, sortKey, item FROM tableItem WHERE tableName = ? AND partitionKey = ?"
        var arguments: StatementArguments = [query.table, query.partition]
        if let lower = query.lower {
            sql += lower.inclusive ? " AND sortKey >= ?" : " AND sortKey > ?"
            arguments += [lower.bytes]
        }
        if let upper = query.upper {
            sql += upper.inclusive ? " AND sortKey <= ?" : " AND sortKey < ?"
            arguments += [upper.bytes]
        }
        if let after = query.afterSortKey {
            sql += query.descending ? " AND sortKey < ?" : " AND sortKey > ?"
            arguments += [after]
        }
        sql += query.descending ? " ORDER BY sortKey DESC" : " ORDER BY sortKey"
        if let limit = query.limit { sql += " LIMIT ?"; arguments += [limit] }
        return try fetchItems(sql: sql, arguments: arguments)
    }

    /// The items of a table in key order (partition key, then sort key), starting after
    /// `after` when given.
    public func scanTableItems(table: String, after: TableItemKey? = nil, limit: Int? = nil) throws(StoreError) -> [TableItemRecord] {
        var sql = "SELECT partitionKey, sortKey, item FROM tableItem WHERE tableName = ?"
        var arguments: StatementArguments = [table]
        if let after {
            sql += " AND (partitionKey > ? OR (partitionKey = ? AND sortKey > ?))"
            arguments += [after.partition, after.partition, after.sort]
        }
        sql += " ORDER BY partitionKey, sortKey"
        if let limit { sql += " LIMIT ?"; arguments += [limit] }
        return try fetchItems(sql: sql, arguments: arguments)
    }

    /// Deletes every item of a table; returns how many there were.
    @discardableResult
    public func deleteTableItems(table: String) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM tableItem WHERE tableName = ?", arguments: [table])
            return db.changesCount
        }
    }

    private func fetchItems(sql: String, arguments: StatementArguments) throws(StoreError) -> [TableItemRecord] {
        try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                TableItemRecord(key: TableItemKey(partition: row[0], sort: row[1]), item: row[2])
            }
        }
    }
}

/// A message published to a topic, as stored. `id` grows with every message stored, across
/// processes: a follower asks for the messages after the last id it showed.
public struct TopicMessageRecord: Sendable, Equatable, FetchableRecord, Decodable {
    /// Grows with every message stored.
    public var id: Int64
    /// `sns` or `iot`.
    public var service: String
    /// The topic's name (an SNS topic's last ARN part, or an MQTT topic name).
    public var topic: String
    /// SNS's MessageId (for IoT, an id host gives).
    public var messageId: String
    /// Epoch milliseconds.
    public var timestamp: Int64
    /// SNS's Subject, when there was one.
    public var subject: String?
    /// The message (SNS) or the payload (IoT).
    public var message: String
    /// JSON text: SNS message attributes, or IoT publish options.
    public var attributes: String?
}

/// A message to store.
public struct NewTopicMessage: Sendable, Equatable {
    /// `sns` or `iot`.
    public var service: String
    /// The topic's name.
    public var topic: String
    /// The message's id.
    public var messageId: String
    /// Epoch milliseconds.
    public var timestamp: Int64
    /// SNS's Subject.
    public var subject: String?
    /// The message or payload.
    public var message: String
    /// JSON text: message attributes or publish options.
    public var attributes: String?

    /// A message to store.
    public init(service: String, topic: String, messageId: String, timestamp: Int64, subject: String? = nil,
                message: String, attributes: String? = nil) {
        self.service = service
        self.topic = topic
        self.messageId = messageId
        self.timestamp = timestamp
        self.subject = subject
        self.message = message
        self.attributes = attributes
    }
}

extension HostDatabase {
    /// Stores a published message; returns its id.
    @discardableResult
    public func appendTopicMessage(_ message: NewTopicMessage) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO topicMessage (service, topic, messageId, timestamp, subject, message, attributes)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [message.service, message.topic, message.messageId, message.timestamp,
                                 message.subject, message.message, message.attributes])
            return db.lastInsertedRowID
        }
    }

    /// Messages in the order they were stored: of one topic (and service) when given, after
    /// the message with id `afterID` when given.
    public func topicMessages(topic: String? = nil, service: String? = nil, afterID: Int64? = nil,
                              limit: Int? = nil) throws(StoreError) -> [TopicMessageRecord] {
        var sql = "SELECT id, service, topic, messageId, timestamp, subject, message, attributes FROM topicMessage WHERE 1"
        var arguments: StatementArguments = []
        if let topic { sql += " AND topic = ?"; arguments += [topic] }
        if let service { sql += " AND service = ?"; arguments += [service] }
        if let afterID { sql += " AND id > ?"; arguments += [afterID] }
        sql += " ORDER BY id"
        if let limit { sql += " LIMIT ?"; arguments += [limit] }
        return try read { db in try TopicMessageRecord.fetchAll(db, sql: sql, arguments: arguments) }
    }
}
