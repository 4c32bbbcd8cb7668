import Foundation
import JSONValue

/// A DynamoDB attribute value, typed as on the wire: `{"S": "x"}`, `{"N": "5"}`,
/// `{"M": {...}}`, and so on (API reference, AttributeValue).
enum AttributeValue: Sendable, Hashable {
    case string(String)
    case number(DynamoNumber)
    case binary(Data)
    case bool(Bool)
    case null
    case map(Item)
    case list([AttributeValue])
    case stringSet([String])
    case numberSet([DynamoNumber])
    case binarySet([Data])

    /// An item, or the members of a map.
    typealias Item = AttributeMap

    /// The wire name of the type: `S`, `N`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS`, `BS`.
    var typeName: String {
        switch self {
        case .string: "S"
        case .number: "N"
        case .binary: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .map: "M"
        case .list: "L"
        case .stringSet: "SS"
        case .numberSet: "NS"
        case .binarySet: "BS"
        }
    }

    /// The type as the ADD and DELETE clauses' errors spell it (`operand type: LIST`).
    var longTypeName: String {
        switch self {
        case .string: "STRING"
        case .number: "NUMBER"
        case .binary: "BINARY"
        case .bool: "BOOLEAN"
        case .null: "NULL"
        case .map: "MAP"
        case .list: "LIST"
        case .stringSet: "STRING SET"
        case .numberSet: "NUMBER SET"
        case .binarySet: "BINARY SET"
        }
    }

    var isSet: Bool {
        switch self {
        case .stringSet, .numberSet, .binarySet: true
        default: false
        }
    }

    /// The typed JSON DynamoDB sends.
    var json: JSONValue {
        switch self {
        case .string(let s): ["S": .string(s)]
        case .number(let n): ["N": .string(n.description)]
        case .binary(let b): ["B": .string(b.base64EncodedString())]
        case .bool(let b): ["BOOL": .bool(b)]
        case .null: ["NULL": true]
        case .map(let members): ["M": Self.json(members)]
        case .list(let elements): ["L": .array(elements.map(\.json))]
        case .stringSet(let values): ["SS": .array(values.map { .string($0) })]
        case .numberSet(let values): ["NS": .array(values.map { .string($0.description) })]
        case .binarySet(let values): ["BS": .array(values.map { .string($0.base64EncodedString()) })]
        }
    }

    /// An item as typed JSON.
    static func json(_ item: Item) -> JSONValue {
        var object = JSONObject()
        for (name, value) in item { object[name] = value.json }
        return .object(object)
    }

    /// Equality as DynamoDB compares values: numbers by value, sets whatever their order.
    static func == (a: AttributeValue, b: AttributeValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.binary(let x), .binary(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        case (.map(let x), .map(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.stringSet(let x), .stringSet(let y)): Set(x) == Set(y)
        case (.numberSet(let x), .numberSet(let y)): Set(x) == Set(y)
        case (.binarySet(let x), .binarySet(let y)): Set(x) == Set(y)
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        switch self {
        case .string(let s): hasher.combine(s)
        case .number(let n): hasher.combine(n)
        case .binary(let b): hasher.combine(b)
        case .bool(let b): hasher.combine(b)
        case .list(let l): hasher.combine(l)
        case .null, .map, .stringSet, .numberSet, .binarySet: break
        }
    }

    /// Order for `<`, `BETWEEN` and sort keys: numbers by value, strings and binaries by
    /// their bytes ("otherwise, the results are returned in order of UTF-8 bytes", Query
    /// docs). Nil for values of different types or of a type without order.
    static func compare(_ a: AttributeValue, _ b: AttributeValue) -> ComparisonResult? {
        func order<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x < y ? .orderedAscending : x == y ? .orderedSame : .orderedDescending
        }
        switch (a, b) {
        case (.number(let x), .number(let y)): return order(x, y)
        case (.string(let x), .string(let y)):
            return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? .orderedAscending
                : x == y ? .orderedSame : .orderedDescending
        case (.binary(let x), .binary(let y)):
            return x.lexicographicallyPrecedes(y) ? .orderedAscending : x == y ? .orderedSame : .orderedDescending
        default:
            return nil
        }
    }

    /// What `size(path)` returns: a string's length, a binary's bytes, a set's or a
    /// collection's elements; nil for the types `size` does not measure.
    var size: Int? {
        switch self {
        case .string(let s): s.count
        case .binary(let b): b.count
        case .stringSet(let v): v.count
        case .numberSet(let v): v.count
        case .binarySet(let v): v.count
        case .list(let v): v.count
        case .map(let v): v.count
        case .number, .bool, .null: nil
        }
    }

    /// A key attribute's bytes in the store's order (see `DynamoNumber.orderedBytes`).
    var keyBytes: Data {
        switch self {
        case .string(let s): Data(s.utf8)
        case .number(let n): n.orderedBytes
        case .binary(let b): b
        default: Data()
        }
    }
}

/// Attribute names to values, in the order they were added: an item, or the members of a
/// map attribute. DynamoDB promises no order; keeping the written one makes output stable.
struct AttributeMap: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    private(set) var keys: [String] = []
    private var values: [String: AttributeValue] = [:]

    init() {}

    init(dictionaryLiteral elements: (String, AttributeValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// The value of `key`; setting nil removes the member, setting a new key appends it.
    subscript(key: String) -> AttributeValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    func makeIterator() -> some IteratorProtocol<(key: String, value: AttributeValue)> {
        keys.lazy.map { (key: $0, value: values[$0]!) }.makeIterator()
    }

    /// Equal when they hold the same members, whatever their order.
    static func == (a: AttributeMap, b: AttributeMap) -> Bool { a.values == b.values }

    func hash(into hasher: inout Hasher) { hasher.combine(values) }
}
