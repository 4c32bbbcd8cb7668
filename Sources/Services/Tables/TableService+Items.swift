import JSONValue
import LuaSandbox
import Store

/// GetItem, PutItem, DeleteItem and UpdateItem.
extension TableService {
    func getItem(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        let table = try definition(try request.string("TableName") ?? "")
        var context = try ExpressionContext(request: request.members)
        let (_, key) = try table.key(request.members["Key"], member: "Key")
        let projection = try Self.projection(request, &context)
        try context.checkAllUsed()
        let text = try store { () throws(StoreError) in try items.tableItem(table: table.name, key: key) }
        guard let item = Self.decode(text) else { return [:] }
        return ["Item": AttributeValue.json(projection.map { item.projected($0) } ?? item)]
    }

    func putItem(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        let table = try definition(try request.string("TableName") ?? "")
        var context = try ExpressionContext(request: request.members)
        let item = try AttributeValue.item(request.members["Item"] ?? [:], path: "Item")
        try table.checkItemKey(item)
        try Self.checkSize(item)
        let returnValues = try request.returnValues(allowed: ["NONE", "ALL_OLD"])
        let condition = try Self.condition(request, &context)
        try context.checkAllUsed()
        let old = try write(table, table.storageKey(of: item)) { current throws(HostCallError) in
            try Self.check(condition, on: current)
            return .put(Self.encode(item))
        }
        guard returnValues == "ALL_OLD", let old else { return [:] }
        return ["Attributes": AttributeValue.json(old)]
    }

    func deleteItem(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        let table = try definition(try request.string("TableName") ?? "")
        var context = try ExpressionContext(request: request.members)
        let (_, key) = try table.key(request.members["Key"], member: "Key")
        let returnValues = try request.returnValues(allowed: ["NONE", "ALL_OLD"])
        let condition = try Self.condition(request, &context)
        try context.checkAllUsed()
        let old = try write(table, key) { current throws(HostCallError) in
            try Self.check(condition, on: current)
            return current == nil ? .keep : .delete
        }
        guard returnValues == "ALL_OLD", let old else { return [:] }
        return ["Attributes": AttributeValue.json(old)]
    }

    func updateItem(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        let table = try definition(try request.string("TableName") ?? "")
        var context = try ExpressionContext(request: request.members)
        let (keyItem, key) = try table.key(request.members["Key"], member: "Key")
        let returnValues = try request.returnValues(allowed: ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])
        let update: ItemUpdate
        if let legacy = request.members["AttributeUpdates"] {
            let expressions = ["UpdateExpression", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"]
                .filter { request.members[$0] != nil }
            if !expressions.isEmpty {
                throw .validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {\(expressions.joined(separator: ", "))}")
            }
            update = try ItemUpdate(attributeUpdates: legacy)
        } else if let text = try request.string("UpdateExpression") {
            update = .expression(try ExpressionParser.update(text, context: &context))
        } else {
            update = .expression([])
        }
        let condition = try Self.condition(request, &context)
        try context.checkAllUsed()
        for path in update.paths where table.keyAttributes.contains(where: { $0.name == path.attribute }) {
            throw .invalidParameter("Cannot update attribute \(path.attribute). This attribute is part of the key")
        }
        var new: AttributeMap?
        let old = try write(table, key) { current throws(HostCallError) in
            try Self.check(condition, on: current)
            guard let result = try update.apply(to: current ?? keyItem, itemExists: current != nil) else { return .keep }
            try Self.checkSize(result)
            new = result
            return .put(Self.encode(result))
        }
        let attributes: AttributeMap? = switch returnValues {
        case "ALL_OLD": old
        case "ALL_NEW": new
        case "UPDATED_OLD": old?.projected(update.paths)
        case "UPDATED_NEW": new?.projected(update.paths)
        default: nil
        }
        guard let attributes, !attributes.isEmpty else { return [:] }
        return ["Attributes": AttributeValue.json(attributes)]
    }

    /// Reads the item, decides, and writes in one transaction; returns the item as it was.
    private func write(_ table: TableDefinition, _ key: TableItemKey,
                       _ decide: (AttributeMap?) throws(HostCallError) -> TableItemChange) throws(HostCallError) -> AttributeMap? {
        let outcome = try store { () throws(StoreError) in
            try items.changeTableItem(table: table.name, key: key) { text -> (TableItemChange, Result<AttributeMap?, HostCallError>) in
                let current = Self.decode(text)
                switch Result(catching: { () throws(HostCallError) in try decide(current) }) {
                case .success(let change): return (change, .success(current))
                case .failure(let error): return (.keep, .failure(error))
                }
            }
        }
        return try outcome.get()
    }

    /// ConditionalCheckFailedException unless the condition holds for the item (a missing
    /// item has no attributes: `attribute_not_exists(id)` holds for it).
    static func check(_ condition: Condition?, on item: AttributeMap?) throws(HostCallError) {
        guard let condition else { return }
        guard ExpressionEvaluator(item: item ?? AttributeMap()).holds(condition) else { throw .conditionalCheckFailed }
    }

    static func checkSize(_ item: AttributeMap) throws(HostCallError) {
        if item.size > AttributeMap.maximumItemSize { throw .validation("Item size has exceeded the maximum allowed size") }
    }
}

/// What an UpdateItem does: an update expression's actions, or the legacy AttributeUpdates.
enum ItemUpdate {
    case expression([UpdateAction])
    /// Attribute names to (action, value), in the request's order.
    case legacy([(String, String, AttributeValue?)])

    /// `{"status": {"Value": {"S": "FAILED"}, "Action": "PUT"}}` (API reference,
    /// AttributeValueUpdate): `Action` is PUT (the default), ADD or DELETE.
    init(attributeUpdates json: JSONValue) throws(HostCallError) {
        guard case .object(let members) = json else { throw AttributeValue.wrongType("AttributeUpdates", json, "object") }
        var updates: [(String, String, AttributeValue?)] = []
        for (name, update) in members {
            let at = "AttributeUpdates.\(name)"
            guard case .object(let fields) = update else { throw AttributeValue.wrongType(at, update, "object") }
            for field in fields.keys where field != "Value" && field != "Action" {
                throw .parameterValidation(["Unknown parameter in \(at): \"\(field)\", must be one of: Value, Action"])
            }
            let value = try fields["Value"].map { (json) throws(HostCallError) in try AttributeValue(json: json, path: "\(at).Value") }
            let action = fields["Action"]?.stringValue ?? "PUT"
            guard ["PUT", "ADD", "DELETE"].contains(action) else {
                throw .constraint(value: "'\(action)'", at: "attributeUpdates.\(name).member.action",
                                  "Member must satisfy enum value set: [ADD, PUT, DELETE]")
            }
            if action != "DELETE" && value == nil {
                throw .invalidParameter("Only DELETE action is allowed when no attribute value is specified")
            }
            if action == "ADD", let value, value.typeName != "N", !value.isSet {
                throw .invalidParameter("ADD action is not supported for the type \(value.typeName)")
            }
            updates.append((name, action, value))
        }
        self = .legacy(updates)
    }

    /// The paths the update changes: what UPDATED_OLD and UPDATED_NEW return.
    var paths: [DocumentPath] {
        switch self {
        case .expression(let actions): actions.map(\.path)
        case .legacy(let updates): updates.map { DocumentPath(elements: [.name($0.0)]) }
        }
    }

    /// The item after the update; nil when nothing is to be written ("If no item with the
    /// specified Key is found: … DELETE - Nothing happens", AttributeValueUpdate).
    func apply(to item: AttributeMap, itemExists: Bool) throws(HostCallError) -> AttributeMap? {
        switch self {
        case .expression(let actions):
            return try ExpressionEvaluator.apply(actions, to: item)
        case .legacy(let updates):
            if !itemExists && updates.allSatisfy({ $0.1 == "DELETE" }) { return nil }
            var result = item
            for (name, action, value) in updates {
                let current = result[name]
                switch (action, value) {
                case ("PUT", let value?):
                    result[name] = value
                case ("ADD", let value?):
                    guard let current else { result[name] = value; continue }
                    guard let sum = ExpressionEvaluator.added(current, value) else { throw ExpressionEvaluator.incorrectType }
                    result[name] = sum
                case ("DELETE", let value?):
                    guard let current else { continue }
                    guard let rest = ExpressionEvaluator.removed(value, from: current) else { throw ExpressionEvaluator.incorrectType }
                    result[name] = rest.size == 0 ? nil : rest
                default:
                    result[name] = nil
                }
            }
            return result
        }
    }
}
