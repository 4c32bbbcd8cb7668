import Foundation
import Functions
import JSONValue
import LuaSandbox
import Store
import Synchronization

/// DynamoDB-like tables over the workspace database: GetItem, PutItem, UpdateItem,
/// DeleteItem, Query, Scan, BatchWriteItem and TransactWriteItems, with DynamoDB's request and response shapes, its typed
/// attribute values, its expressions and its errors. Tables are declared in
/// `tables/<Name>.json`; their items live in the store, and every write is one transaction.
/// Safe to call from many threads at once.
public final class TableService: Sendable {
    /// The workspace's declared tables.
    public let catalog: TableCatalog
    /// The region of the ARNs (`us-east-1`).
    public let region: String
    /// The account of the ARNs (`123456789012`).
    public let account: String
    let items: any TableItemStore
    /// The clock; DynamoDB's operations here read no time yet, but a service of the
    /// workspace takes it, like the others, so that nothing reads the wall clock itself.
    let now: @Sendable () -> Date
    /// Parsed definitions, with the modification date of the file they were read from.
    private let definitions = Mutex<[String: (modified: Date?, definition: TableDefinition)]>([:])

    /// A service over `items` for the workspace at `root` (which holds `tables/`).
    public init(items: any TableItemStore, root: URL, now: @escaping @Sendable () -> Date,
                region: String = "us-east-1", account: String = "123456789012") {
        self.catalog = TableCatalog(root: root)
        self.items = items
        self.now = now
        self.region = region
        self.account = account
    }

    /// Performs a function's `dynamodb` host call.
    public func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
        perform(request.action, request.parameters)
    }

    /// Performs a DynamoDB action (`GetItem`, `UpdateItem`, …) with its request.
    public func perform(_ action: String, _ parameters: JSONValue) -> Result<JSONValue, HostCallError> {
        Result { () throws(HostCallError) -> JSONValue in
            let request = try TableRequest(action: action, parameters: parameters)
            switch action {
            case "GetItem": return try getItem(request)
            case "PutItem": return try putItem(request)
            case "UpdateItem": return try updateItem(request)
            case "DeleteItem": return try deleteItem(request)
            case "Query": return try query(request)
            case "BatchWriteItem": return try batchWriteItem(request)
            case "TransactWriteItems": return try transactWriteItems(request)
            default: return try scan(request)
            }
        }
    }

    // MARK: Reading, for commands

    /// Every item of a table, in key order, as typed JSON (`{"id": {"S": "a"}}`).
    public func scan(table: String) throws(HostCallError) -> [JSONValue] {
        let definition = try self.definition(table)
        return try store { () throws(StoreError) in try items.scanTableItems(table: definition.name, after: nil, limit: nil) }
            .compactMap { try? JSONValue.parse($0.item) }
    }

    /// The item with this key, as typed JSON; nil when there is none. The key is a typed key
    /// (`{"id": {"S": "a"}}`), a plain one (`{"id": "a", "ts": 5}`), or, for a table whose
    /// only key is its partition key, the bare value (`"a"`).
    public func get(table: String, key: JSONValue) throws(HostCallError) -> JSONValue? {
        let definition = try self.definition(table)
        let typed: JSONValue
        switch key {
        case .object(let members) where members.values.allSatisfy({ Self.isTyped($0) }):
            typed = key
        case .object(let members):
            var object = JSONObject()
            for (name, value) in members {
                let type = definition.keyAttributes.first { $0.name == name }?.type ?? "S"
                object[name] = Self.typed(value, type)
            }
            typed = .object(object)
        default:
            guard definition.sortKey == nil else {
                throw .validation("The table \(table) has a sort key: give the key as an object of both attributes")
            }
            typed = [definition.partitionKey.name: Self.typed(key, definition.partitionKey.type)]
        }
        let (_, storageKey) = try definition.key(typed, member: "Key")
        guard let text = try store({ () throws(StoreError) in try items.tableItem(table: table, key: storageKey) }) else {
            return nil
        }
        return try? JSONValue.parse(text)
    }

    private static func isTyped(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value, members.count == 1, let type = members.keys.first else { return false }
        return AttributeValue.typeNames.contains(type)
    }

    /// A plain JSON value as a key attribute of `type`: numbers and numeric strings for N.
    private static func typed(_ value: JSONValue, _ type: String) -> JSONValue {
        switch value {
        case .int, .double: [type: .string(value.compactString())]
        case .string: [type: value]
        default: value
        }
    }

    // MARK: Shared

    /// The declared table `name`: "Requested resource not found" when there is none.
    func definition(_ name: String) throws(HostCallError) -> TableDefinition {
        let url = catalog.directory.appendingPathComponent("\(name).json")
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        if let cached = definitions.withLock({ $0[name] }), cached.modified == modified { return cached.definition }
        let definition: TableDefinition
        do {
            guard !name.contains("/"), let found = try catalog.table(name) else { throw HostCallError.resourceNotFound() }
            definition = found
        } catch let error as CatalogError {
            // A table whose file is broken is missing, as DynamoDB sees it; say why.
            throw .resourceNotFound("tables/\(name).json is invalid: \(error.problems.first ?? "")")
        } catch {
            throw error as? HostCallError ?? .resourceNotFound()
        }
        definitions.withLock { $0[name] = (modified, definition) }
        return definition
    }

    /// Runs a store operation; a store failure is DynamoDB's `InternalServerError`.
    func store<T>(_ body: () throws(StoreError) -> T) throws(HostCallError) -> T {
        do { return try body() } catch {
            throw HostCallError(errorType: "InternalServerError", errorMessage: "Internal server error: \(error.message)")
        }
    }

    /// A stored item's JSON text, read back.
    static func decode(_ text: String?) -> AttributeMap? {
        guard let text, let json = try? JSONValue.parse(text) else { return nil }
        return try? AttributeValue.item(json, path: "Item")
    }

    static func encode(_ item: AttributeMap) -> String {
        AttributeValue.json(item).compactString()
    }

    /// The request's `ProjectionExpression`, parsed.
    static func projection(_ request: TableRequest, _ context: inout ExpressionContext) throws(HostCallError) -> [DocumentPath]? {
        guard let text = try request.string("ProjectionExpression") else { return nil }
        return try ExpressionParser.projection(text, context: &context)
    }

    /// The request's `ConditionExpression`, parsed.
    static func condition(_ request: TableRequest, _ context: inout ExpressionContext) throws(HostCallError) -> Condition? {
        guard let text = try request.string("ConditionExpression") else { return nil }
        return try ExpressionParser.condition(text, kind: .condition, context: &context)
    }
}
