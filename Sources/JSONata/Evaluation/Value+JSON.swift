import JSONValue
import OrderedCollections

extension Value {
    /// The evaluation value of a JSON value: every number becomes a double, as in JSONata.
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map { Value($0) }, [])
        case .object(let members):
            var converted = OrderedDictionary<String, Value>(minimumCapacity: members.count)
            for (key, value) in members { converted[key] = Value(value) }
            self = .object(ObjectBox(converted: converted, from: members))
        }
    }

    /// The evaluation value of a JSON value, converting objects only as they are read. For
    /// values that belong to one evaluation (see `ObjectBox.init(lazy:)`).
    init(lazy json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(Value.init(lazy:)), [])
        case .object(let members): self = .object(ObjectBox(lazy: members))
        }
    }

    /// The JSON value of a result, or nil for undefined; see docs/jsonata.md.
    ///
    /// As `JSON.stringify` would write it: a whole number below 2^63 in magnitude becomes an
    /// integer (so `2.0` prints `2`, and `-0` prints `0`); other numbers stay doubles. A
    /// function is dropped from an object, becomes null in an array, and undefined on its own.
    var json: JSONValue? {
        switch self {
        case .undefined, .function: return nil
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return Self.jsonNumber(d)
        case .string(let s): return .string(s)
        case .array(let items, _): return .array(items.map { $0.json ?? .null })
        case .object(let box):
            if let json = box.unchangedJSON { return .object(json) }
            var members = JSONObject(minimumCapacity: box.members.count)
            for (key, value) in box.members { if let json = value.json { members[key] = json } }
            return .object(members)
        }
    }

    static func jsonNumber(_ d: Double) -> JSONValue {
        if d == d.rounded(), d.magnitude < 9.223372036854775e18 { return .int(Int64(d)) }
        return d.isFinite ? .double(d) : .null
    }

    /// The first infinite or NaN number inside the value, if any.
    var firstNonFiniteNumber: Double? {
        switch self {
        case .number(let n): return n.isFinite ? nil : n
        case .array(let items, _): return items.lazy.compactMap(\.firstNonFiniteNumber).first
        case .object(let box): return box.members.values.lazy.compactMap(\.firstNonFiniteNumber).first
        default: return nil
        }
    }

    /// The text `JSON.stringify` gives, for error messages (no rounding of numbers).
    var jsonText: String {
        var out = ""
        Self.stringify(self, into: &out, indent: nil, depth: 0, round: false)
        return out
    }

    /// `$string`'s text of a non-string value: JSON with numbers rounded to 15 significant
    /// digits and functions written as empty strings, compact or indented by two spaces.
    func stringified(pretty: Bool) -> String {
        var out = ""
        Self.stringify(self, into: &out, indent: pretty ? 2 : nil, depth: 0, round: true)
        return out
    }

    private static func stringify(_ value: Value, into out: inout String, indent: Int?, depth: Int, round: Bool) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n"
            out += String(repeating: " ", count: indent * level)
        }
        switch value {
        case .undefined: out += "undefined"
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d):
            // jsonata-js 2.1.1 and later keep whole numbers exact (`$string(5890840712243076)`).
            let rounded = round && d != d.rounded() ? NumberText.roundedTo15Digits(d) : d
            out += d.isFinite ? NumberText.format(rounded) : "null"
        case .string(let s): out += NumberText.quoted(s)
        case .function: out += round ? "\"\"" : "{}"
        case .array(let items, _):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(depth + 1)
                if item.isUndefined { out += "null" } else { stringify(item, into: &out, indent: indent, depth: depth + 1, round: round) }
            }
            newline(depth)
            out += "]"
        case .object(let box):
            let members = box.members.filter { !$0.value.isUndefined }
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                newline(depth + 1)
                out += NumberText.quoted(member.key)
                out += indent == nil ? ":" : ": "
                stringify(member.value, into: &out, indent: indent, depth: depth + 1, round: round)
            }
            newline(depth)
            out += "}"
        }
    }
}
