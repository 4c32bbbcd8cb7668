import JSONValue
import LuaSandbox
import Store

/// BatchWriteItem and TransactWriteItems (DynamoDB API reference).
extension TableService {
    /// BatchWriteItem: "up to 25 item put or delete operations"; each is written on its own
    /// (item-level atomicity, not a transaction), and all are checked before any is written.
    /// host writes every request, so `UnprocessedItems` is always `{}`.
    func batchWriteItem(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        guard case .object(let tables)? = request.members["RequestItems"], !tables.isEmpty else {
            throw .validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null")
        }
        var writes: [(TableDefinition, TableItemKey, TableItemChange)] = []
        var seen: Set<TableItemAddress> = []
        for (name, list) in tables {
            let table = try definition(name)
            guard case .array(let requests) = list, !requests.isEmpty else {
                throw .constraint(value: "'\(list.compactString())'", at: "requestItems.\(name).member", "Member must have length greater than or equal to 1")
            }
            for (index, item) in requests.enumerated() {
                let at = "RequestItems.\(name)[\(index)]"
                guard case .object(let members) = item, members.count == 1, let kind = members.keys.first, let body = members[kind],
                      kind == "PutRequest" || kind == "DeleteRequest" else {
                    throw .validation("\(at) must hold exactly one PutRequest or one DeleteRequest")
                }
                let key: TableItemKey
                let change: TableItemChange
                if kind == "PutRequest" {
                    let written = try AttributeValue.item(body["Item"] ?? [:], path: "\(at).PutRequest.Item")
                    try table.checkItemKey(written)
                    try Self.checkSize(written)
                    key = table.storageKey(of: written)
                    change = .put(Self.encode(written))
                } else {
                    key = try table.key(body["Key"], member: "\(at).DeleteRequest.Key").key
                    change = .delete
                }
                guard seen.insert(TableItemAddress(table: table.name, key: key)).inserted else {
                    throw .validation("Provided list of item keys contains duplicates")
                }
                writes.append((table, key, change))
            }
        }
        guard writes.count <= 25 else {
            throw .constraint(value: "'\(writes.count)'", at: "requestItems",
                              "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
        }
        for (table, key, change) in writes {
            try store { () throws(StoreError) in try items.changeTableItem(table: table.name, key: key) { _ in (change, ()) } }
        }
        return ["UnprocessedItems": [:]]
    }

    /// TransactWriteItems: up to 100 `Put`, `Update`, `Delete` and `ConditionCheck` actions,
    /// "an all-or-nothing operation": their conditions are checked and their writes made in one
    /// store transaction. A failed condition cancels all of them: `TransactionCanceledException`,
    /// whose message lists each action's reason (`ConditionalCheckFailed` or `None`) in order.
    func transactWriteItems(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        guard case .array(let actions)? = request.members["TransactItems"], !actions.isEmpty else {
            throw .constraint(value: "'[]'", at: "transactItems", "Member must have length greater than or equal to 1")
        }
        guard actions.count <= 100 else {
            throw .constraint(value: "'\(actions.count)'", at: "transactItems", "Member must have length less than or equal to 100")
        }
        var steps: [(address: TableItemAddress, decide: (AttributeMap?) throws(HostCallError) -> TableItemChange)] = []
        for (index, action) in actions.enumerated() {
            guard case .object(let members) = action, members.count == 1, let kind = members.keys.first,
                  let body = members[kind] else {
                throw .validation("TransactItems[\(index)] must hold exactly one of Put, Update, Delete or ConditionCheck")
            }
            let step = try transactStep(kind, body, at: "TransactItems[\(index)]")
            guard !steps.contains(where: { $0.address == step.address }) else {
                throw .validation("Transaction request cannot include multiple operations on one item")
            }
            steps.append(step)
        }
        let outcome = try store { () throws(StoreError) in
            try items.changeTableItems(steps.map(\.address)) { texts -> ([TableItemChange], Result<Void, HostCallError>) in
                var changes: [TableItemChange] = []
                var reasons: [String] = []
                var failure: HostCallError?
                for (step, text) in zip(steps, texts) {
                    do throws(HostCallError) {
                        changes.append(try step.decide(Self.decode(text)))
                        reasons.append("None")
                    } catch {
                        changes.append(.keep)
                        if error == .conditionalCheckFailed { reasons.append("ConditionalCheckFailed") } else {
                            failure = failure ?? error
                            reasons.append("ValidationError")
                        }
                    }
                }
                if let failure, !reasons.contains("ConditionalCheckFailed") {
                    return (steps.map { _ in .keep }, .failure(failure))
                }
                guard reasons.allSatisfy({ $0 == "None" }) else {
                    return (steps.map { _ in .keep }, .failure(HostCallError(
                        errorType: "TransactionCanceledException",
                        errorMessage: "Transaction cancelled, please refer cancellation reasons for specific reasons [\(reasons.joined(separator: ", "))]")))
                }
                return (changes, .success(()))
            }
        }
        try outcome.get()
        return [:]
    }

    /// One action of a transaction: where it writes, and what it writes given the item there.
    private func transactStep(_ kind: String, _ body: JSONValue, at path: String) throws(HostCallError)
        -> (address: TableItemAddress, decide: (AttributeMap?) throws(HostCallError) -> TableItemChange) {
        let shapes: [String: (required: [String], optional: [String])] = [
            "Put": (["TableName", "Item"], []),
            "Update": (["TableName", "Key", "UpdateExpression"], []),
            "Delete": (["TableName", "Key"], []),
            "ConditionCheck": (["TableName", "Key", "ConditionExpression"], []),
        ]
        guard let shape = shapes[kind] else {
            throw .parameterValidation(["Unknown parameter in \(path): \"\(kind)\", must be one of: ConditionCheck, Put, Delete, Update"])
        }
        guard case .object(let members) = body else { throw AttributeValue.wrongType("\(path).\(kind)", body, "object") }
        let known = shape.required + ["ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
                                      "ReturnValuesOnConditionCheckFailure"]
        var problems: [String] = []
        for name in shape.required where members[name] == nil { problems.append("Missing required parameter in \(path).\(kind): \"\(name)\"") }
        for name in members.keys where !known.contains(name) {
            problems.append("Unknown parameter in \(path).\(kind): \"\(name)\", must be one of: \(known.joined(separator: ", "))")
        }
        if !problems.isEmpty { throw .parameterValidation(problems) }
        let request = try TableRequest(action: kind == "Put" ? "PutItem" : "UpdateItem", parameters: body)
        let table = try definition(try request.string("TableName") ?? "")
        var context = try ExpressionContext(request: members)
        let condition = try Self.condition(request, &context)
        switch kind {
        case "Put":
            let item = try AttributeValue.item(members["Item"] ?? [:], path: "\(path).Put.Item")
            try table.checkItemKey(item)
            try Self.checkSize(item)
            try context.checkAllUsed()
            let text = Self.encode(item)
            return (TableItemAddress(table: table.name, key: table.storageKey(of: item)), { current throws(HostCallError) in
                try Self.check(condition, on: current)
                return .put(text)
            })
        case "Update":
            let (keyItem, key) = try table.key(members["Key"], member: "\(path).Update.Key")
            let update = try ExpressionParser.update(try request.string("UpdateExpression") ?? "", context: &context)
            try context.checkAllUsed()
            for action in update where table.keyAttributes.contains(where: { $0.name == action.path.attribute }) {
                throw .invalidParameter("Cannot update attribute \(action.path.attribute). This attribute is part of the key")
            }
            return (TableItemAddress(table: table.name, key: key), { current throws(HostCallError) in
                try Self.check(condition, on: current)
                let result = try ExpressionEvaluator.apply(update, to: current ?? keyItem)
                try Self.checkSize(result)
                return .put(Self.encode(result))
            })
        default:
            let key = try table.key(members["Key"], member: "\(path).\(kind).Key").key
            try context.checkAllUsed()
            let deletes = kind == "Delete"
            return (TableItemAddress(table: table.name, key: key), { current throws(HostCallError) in
                try Self.check(condition, on: current)
                return deletes && current != nil ? .delete : .keep
            })
        }
    }
}
