import Foundation
import LuaSandbox
import Store

/// What a Query's key condition selects: one partition, and a range of its sort keys.
///
/// "You must specify the partition key name and value as an equality condition. You can
/// optionally provide a second condition for the sort key ... `=`, `<`, `<=`, `>`, `>=`,
/// `BETWEEN`, `begins_with`" (developer guide, Key condition expressions).
struct KeyRange {
    var partition: Data
    var lower: SortKeyBound?
    var upper: SortKeyBound?

    init(_ condition: Condition, table: TableDefinition) throws(HostCallError) {
        var parts: [Condition] = []
        try Self.flatten(condition, into: &parts)
        var partition: Data?
        var sortCondition: Condition?
        for part in parts {
            guard let attribute = Self.attribute(of: part) else { throw .validation("Query key condition not supported") }
            if attribute == table.partitionKey.name {
                guard partition == nil else {
                    throw .invalidExpression(.keyCondition, "KeyConditionExpressions must only contain one condition per key")
                }
                guard case .compare(_, .equal, .value(let value)) = part else { throw .validation("Query key condition not supported") }
                try Self.checkType(value, table.partitionKey)
                partition = value.keyBytes
            } else if let sortKey = table.sortKey, attribute == sortKey.name {
                guard sortCondition == nil else {
                    throw .invalidExpression(.keyCondition, "KeyConditionExpressions must only contain one condition per key")
                }
                sortCondition = part
            } else {
                // A condition on another attribute stands where the sort key's would.
                guard let sortKey = table.sortKey else { throw .validation("Query key condition not supported") }
                throw .validation("Query condition missed key schema element: \(sortKey.name)")
            }
        }
        guard let partition else {
            throw .validation("Query condition missed key schema element: \(table.partitionKey.name)")
        }
        self.partition = partition
        if let sortCondition, let sortKey = table.sortKey { try bound(sortCondition, sortKey) }
    }

    /// Whether a sort key lies in the range (an ExclusiveStartKey must).
    func contains(_ sort: Data) -> Bool {
        if let lower, lower.inclusive ? sort.lexicographicallyPrecedes(lower.bytes) : !lower.bytes.lexicographicallyPrecedes(sort) {
            return false
        }
        if let upper, upper.inclusive ? upper.bytes.lexicographicallyPrecedes(sort) : !sort.lexicographicallyPrecedes(upper.bytes) {
            return false
        }
        return true
    }

    private mutating func bound(_ condition: Condition, _ key: KeyAttribute) throws(HostCallError) {
        switch condition {
        case .compare(_, let comparator, .value(let value)):
            try Self.checkType(value, key)
            let bytes = value.keyBytes
            switch comparator {
            case .equal: (lower, upper) = (SortKeyBound(bytes, inclusive: true), SortKeyBound(bytes, inclusive: true))
            case .less: upper = SortKeyBound(bytes, inclusive: false)
            case .lessOrEqual: upper = SortKeyBound(bytes, inclusive: true)
            case .greater: lower = SortKeyBound(bytes, inclusive: false)
            case .greaterOrEqual: lower = SortKeyBound(bytes, inclusive: true)
            case .notEqual: throw .invalidExpression(.keyCondition, "Invalid operator used in KeyConditionExpression: <>")
            }
        case .between(_, .value(let low), .value(let high)):
            try Self.checkType(low, key)
            try Self.checkType(high, key)
            lower = SortKeyBound(low.keyBytes, inclusive: true)
            upper = SortKeyBound(high.keyBytes, inclusive: true)
        case .beginsWith(_, .value(let prefix)):
            guard key.type != "N" else {
                throw .invalidExpression(.keyCondition, "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
            }
            try Self.checkType(prefix, key)
            // The keys from the prefix up to, not including, the first key past every key
            // that starts with it: the prefix with its last byte below 0xFF incremented.
            lower = SortKeyBound(prefix.keyBytes, inclusive: true)
            var next = [UInt8](prefix.keyBytes)
            while let last = next.last, last == 0xFF { next.removeLast() }
            if !next.isEmpty {
                next[next.count - 1] += 1
                upper = SortKeyBound(Data(next), inclusive: false)
            }
        default:
            throw .validation("Query key condition not supported")
        }
    }

    /// The conditions joined by AND; OR and NOT have no place in a key condition.
    private static func flatten(_ condition: Condition, into parts: inout [Condition]) throws(HostCallError) {
        switch condition {
        case .and(let a, let b):
            try flatten(a, into: &parts)
            try flatten(b, into: &parts)
        case .or: throw .invalidExpression(.keyCondition, "Invalid operator used in KeyConditionExpression: OR")
        case .not: throw .invalidExpression(.keyCondition, "Invalid operator used in KeyConditionExpression: NOT")
        default: parts.append(condition)
        }
        if parts.count > 2 { throw .invalidExpression(.keyCondition, "The expression has too many conditions for the key") }
    }

    /// The key attribute a condition is on: a top-level path on the left.
    private static func attribute(of condition: Condition) -> String? {
        let left: Operand
        switch condition {
        case .compare(let a, _, _), .between(let a, _, _), .beginsWith(let a, _): left = a
        default: return nil
        }
        guard case .path(let path) = left, path.elements.count == 1 else { return nil }
        return path.attribute
    }

    private static func checkType(_ value: AttributeValue, _ key: KeyAttribute) throws(HostCallError) {
        guard value.typeName == key.type else {
            throw .invalidParameter("Condition parameter type does not match schema type")
        }
    }
}
