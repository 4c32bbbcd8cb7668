import Foundation
import JSONValue
import LuaSandbox
import Store

/// A DynamoDB request's members, read with boto3's checks of their shape.
struct TableRequest {
    let action: String
    let members: JSONObject

    /// Checks the request's members against the operation's: unknown members, missing
    /// required ones, and the legacy parameters host does not implement.
    init(action: String, parameters: JSONValue) throws(HostCallError) {
        self.action = action
        guard let shape = TableRequestShape.members[action] else {
            throw HostCallError(errorType: "UnknownOperationException",
                                errorMessage: "The host offers no DynamoDB operation '\(action)'.")
        }
        guard case .object(let members) = parameters else {
            throw AttributeValue.wrongType("input", parameters, "object")
        }
        self.members = members
        let known = shape.required + shape.optional
        var problems: [String] = []
        for name in shape.required where members[name] == nil || members[name] == .null {
            problems.append("Missing required parameter in input: \"\(name)\"")
        }
        for name in members.keys where !known.contains(name) {
            problems.append("Unknown parameter in input: \"\(name)\", must be one of: \(known.joined(separator: ", "))")
        }
        if !problems.isEmpty { throw .parameterValidation(problems) }
        for name in TableRequestShape.unsupported where members[name] != nil {
            throw .validation("host does not support the legacy parameter \(name); use the expression parameters instead")
        }
    }

    func string(_ name: String) throws(HostCallError) -> String? {
        guard let value = members[name], value != .null else { return nil }
        guard case .string(let text) = value else { throw AttributeValue.wrongType(name, value, "string") }
        return text
    }

    func bool(_ name: String) throws(HostCallError) -> Bool? {
        guard let value = members[name], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw AttributeValue.wrongType(name, value, "boolean") }
        return flag
    }

    func integer(_ name: String) throws(HostCallError) -> Int? {
        guard let value = members[name], value != .null else { return nil }
        guard case .int(let number) = value else { throw AttributeValue.wrongType(name, value, "integer") }
        return Int(clamping: number)
    }

    /// `ReturnValues`, checked against the values the operation allows.
    func returnValues(allowed: [String]) throws(HostCallError) -> String {
        let value = try string("ReturnValues") ?? "NONE"
        guard allowed.contains(value) else {
            if allowed.count == 2 { throw .validation("ReturnValues can only be ALL_OLD or NONE") }
            throw .constraint(value: "'\(value)'", at: "returnValues",
                              "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")
        }
        return value
    }

    /// `Limit`: "Minimum value of 1" (Query and Scan API reference).
    func limit() throws(HostCallError) -> Int? {
        guard let limit = try integer("Limit") else { return nil }
        guard limit >= 1 else {
            throw .constraint(value: "'\(limit)'", at: "limit", "Member must have value greater than or equal to 1")
        }
        return limit
    }
}

extension TableDefinition {
    /// Reads a `Key` (or `ExclusiveStartKey`): exactly the key attributes, of their types.
    func key(_ json: JSONValue?, member: String) throws(HostCallError) -> (item: AttributeMap, key: TableItemKey) {
        let item = try AttributeValue.item(json ?? [:], path: member)
        guard item.count == keyAttributes.count else { throw .keyMismatch }
        for attribute in keyAttributes {
            guard let value = item[attribute.name], value.typeName == attribute.type else { throw .keyMismatch }
            try Self.checkNotEmpty(value, attribute.name)
        }
        return (item, storageKey(of: item))
    }

    /// Checks that an item to write holds its key attributes, of their types.
    func checkItemKey(_ item: AttributeMap) throws(HostCallError) {
        for attribute in keyAttributes {
            guard let value = item[attribute.name] else {
                throw .invalidParameter("Missing the key \(attribute.name) in the item")
            }
            guard value.typeName == attribute.type else {
                throw .invalidParameter("Type mismatch for key \(attribute.name) expected: \(attribute.type) actual: \(value.typeName)")
            }
            try Self.checkNotEmpty(value, attribute.name)
        }
    }

    /// "Attribute values of type String and Binary must have a length greater than zero if
    /// the attribute is used as a key attribute for a table or index" (PutItem docs).
    private static func checkNotEmpty(_ value: AttributeValue, _ name: String) throws(HostCallError) {
        switch value {
        case .string(let s) where s.isEmpty:
            throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(name)")
        case .binary(let b) where b.isEmpty:
            throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: \(name)")
        default:
            break
        }
    }

    /// Where an item with these key attributes is stored.
    func storageKey(of item: AttributeMap) -> TableItemKey {
        TableItemKey(partition: item[partitionKey.name]?.keyBytes ?? Data(),
                     sort: sortKey.flatMap { item[$0.name]?.keyBytes } ?? Data())
    }

    /// The key attributes of an item: a LastEvaluatedKey.
    func keyItem(of item: AttributeMap) -> AttributeMap {
        var key = AttributeMap()
        for attribute in keyAttributes { key[attribute.name] = item[attribute.name] }
        return key
    }
}

extension AttributeMap {
    /// "The maximum item size in DynamoDB is 400 KB, which includes both attribute name
    /// binary length (UTF-8 length) and attribute value lengths" (developer guide, quotas).
    static let maximumItemSize = 400 * 1024

    /// The item's size as DynamoDB counts it, near enough to enforce the limit.
    var size: Int {
        reduce(0) { $0 + $1.key.utf8.count + $1.value.storedSize }
    }
}

extension AttributeValue {
    var storedSize: Int {
        switch self {
        case .string(let s): s.utf8.count
        case .number(let n): (n.digits.count + 1) / 2 + 1
        case .binary(let b): b.count
        case .bool, .null: 1
        case .map(let members): 3 + members.size + members.count
        case .list(let elements): 3 + elements.reduce(0) { $0 + $1.storedSize + 1 }
        case .stringSet(let values): values.reduce(0) { $0 + $1.utf8.count }
        case .numberSet(let values): values.reduce(0) { $0 + ($1.digits.count + 1) / 2 + 1 }
        case .binarySet(let values): values.reduce(0) { $0 + $1.count }
        }
    }
}

/// DynamoDB's errors, with its names and its wording. Each quirk of wording lives here once.
extension HostCallError {
    /// "ResourceNotFoundException: Requested resource not found" — a table with no
    /// `tables/<Name>.json` (or an index, which host does not have).
    static func resourceNotFound(_ detail: String? = nil) -> HostCallError {
        HostCallError(errorType: "ResourceNotFoundException",
                      errorMessage: "Requested resource not found" + (detail.map { ": \($0)" } ?? ""))
    }

    static func validation(_ message: String) -> HostCallError {
        HostCallError(errorType: "ValidationException", errorMessage: message)
    }

    /// "One or more parameter values were invalid: …", DynamoDB's prefix for bad values.
    static func invalidParameter(_ message: String) -> HostCallError {
        .validation("One or more parameter values were invalid: " + message)
    }

    /// "The conditional request failed" (Condition expressions, developer guide).
    static let conditionalCheckFailed = HostCallError(errorType: "ConditionalCheckFailedException",
                                                      errorMessage: "The conditional request failed")

    static let keyMismatch = HostCallError.validation("The provided key element does not match the schema")

    /// An expression that cannot be used: `Invalid UpdateExpression: Syntax error; …`.
    static func invalidExpression(_ kind: ExpressionKind, _ message: String) -> HostCallError {
        .validation("Invalid \(kind.rawValue): \(message)")
    }

    /// What boto3 raises before sending a request of the wrong shape (a missing required
    /// member, an unknown one, a value of the wrong type): its `ParamValidationError`.
    static func parameterValidation(_ problems: [String]) -> HostCallError {
        HostCallError(errorType: "ParamValidationError",
                      errorMessage: "Parameter validation failed:\n" + problems.joined(separator: "\n"))
    }

    /// "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: …",
    /// the wording of the service's own constraint checks.
    static func constraint(value: String, at member: String, _ constraint: String) -> HostCallError {
        .validation("1 validation error detected: Value \(value) at '\(member)' failed to satisfy constraint: \(constraint)")
    }
}

/// Which expression of a request a message is about, as DynamoDB names them in errors.
enum ExpressionKind: String, Sendable {
    case update = "UpdateExpression"
    case condition = "ConditionExpression"
    case keyCondition = "KeyConditionExpression"
    case filter = "FilterExpression"
    case projection = "ProjectionExpression"
}

/// The request members boto3 knows for each operation, to report unknown and missing
/// members as it would. (The lists follow the DynamoDB API reference's request syntax.)
enum TableRequestShape {
    static let members: [String: (required: [String], optional: [String])] = [
        "GetItem": (["TableName", "Key"], ["AttributesToGet", "ConsistentRead", "ReturnConsumedCapacity",
                                          "ProjectionExpression", "ExpressionAttributeNames"]),
        "PutItem": (["TableName", "Item"], ["Expected", "ReturnValues", "ReturnConsumedCapacity",
                                           "ReturnItemCollectionMetrics", "ConditionalOperator", "ConditionExpression",
                                           "ExpressionAttributeNames", "ExpressionAttributeValues",
                                           "ReturnValuesOnConditionCheckFailure"]),
        "UpdateItem": (["TableName", "Key"], ["AttributeUpdates", "Expected", "ConditionalOperator", "ReturnValues",
                                             "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "UpdateExpression",
                                             "ConditionExpression", "ExpressionAttributeNames",
                                             "ExpressionAttributeValues", "ReturnValuesOnConditionCheckFailure"]),
        "DeleteItem": (["TableName", "Key"], ["Expected", "ConditionalOperator", "ReturnValues", "ReturnConsumedCapacity",
                                             "ReturnItemCollectionMetrics", "ConditionExpression",
                                             "ExpressionAttributeNames", "ExpressionAttributeValues",
                                             "ReturnValuesOnConditionCheckFailure"]),
        "Query": (["TableName"], ["IndexName", "Select", "AttributesToGet", "Limit", "ConsistentRead", "KeyConditions",
                                  "QueryFilter", "ConditionalOperator", "ScanIndexForward", "ExclusiveStartKey",
                                  "ReturnConsumedCapacity", "ProjectionExpression", "FilterExpression",
                                  "KeyConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"]),
        "BatchWriteItem": (["RequestItems"], ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics"]),
        "TransactWriteItems": (["TransactItems"], ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ClientRequestToken"]),
        "Scan": (["TableName"], ["IndexName", "AttributesToGet", "Limit", "Select", "ScanFilter", "ConditionalOperator",
                                 "ExclusiveStartKey", "ReturnConsumedCapacity", "TotalSegments", "Segment",
                                 "ProjectionExpression", "FilterExpression", "ExpressionAttributeNames",
                                 "ExpressionAttributeValues", "ConsistentRead"]),
    ]

    /// The legacy parameters host does not implement; a request using one is refused rather
    /// than half-understood.
    static let unsupported = ["AttributesToGet", "Expected", "ConditionalOperator", "KeyConditions", "QueryFilter",
                              "ScanFilter", "TotalSegments", "Segment"]
}
