import JSONValue

// Matching a compiled pattern against an event. A field of the event is looked at as the list of
// its leaf values: absent, an object, or an empty array give none; a scalar (null included)
// gives itself; an array gives the leaf values of its elements.

extension ObjectPattern {
    /// Whether `node` (nil when the event has no such field) satisfies this level.
    ///
    /// An array is satisfied when one of its elements is: "If the value in the event is an
    /// array, then the event pattern matches if the intersection of the event pattern array and
    /// the event array is non-empty." For objects in arrays this is per element, as in
    /// event-ruler's `rulesForJSONEvent`, which "will refuse to recognize any match in which any
    /// two fields are within JSON objects that are in different elements of the same array".
    func matches(_ node: JSONValue?) -> Bool {
        if case .array(let elements)? = node, !elements.isEmpty {
            return elements.contains { matches($0) }
        }
        let members = node?.objectValue
        // "EventBridge ignores the fields in the event that aren't included in the event pattern."
        for field in fields where !field.pattern.matches(members?[field.name]) {
            return false
        }
        return anyOf.isEmpty || anyOf.contains { $0.matches(node) }
    }
}

extension FieldPattern {
    /// Whether the event's value for this field (nil when absent) satisfies the pattern.
    func matches(_ value: JSONValue?) -> Bool {
        switch self {
        case .object(let nested):
            return nested.matches(value)
        case .values(let matchers):
            let leaves = Self.leafValues(of: value)
            // "Exists matching only works on leaf nodes. It does not work on intermediate nodes."
            // A field whose value is an object, or an empty array, has no leaf value: only
            // `{"exists": false}` matches it (the guide's `"c-count": {"c1": 100}` example).
            if leaves.isEmpty {
                return matchers.contains(.exists(false))
            }
            return matchers.contains { matcher in leaves.contains { matcher.matches($0) } }
        }
    }

    /// The scalars (null included) a value holds at this level, arrays flattened: "This works for
    /// multi-level arrays too." (event-ruler README)
    static func leafValues(of value: JSONValue?) -> [JSONValue] {
        switch value {
        case .none, .object?: return []
        case .array(let elements)?: return elements.flatMap { leafValues(of: $0) }
        case let scalar?: return [scalar]
        }
    }
}

extension ValueMatcher {
    /// Whether one leaf value of the event (never an array or object) satisfies this matcher.
    func matches(_ value: JSONValue) -> Bool {
        switch self {
        case .string(let text, let ip):
            guard case .string(let actual) = value else { return false }
            return TextComparison.equal(actual, text) || (ip != nil && IPAddress(literal: actual) == ip)
        case .number(let literal, let comparable):
            return Self.numberEquals(value, literal: literal, comparable: comparable)
        case .bool(let flag):
            return value == .bool(flag)
        case .null:
            return value == .null
        case .prefix(let prefix, let ignoringCase):
            return value.stringValue.map { TextComparison.hasPrefix($0, prefix, ignoringCase: ignoringCase) } ?? false
        case .suffix(let suffix, let ignoringCase):
            return value.stringValue.map { TextComparison.hasSuffix($0, suffix, ignoringCase: ignoringCase) } ?? false
        case .equalsIgnoringCase(let text):
            return value.stringValue.map { TextComparison.equalIgnoringCase($0, text) } ?? false
        case .wildcard(let pattern):
            return value.stringValue.map(pattern.matches) ?? false
        case .anythingBut(let excluded):
            return !excluded.excludes(value)
        case .numeric(let range):
            // "Numeric matching works with values that are JSON numbers": the string "300" is no number.
            return ComparableNumber.event(value).map(range.contains) ?? false
        case .cidr(let range):
            return value.stringValue.flatMap(IPAddress.init(literal:)).map(range.contains) ?? false
        case .exists(let mustExist):
            return mustExist
        }
    }

    /// A number in the pattern against a leaf value: equal as comparable numbers (so 300 matches
    /// 300.0, as AWS answers, although the guide once said they are "not considered equal"), or
    /// the very same number when it is outside the numeric range (an account number, say).
    private static func numberEquals(_ value: JSONValue, literal: JSONValue, comparable: Int64?) -> Bool {
        if let comparable, let actual = ComparableNumber.event(value), actual == comparable { return true }
        switch (value, literal) {
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        default: return false
        }
    }
}

extension AnythingBut {
    /// Whether `value` is one of the excluded values. Anything else matches, including `null`,
    /// numbers for a list of strings, and strings for a list of numbers: AWS matches
    /// `{"anything-but": "initializing"}` against `"state": null`, and
    /// `{"anything-but": {"prefix": "init"}}` against `"state": 12`.
    func excludes(_ value: JSONValue) -> Bool {
        switch self {
        case .strings(let strings):
            guard case .string(let actual) = value else { return false }
            return strings.contains { TextComparison.equal(actual, $0) }
        case .numbers(let numbers):
            guard let actual = ComparableNumber.event(value) else { return false }
            return numbers.contains(actual)
        case .prefixes(let prefixes):
            guard case .string(let actual) = value else { return false }
            return prefixes.contains { TextComparison.hasPrefix(actual, $0, ignoringCase: false) }
        case .suffixes(let suffixes):
            guard case .string(let actual) = value else { return false }
            return suffixes.contains { TextComparison.hasSuffix(actual, $0, ignoringCase: false) }
        case .ignoringCase(let strings):
            guard case .string(let actual) = value else { return false }
            return strings.contains { TextComparison.equalIgnoringCase(actual, $0) }
        case .wildcards(let patterns):
            guard case .string(let actual) = value else { return false }
            return patterns.contains { $0.matches(actual) }
        }
    }
}
