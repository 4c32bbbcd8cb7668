import JSONValue

/// Turns a definition's JSON into the model, recording every problem as it goes instead of
/// stopping at the first: each reader returns nil (or a default) for a bad field and carries on.
final class DefinitionDecoder {
    private(set) var collector: DiagnosticCollector
    /// The top-level `QueryLanguage`, which every state inherits unless it sets its own.
    var topLanguage: QueryLanguage = .jsonPath
    /// The scopes being decoded, innermost last.
    var scopes: [StateScope] = []
    /// Where each state name was first defined, for "unique within the whole state machine".
    var definedStates: [String: [JSONPathComponent]] = [:]
    /// Every state name anywhere in the definition, collected before decoding.
    let allStateNames: Set<String>

    init(document: JSONDocument?, definition: JSONValue) {
        collector = DiagnosticCollector(document: document)
        var names: Set<String> = []
        Self.collectStateNames(definition, into: &names)
        allStateNames = names
    }

    /// Records a problem with the value at `path`, or with its key when `atKey`.
    func error(_ message: String, at path: [JSONPathComponent], atKey: Bool = false) {
        collector.error(message, at: path, atKey: atKey)
    }

    /// Records a problem with the character `scalarOffset` Unicode scalars into the string at
    /// `path`, at its line and column in the file.
    func error(_ message: String, at path: [JSONPathComponent], scalarOffset: Int) {
        collector.error(message, at: path, scalarOffset: scalarOffset)
    }

    /// Records something valid that `host` does not run yet.
    func unsupported(_ message: String, at path: [JSONPathComponent], atKey: Bool = false) {
        collector.unsupported(message, at: path, atKey: atKey)
    }

    /// Lets a payload template parser record its problems in the same list.
    func withCollector<T>(_ body: (inout DiagnosticCollector) -> T) -> T {
        body(&collector)
    }

    private static func collectStateNames(_ machine: JSONValue, into names: inout Set<String>) {
        guard case .object(let states)? = machine["States"] else { return }
        for (name, state) in states {
            names.insert(name)
            for key in ["ItemProcessor", "Iterator"] {
                if let processor = state[key] { collectStateNames(processor, into: &names) }
            }
            for branch in state["Branches"]?.arrayValue ?? [] { collectStateNames(branch, into: &names) }
        }
    }
}

/// An object of the definition and where it is.
struct ObjectFields {
    let members: JSONObject
    let path: [JSONPathComponent]
    /// ObjectFields written but already refused (unsupported here, or of the other query language):
    /// they are not read, but they do count as written for "exactly one of" rules.
    var refused: Set<String> = []

    subscript(key: String) -> JSONValue? { members[key] }

    /// The path of member `key`.
    func at(_ key: String) -> [JSONPathComponent] { path + [.key(key)] }

    func has(_ key: String) -> Bool { members[key] != nil }
}

extension DefinitionDecoder {
    /// The object at `path`, or nil after reporting that `what` must be an object.
    func object(_ value: JSONValue, at path: [JSONPathComponent], what: String) -> ObjectFields? {
        guard case .object(let members) = value else {
            error("\(what) must be a JSON object, not \(Self.describe(value)).", at: path)
            return nil
        }
        return ObjectFields(members: members, path: path)
    }

    /// Reports "These fields are required: [...]" for those of `keys` that `fields` lacks.
    @discardableResult
    func require(_ keys: [String], in fields: ObjectFields) -> Bool {
        let missing = keys.filter { !fields.has($0) }
        guard !missing.isEmpty else { return true }
        error("These fields are required: [\(missing.joined(separator: ", "))].", at: fields.path)
        return false
    }

    /// The string at `key`, or nil (reported when present but not a string).
    func string(_ key: String, in fields: ObjectFields) -> String? {
        guard let value = fields[key] else { return nil }
        guard case .string(let text) = value else {
            error("Field '\(key)' must be a string, not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        return text
    }

    /// The boolean at `key`, or nil (reported when present but not a boolean).
    func bool(_ key: String, in fields: ObjectFields) -> Bool? {
        guard let value = fields[key] else { return nil }
        guard case .bool(let flag) = value else {
            error("Field '\(key)' must be true or false, not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        return flag
    }

    /// The integer at `key` when it lies in `range`, or nil (reported when present but not).
    func integer(_ key: String, in fields: ObjectFields, range: ClosedRange<Int>) -> Int? {
        guard let value = fields[key] else { return nil }
        guard let number = value.intValue, range.contains(Int(clamping: number)) else {
            error("Field '\(key)' must be \(Self.describe(range)), not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        return Int(number)
    }

    /// The array at `key` when it is non-empty, or nil (reported when present but not).
    func nonEmptyArray(_ key: String, in fields: ObjectFields, of what: String) -> [JSONValue]? {
        guard let value = fields[key] else { return nil }
        guard case .array(let elements) = value else {
            error("Field '\(key)' must be a non-empty array of \(what), not \(Self.describe(value)).", at: fields.at(key))
            return nil
        }
        guard !elements.isEmpty else {
            error("Field '\(key)' must be a non-empty array of \(what), but it is empty.", at: fields.at(key))
            return nil
        }
        return elements
    }

    /// Reports every field of `keys` that `fields` has after the first one written.
    /// Returns whether at most one was present.
    @discardableResult
    func exclusive(_ keys: [String], in fields: ObjectFields, message: String) -> Bool {
        let present = fields.members.keys.filter(keys.contains)
        for key in present.dropFirst() { error(message, at: fields.at(key), atKey: true) }
        return present.count <= 1
    }

    /// "an integer from 1 to 99999999"
    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "an integer of at least \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)"
    }

    /// A value as a message shows it: scalars as JSON (shortened), containers by their type.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        default:
            let text = value.compactString()
            return text.count > 40 ? String(text.prefix(37)) + "..." : text
        }
    }
}
