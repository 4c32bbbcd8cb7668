import Foundation
import JSONValue
import LuaSandbox

extension AttributeValue {
    static let typeNames = ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"]

    /// Reads a typed value such as `{"N": "5"}`; `path` names it in errors the way boto3
    /// does (`Item.count.N`).
    init(json: JSONValue, path: String) throws(HostCallError) {
        guard case .object(let members) = json else { throw Self.wrongType(path, json, "object") }
        for key in members.keys where !Self.typeNames.contains(key) {
            throw .parameterValidation(["Unknown parameter in \(path): \"\(key)\", must be one of: \(Self.typeNames.joined(separator: ", "))"])
        }
        guard let (type, value) = members.elements.first else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        guard members.count == 1 else {
            throw .validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        let at = "\(path).\(type)"
        switch type {
        case "S": self = .string(try Self.string(value, at))
        case "N": self = .number(try Self.number(try Self.string(value, at)))
        case "B": self = .binary(try Self.binary(try Self.string(value, at), at))
        case "BOOL":
            guard case .bool(let flag) = value else { throw Self.wrongType(at, value, "boolean") }
            self = .bool(flag)
        case "NULL":
            guard case .bool(let flag) = value else { throw Self.wrongType(at, value, "boolean") }
            guard flag else { throw .invalidParameter("Null attribute value types must have the value of true") }
            self = .null
        case "M":
            guard case .object(let object) = value else { throw Self.wrongType(at, value, "object") }
            var map = Item()
            for (name, member) in object { map[name] = try AttributeValue(json: member, path: "\(at).\(name)") }
            self = .map(map)
        case "L":
            var elements: [AttributeValue] = []
            for (i, element) in try Self.array(value, at).enumerated() {
                elements.append(try AttributeValue(json: element, path: "\(at)[\(i)]"))
            }
            self = .list(elements)
        case "SS":
            let strings = try Self.strings(value, at)
            try Self.checkSet(strings, "string", strings)
            self = .stringSet(strings)
        case "NS":
            let texts = try Self.strings(value, at)
            var numbers: [DynamoNumber] = []
            for text in texts { numbers.append(try Self.number(text)) }
            try Self.checkSet(numbers, "number", texts)
            self = .numberSet(numbers)
        default:
            let texts = try Self.strings(value, at)
            var blobs: [Data] = []
            for (i, text) in texts.enumerated() { blobs.append(try Self.binary(text, "\(at)[\(i)]")) }
            try Self.checkSet(blobs, "binary", texts)
            self = .binarySet(blobs)
        }
    }

    /// Reads an item (or key): attribute names to typed values.
    static func item(_ json: JSONValue, path: String) throws(HostCallError) -> Item {
        guard case .object(let members) = json else { throw wrongType(path, json, "object") }
        var item = Item()
        for (name, value) in members {
            guard !name.isEmpty else { throw .invalidParameter("An AttributeValue may not contain an empty attribute name") }
            item[name] = try AttributeValue(json: value, path: "\(path).\(name)")
        }
        return item
    }

    /// Parses a number, with DynamoDB's messages for what it cannot store.
    static func number(_ text: String) throws(HostCallError) -> DynamoNumber {
        do { return try DynamoNumber(parsing: text) } catch {
            throw .validation(error == .notANumber ? "\(error.message): \(text)" : error.message)
        }
    }

    /// The elements of a set: strings.
    private static func strings(_ value: JSONValue, _ path: String) throws(HostCallError) -> [String] {
        var strings: [String] = []
        for (i, element) in try array(value, path).enumerated() { strings.append(try string(element, "\(path)[\(i)]")) }
        return strings
    }

    private static func string(_ value: JSONValue, _ path: String) throws(HostCallError) -> String {
        guard case .string(let s) = value else { throw wrongType(path, value, "string") }
        return s
    }

    /// An array; an empty object counts as an empty array, since a script's `{}` is both.
    private static func array(_ value: JSONValue, _ path: String) throws(HostCallError) -> [JSONValue] {
        switch value {
        case .array(let elements): return elements
        case .object(let members) where members.isEmpty: return []
        default: throw wrongType(path, value, "array")
        }
    }

    private static func binary(_ text: String, _ path: String) throws(HostCallError) -> Data {
        guard let data = Data(base64Encoded: text) else {
            throw .validation("Invalid binary value for \(path): it must be base64-encoded")
        }
        return data
    }

    /// "Set type attributes cannot be empty" (PutItem docs), and hold no value twice.
    private static func checkSet<T: Hashable>(_ values: [T], _ kind: String, _ texts: [String]) throws(HostCallError) {
        // DynamoDB's message has the article and the double space as quoted here.
        guard !values.isEmpty else { throw .invalidParameter("An \(kind) set  may not be empty") }
        if Set(values).count != values.count {
            throw .invalidParameter("Input collection [\(texts.joined(separator: ", "))] contains duplicates.")
        }
    }

    static func wrongType(_ path: String, _ value: JSONValue, _ expected: String) -> HostCallError {
        .parameterValidation(["Invalid type for parameter \(path), value: \(value.compactString()), type: \(value.typeName), valid types: \(expected)"])
    }
}
