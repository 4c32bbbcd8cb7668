import JSONValue

/// The expression of a filter step, `[?(@.price < 10 && @.category == 'fiction')]`.
///
/// Jayway's filter language, restricted to what the brief for AWS lists: comparisons
/// `== != < <= > >=`, regular-expression matches `=~ /pattern/i`, `&&`, `||`, parentheses, and
/// a path on its own, which tests that the path exists (`[?(@.isbn)]`).
indirect enum FilterExpression: Sendable, Hashable {
    case or(FilterExpression, FilterExpression)
    case and(FilterExpression, FilterExpression)
    case comparison(FilterOperand, FilterOperator, FilterOperand)
    /// A path alone: true when it finds something, even `null`.
    case exists(FilterOperand)

    /// Whether `item` (the array element or object being filtered) passes; `root` is the
    /// document the whole path started from.
    func accepts(_ item: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .or(let lhs, let rhs):
            return lhs.accepts(item, root: root) || rhs.accepts(item, root: root)
        case .and(let lhs, let rhs):
            return lhs.accepts(item, root: root) && rhs.accepts(item, root: root)
        case .exists(let operand):
            return operand.value(item: item, root: root) != nil
        case .comparison(let lhs, .matches, let rhs):
            return Self.regexMatch(lhs, rhs, item: item, root: root)
        case .comparison(let lhs, let op, let rhs):
            return op.holds(lhs.value(item: item, root: root), rhs.value(item: item, root: root))
        }
    }
}

/// One side of a comparison in a filter.
enum FilterOperand: Sendable, Hashable {
    /// `@`, `@.a.b`: relative to the item being filtered.
    case current([JSONPath.Step])
    /// `$.a.b`: from the document the path started from.
    case root([JSONPath.Step])
    /// A number, `'string'`, `"string"`, `true`, `false` or `null`.
    case literal(JSONValue)
    /// `/pattern/` or `/pattern/i`, only on one side of `=~`.
    case regex(pattern: String, ignoresCase: Bool)

    /// The operand's value; nil when its path finds nothing. A regex is its pattern string.
    func value(item: JSONValue, root: JSONValue) -> JSONValue? {
        switch self {
        case .literal(let value): return value
        case .regex(let pattern, _): return .string(pattern)
        case .current(let steps): return Self.select(steps, from: item, root: root)
        case .root(let steps): return Self.select(steps, from: root, root: root)
        }
    }

    /// A relative path's value: the node for a definite path, the array of matches otherwise.
    private static func select(_ steps: [JSONPath.Step], from document: JSONValue, root: JSONValue) -> JSONValue? {
        let path = JSONPath(text: "@", root: .input, steps: steps)
        var evaluation = PathEvaluation(path: path, document: root)
        guard (try? evaluation.visit(0, document, "@")) != nil else { return nil }
        if path.isDefinite { return evaluation.results.first }
        return .array(evaluation.results)
    }
}

/// A comparison operator of a filter.
enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
    case matches = "=~"

    /// Whether the comparison holds; a missing operand (nil) makes every comparison false
    /// except `!=`, as in Jayway, where the missing value is "undefined".
    func holds(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        switch self {
        case .equal:
            guard let lhs, let rhs else { return false }
            return Self.equal(lhs, rhs)
        case .notEqual:
            guard let lhs, let rhs else { return true }
            return !Self.equal(lhs, rhs)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let lhs, let rhs, let order = Self.order(lhs, rhs) else { return false }
            switch self {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        case .matches:
            return false  // Decided by `FilterExpression.regexMatch`, which needs the flags.
        }
    }

    /// Equality of JSON values where numbers compare by value (`1 == 1.0`), as Jayway's
    /// number nodes do; everything else compares by type and content.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            return lhs.doubleValue == rhs.doubleValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        default:
            return lhs == rhs
        }
    }

    /// -1, 0 or 1 for two numbers or two strings (strings by UTF-16 code unit, as Java's
    /// `compareTo`); nil for any other pair, which no ordering comparison accepts.
    static func order(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        if let a = lhs.doubleValue, let b = rhs.doubleValue {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        if case .string(let a) = lhs, case .string(let b) = rhs {
            if a.utf16.elementsEqual(b.utf16) { return 0 }
            return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
        }
        return nil
    }
}

extension FilterExpression {
    /// `=~` needs both the string and the pattern's flags, so it is decided here: Jayway
    /// matches the whole string (`Matcher.matches()`), not a part of it.
    static func regexMatch(_ lhs: FilterOperand, _ rhs: FilterOperand, item: JSONValue, root: JSONValue) -> Bool {
        let (subject, pattern): (FilterOperand, FilterOperand)
        switch (lhs, rhs) {
        case (_, .regex): (subject, pattern) = (lhs, rhs)
        case (.regex, _): (subject, pattern) = (rhs, lhs)
        default: return false
        }
        guard case .regex(let source, let ignoresCase) = pattern,
            case .string(let text)? = subject.value(item: item, root: root),
            let regex = try? Regex(source)
        else { return false }
        return (try? (ignoresCase ? regex.ignoresCase() : regex).wholeMatch(in: text)) != nil
    }
}
