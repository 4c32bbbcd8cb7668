import Foundation
import JSONValue
import LuaSandbox
import Store

/// Query and Scan.
extension TableService {
    func query(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        let table = try definition(try request.string("TableName") ?? "")
        if let index = try request.string("IndexName") { throw .validation("The table does not have the specified index: \(index)") }
        var context = try ExpressionContext(request: request.members)
        guard let keyText = try request.string("KeyConditionExpression") else {
            throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        let keyCondition = try ExpressionParser.condition(keyText, kind: .keyCondition, context: &context)
        let filter = try filterExpression(request, &context)
        let projection = try Self.projection(request, &context)
        try context.checkAllUsed()
        let range = try KeyRange(keyCondition, table: table)
        if let filter {
            for path in Self.paths(in: filter) where table.keyAttributes.contains(where: { $0.name == path.attribute }) {
                throw .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(path.attribute)")
            }
        }
        let page = try PageRequest(request, table: table, projection: projection)
        var after: Data?
        if let start = page.exclusiveStartKey {
            guard start.key.partition == range.partition, range.contains(start.key.sort) else {
                throw .validation("The provided starting key is outside query boundaries based on provided conditions")
            }
            after = start.key.sort
        }
        let forward = try request.bool("ScanIndexForward") ?? true
        let records = try store { () throws(StoreError) in
            try items.queryTableItems(TableItemQuery(table: table.name, partition: range.partition, lower: range.lower,
                                                        upper: range.upper, descending: !forward, afterSortKey: after,
                                                        limit: page.limit))
        }
        return page.response(records, table: table, filter: filter)
    }

    func scan(_ request: TableRequest) throws(HostCallError) -> JSONValue {
        let table = try definition(try request.string("TableName") ?? "")
        if let index = try request.string("IndexName") { throw .validation("The table does not have the specified index: \(index)") }
        var context = try ExpressionContext(request: request.members)
        let filter = try filterExpression(request, &context)
        let projection = try Self.projection(request, &context)
        try context.checkAllUsed()
        let page = try PageRequest(request, table: table, projection: projection)
        let records = try store { () throws(StoreError) in
            try items.scanTableItems(table: table.name, after: page.exclusiveStartKey?.key, limit: page.limit)
        }
        return page.response(records, table: table, filter: filter)
    }

    private func filterExpression(_ request: TableRequest, _ context: inout ExpressionContext) throws(HostCallError) -> Condition? {
        guard let text = try request.string("FilterExpression") else { return nil }
        return try ExpressionParser.condition(text, kind: .filter, context: &context)
    }

    /// Every document path a condition reads.
    static func paths(in condition: Condition) -> [DocumentPath] {
        func operandPaths(_ operand: Operand) -> [DocumentPath] {
            switch operand {
            case .path(let path), .size(let path): [path]
            case .value: []
            case .ifNotExists(let path, let other): [path] + operandPaths(other)
            case .listAppend(let a, let b), .plus(let a, let b), .minus(let a, let b): operandPaths(a) + operandPaths(b)
            }
        }
        switch condition {
        case .compare(let a, _, let b), .beginsWith(let a, let b), .contains(let a, let b):
            return operandPaths(a) + operandPaths(b)
        case .between(let a, let b, let c): return [a, b, c].flatMap(operandPaths)
        case .isIn(let a, let options): return ([a] + options).flatMap(operandPaths)
        case .exists(let path), .notExists(let path): return [path]
        case .hasType(let path, let type): return [path] + operandPaths(type)
        case .and(let a, let b), .or(let a, let b): return paths(in: a) + paths(in: b)
        case .not(let a): return paths(in: a)
        }
    }
}

/// The paging and shaping members Query and Scan share: Limit, ExclusiveStartKey, Select,
/// ProjectionExpression.
private struct PageRequest {
    var limit: Int?
    var exclusiveStartKey: (item: AttributeMap, key: TableItemKey)?
    var countOnly: Bool
    var projection: [DocumentPath]?

    init(_ request: TableRequest, table: TableDefinition, projection: [DocumentPath]?) throws(HostCallError) {
        limit = try request.limit()
        if let start = request.members["ExclusiveStartKey"] {
            do { exclusiveStartKey = try table.key(start, member: "ExclusiveStartKey") } catch {
                throw .validation("The provided starting key is invalid: \(error.errorMessage)")
            }
        }
        let select = try request.string("Select") ?? (projection == nil ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES")
        switch select {
        case "ALL_ATTRIBUTES" where projection != nil, "COUNT" where projection != nil:
            throw .validation("Cannot specify the ProjectionExpression when choosing to get \(select)")
        case "ALL_ATTRIBUTES", "COUNT", "SPECIFIC_ATTRIBUTES":
            break
        case "ALL_PROJECTED_ATTRIBUTES":
            throw .validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
        default:
            throw .constraint(value: "'\(select)'", at: "select",
                              "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")
        }
        countOnly = select == "COUNT"
        self.projection = projection
    }

    /// Items, Count and ScannedCount, and LastEvaluatedKey when the page stopped at Limit:
    /// "If DynamoDB processes the number of items up to the limit while processing the
    /// results, it stops the operation and returns the matching values up to that point, and
    /// a key in LastEvaluatedKey" (Query API reference, Limit). The limit counts the items
    /// read, before the filter.
    func response(_ records: [TableItemRecord], table: TableDefinition, filter: Condition?) -> JSONValue {
        let items = records.compactMap { TableService.decode($0.item) }
        let matching = items.filter { filter.map(ExpressionEvaluator(item: $0).holds) ?? true }
        var response: JSONObject = [:]
        if !countOnly {
            response["Items"] = .array(matching.map { AttributeValue.json(projection.map($0.projected) ?? $0) })
        }
        response["Count"] = .int(Int64(matching.count))
        response["ScannedCount"] = .int(Int64(items.count))
        if let limit, records.count == limit, let last = items.last {
            response["LastEvaluatedKey"] = AttributeValue.json(table.keyItem(of: last))
        }
        return .object(response)
    }
}
