import JSONValue
import LuaSandbox

/// One step of a document path: a map member or a list element.
enum PathElement: Hashable, Sendable {
    case name(String)
    case index(Int)
}

/// A document path such as `ProductReviews.FiveStar[0]`, its placeholders resolved.
struct DocumentPath: Hashable, Sendable, CustomStringConvertible {
    var elements: [PathElement]

    /// The top-level attribute the path starts at.
    var attribute: String {
        guard case .name(let name)? = elements.first else { return "" }
        return name
    }

    /// Whether `self` is `other` or leads into it.
    func isPrefix(of other: DocumentPath) -> Bool {
        elements.count <= other.elements.count && Array(other.elements.prefix(elements.count)) == elements
    }

    /// `[ProductReviews, FiveStar, [0]]`, as DynamoDB prints paths in errors.
    var description: String {
        "[" + elements.map { element in
            switch element {
            case .name(let name): name
            case .index(let index): "[\(index)]"
            }
        }.joined(separator: ", ") + "]"
    }
}

/// A value in an expression: a path into the item, a `:value`, or a function of those.
indirect enum Operand: Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    case size(DocumentPath)
    case ifNotExists(DocumentPath, Operand)
    case listAppend(Operand, Operand)
    case plus(Operand, Operand)
    case minus(Operand, Operand)
}

enum Comparator: String, Sendable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A condition, filter or key condition expression.
indirect enum Condition: Sendable {
    case compare(Operand, Comparator, Operand)
    case between(Operand, Operand, Operand)
    case isIn(Operand, [Operand])
    case exists(DocumentPath)
    case notExists(DocumentPath)
    case hasType(DocumentPath, Operand)
    case beginsWith(Operand, Operand)
    case contains(Operand, Operand)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
}

/// One action of an update expression.
enum UpdateAction: Sendable {
    case set(DocumentPath, Operand)
    case remove(DocumentPath)
    case add(DocumentPath, AttributeValue)
    case delete(DocumentPath, AttributeValue)

    var path: DocumentPath {
        switch self {
        case .set(let path, _), .remove(let path), .add(let path, _), .delete(let path, _): path
        }
    }
}

/// A request's ExpressionAttributeNames and ExpressionAttributeValues, and which of them its
/// expressions used: DynamoDB refuses a request that defines one it does not use.
struct ExpressionContext {
    var names: [(String, String)]
    var values: [(String, AttributeValue)]
    private(set) var usedNames: Set<String> = []
    private(set) var usedValues: Set<String> = []

    /// Reads the request's maps, with DynamoDB's checks of them.
    init(request: JSONObject) throws(HostCallError) {
        names = []
        values = []
        if let value = request["ExpressionAttributeNames"] {
            guard case .object(let members) = value else {
                throw AttributeValue.wrongType("ExpressionAttributeNames", value, "object")
            }
            guard !members.isEmpty else { throw .validation("ExpressionAttributeNames must not be empty") }
            for (key, name) in members {
                guard case .string(let text) = name else {
                    throw AttributeValue.wrongType("ExpressionAttributeNames.\(key)", name, "string")
                }
                names.append((key, text))
            }
        }
        if let value = request["ExpressionAttributeValues"] {
            guard case .object(let members) = value else {
                throw AttributeValue.wrongType("ExpressionAttributeValues", value, "object")
            }
            guard !members.isEmpty else { throw .validation("ExpressionAttributeValues must not be empty") }
            for (key, member) in members {
                values.append((key, try AttributeValue(json: member, path: "ExpressionAttributeValues.\(key)")))
            }
        }
    }

    /// The attribute name `#placeholder` stands for.
    mutating func name(_ placeholder: String) -> String? {
        guard let found = names.first(where: { $0.0 == placeholder }) else { return nil }
        usedNames.insert(placeholder)
        return found.1
    }

    /// The value `:placeholder` stands for.
    mutating func value(_ placeholder: String) -> AttributeValue? {
        guard let found = values.first(where: { $0.0 == placeholder }) else { return nil }
        usedValues.insert(placeholder)
        return found.1
    }

    /// After every expression of the request is parsed: "Value provided in
    /// ExpressionAttributeValues unused in expressions: keys: {:x}".
    func checkAllUsed() throws(HostCallError) {
        let unusedNames = names.map(\.0).filter { !usedNames.contains($0) }
        if !unusedNames.isEmpty {
            throw .validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unusedNames.joined(separator: ", "))}")
        }
        let unusedValues = values.map(\.0).filter { !usedValues.contains($0) }
        if !unusedValues.isEmpty {
            throw .validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unusedValues.joined(separator: ", "))}")
        }
    }
}
