import JSONValue

/// The JSON form, `{ SELECTOR OPERATOR VALUE }` joined by `&&`, `||` and parentheses.
///
/// AWS: "Compound expressions support the use of parentheses ("()") and the following standard
/// order of operations: () > && > ||." A JSON pattern never matches a message that is not a
/// JSON object.
struct JSONPattern: Sendable {
    indirect enum Expression: Sendable {
        case all([Expression])
        case any([Expression])
        case condition(Condition)

        func holds(in root: JSONValue) -> Bool {
            switch self {
            case .all(let parts): return parts.allSatisfy { $0.holds(in: root) }
            case .any(let parts): return parts.contains { $0.holds(in: root) }
            case .condition(let condition): return condition.holds(in: root)
            }
        }
    }

    struct Condition: Sendable {
        enum Test: Sendable {
            case compare(Comparison)
            case isNull, isTrue, isFalse
            case notExists
        }

        let selector: JSONSelector
        let test: Test

        func holds(in root: JSONValue) -> Bool {
            switch test {
            case .compare(let comparison): return selector.contains(in: root) { comparison.matches($0) }
            // "This will only be true is the specified object is set to null."
            case .isNull: return selector.contains(in: root) { $0 == .null }
            case .isTrue: return selector.contains(in: root) { $0 == .bool(true) }
            case .isFalse: return selector.contains(in: root) { $0 == .bool(false) }
            // "This will only be true if specified object does not exist in log data."
            case .notExists: return !selector.contains(in: root) { _ in true }
            }
        }
    }

    let expression: Expression

    func matches(_ message: String) -> Bool {
        guard let root = try? JSONValue.parse(message), case .object = root else { return false }
        return expression.holds(in: root)
    }

    /// Parses a whole JSON pattern starting at its `{`.
    static func parse(_ scanner: inout PatternScanner) throws(FilterPatternError) -> JSONPattern {
        let openColumn = scanner.column
        scanner.advance()
        var parser = Parser(scanner: scanner)
        let expression = try parser.parseOr()
        scanner = parser.scanner
        scanner.skipSpaces()
        guard scanner.consume("}") else {
            if scanner.isAtEnd {
                throw scanner.error("expected '}' to close the '{' at column \(openColumn)")
            }
            throw scanner.error("expected '&&', '||' or '}', found \(patternDescription(of: scanner.peek))")
        }
        scanner.skipSpaces()
        if !scanner.isAtEnd {
            throw scanner.error("unexpected \(patternDescription(of: scanner.peek)) after the closing '}'")
        }
        return JSONPattern(expression: expression)
    }

    private struct Parser {
        var scanner: PatternScanner
        var regexCount = 0
        var wildcardCount = 0

        /// "You can only use up to one wildcard selector in a property selector, and up to
        /// three wildcard selectors in a filter pattern with compound expressions."
        static let maximumWildcards = 3

        mutating func parseOr() throws(FilterPatternError) -> Expression {
            var parts = [try parseAnd()]
            while true {
                scanner.skipSpaces()
                guard scanner.consume("||") else { break }
                parts.append(try parseAnd())
            }
            return parts.count == 1 ? parts[0] : .any(parts)
        }

        mutating func parseAnd() throws(FilterPatternError) -> Expression {
            var parts = [try parsePrimary()]
            while true {
                scanner.skipSpaces()
                guard scanner.consume("&&") else { break }
                parts.append(try parsePrimary())
            }
            return parts.count == 1 ? parts[0] : .all(parts)
        }

        mutating func parsePrimary() throws(FilterPatternError) -> Expression {
            scanner.skipSpaces()
            switch scanner.peek {
            case "("?:
                let openColumn = scanner.column
                scanner.advance()
                let inner = try parseOr()
                scanner.skipSpaces()
                guard scanner.consume(")") else {
                    throw scanner.error(
                        "expected ')' to close the '(' at column \(openColumn), found \(patternDescription(of: scanner.peek))")
                }
                return inner
            case "$"?:
                return .condition(try parseCondition())
            default:
                throw scanner.error(
                    "expected a property selector starting with '$.' or '(', found \(patternDescription(of: scanner.peek))")
            }
        }

        mutating func parseCondition() throws(FilterPatternError) -> Condition {
            let selector = try JSONSelector.parse(&scanner)
            wildcardCount += selector.wildcardCount
            if wildcardCount > Self.maximumWildcards {
                throw scanner.error(
                    "at most \(Self.maximumWildcards) wildcard selectors are allowed in one pattern",
                    column: selector.column)
            }
            scanner.skipSpaces()
            let operatorColumn = scanner.column
            if let op = scanner.readComparisonOperator() {
                let value = try scanner.readValue(after: op, regexCount: &regexCount)
                return Condition(selector: selector, test: .compare(Comparison(op: op, value: value)))
            }
            if scanner.consumeKeyword("IS") {
                scanner.skipSpaces()
                if scanner.consumeKeyword("NULL") { return Condition(selector: selector, test: .isNull) }
                if scanner.consumeKeyword("TRUE") { return Condition(selector: selector, test: .isTrue) }
                if scanner.consumeKeyword("FALSE") { return Condition(selector: selector, test: .isFalse) }
                if scanner.consumeKeyword("NOT") {
                    // "The variables IS NOT and EXISTS currently aren't supported."
                    throw scanner.error("'IS NOT' is not supported; use '!=' or NOT EXISTS", column: operatorColumn)
                }
                throw scanner.error("expected NULL, TRUE or FALSE after 'IS', found \(patternDescription(of: scanner.peek))")
            }
            if scanner.consumeKeyword("NOT") {
                scanner.skipSpaces()
                guard scanner.consumeKeyword("EXISTS") else {
                    throw scanner.error("expected EXISTS after 'NOT', found \(patternDescription(of: scanner.peek))")
                }
                return Condition(selector: selector, test: .notExists)
            }
            if scanner.consumeKeyword("EXISTS") {
                throw scanner.error("'EXISTS' is not supported; only NOT EXISTS is", column: operatorColumn)
            }
            throw scanner.error(
                "expected an operator (=, !=, <, <=, >, >=, IS or NOT EXISTS) after the selector, "
                    + "found \(patternDescription(of: scanner.peek))")
        }
    }
}
