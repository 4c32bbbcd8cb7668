import LuaSandbox

/// Parses DynamoDB's expressions (developer guide, "Comparison operator and function
/// reference" and "Update expressions") with their placeholders resolved.
///
/// A syntax error stops parsing at once; other problems (a reserved word used as a name, an
/// undefined placeholder, an operand of the wrong type) are noted and the first is reported
/// once the whole expression parsed, so a syntax error later in the text wins.
struct ExpressionParser {
    let source: String
    let kind: ExpressionKind
    let tokens: [ExpressionToken]
    var position = 0
    var context: ExpressionContext
    private var problem: HostCallError?

    init(_ source: String, kind: ExpressionKind, context: ExpressionContext) throws(HostCallError) {
        self.source = source
        self.kind = kind
        self.context = context
        tokens = ExpressionLexer.tokens(source)
        if tokens.count == 1 { throw .invalidExpression(kind, "The expression can not be empty;") }
    }

    /// Parses a condition, filter or key condition expression.
    static func condition(_ text: String, kind: ExpressionKind, context: inout ExpressionContext) throws(HostCallError) -> Condition {
        var parser = try ExpressionParser(text, kind: kind, context: context)
        let condition = try parser.parseOr()
        try parser.finish()
        context = parser.context
        return condition
    }

    /// Parses a projection expression: paths separated by commas.
    static func projection(_ text: String, context: inout ExpressionContext) throws(HostCallError) -> [DocumentPath] {
        var parser = try ExpressionParser(text, kind: .projection, context: context)
        var paths = [try parser.parsePath()]
        while parser.take(",") { paths.append(try parser.parsePath()) }
        try parser.finish()
        context = parser.context
        return paths
    }

    // MARK: Tokens

    var current: ExpressionToken { tokens[position] }
    var next: ExpressionToken { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() -> ExpressionToken {
        defer { position = min(position + 1, tokens.count - 1) }
        return current
    }

    /// Consumes the symbol when it is next.
    mutating func take(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    mutating func expect(_ symbol: String) throws(HostCallError) {
        guard take(symbol) else { throw syntaxError() }
    }

    func syntaxError() -> HostCallError {
        .invalidExpression(kind, ExpressionLexer.syntaxError(at: position, in: tokens, source: source))
    }

    /// Notes a problem that is not one of syntax; the first one noted is reported.
    mutating func note(_ message: String) {
        if problem == nil { problem = .invalidExpression(kind, message) }
    }

    /// Expects the end of the expression, then reports the first problem noted.
    mutating func finish() throws(HostCallError) {
        guard current.kind == .end else { throw syntaxError() }
        if let problem { throw problem }
    }

    // MARK: Conditions

    /// Precedence, lowest first: OR, AND, NOT, then comparisons and functions.
    mutating func parseOr() throws(HostCallError) -> Condition {
        var condition = try parseAnd()
        while current.isKeyword("OR") {
            _ = advance()
            condition = .or(condition, try parseAnd())
        }
        return condition
    }

    mutating func parseAnd() throws(HostCallError) -> Condition {
        var condition = try parseNot()
        while current.isKeyword("AND") {
            _ = advance()
            condition = .and(condition, try parseNot())
        }
        return condition
    }

    mutating func parseNot() throws(HostCallError) -> Condition {
        if current.isKeyword("NOT") {
            _ = advance()
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(HostCallError) -> Condition {
        if take("(") {
            let condition = try parseOr()
            try expect(")")
            return condition
        }
        if current.kind == .identifier && next.isSymbol("("), Self.conditionFunctions.contains(current.text) {
            return try parseConditionFunction()
        }
        let left = try parseOperand(update: false)
        if current.kind == .symbol, let comparator = Comparator(rawValue: current.text) {
            _ = advance()
            let right = try parseOperand(update: false)
            if comparator != .equal && comparator != .notEqual {
                checkOrdered(comparator.rawValue, [left, right])
            }
            return .compare(left, comparator, right)
        }
        if current.isKeyword("BETWEEN") {
            _ = advance()
            let low = try parseOperand(update: false)
            guard current.isKeyword("AND") else { throw syntaxError() }
            _ = advance()
            let high = try parseOperand(update: false)
            checkOrdered("BETWEEN", [left, low, high])
            if case .value(let a) = low, case .value(let b) = high, AttributeValue.compare(a, b) == .orderedDescending {
                note("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {\(a.typeName):\(a.json[a.typeName]?.compactString() ?? "")}, upper bound operand: AttributeValue: {\(b.typeName):\(b.json[b.typeName]?.compactString() ?? "")}")
            }
            return .between(left, low, high)
        }
        if current.isKeyword("IN") {
            _ = advance()
            try expect("(")
            var options = [try parseOperand(update: false)]
            while take(",") { options.append(try parseOperand(update: false)) }
            try expect(")")
            if options.count > 100 { note("Too many operands for the IN operator; number of operands: \(options.count)") }
            return .isIn(left, options)
        }
        throw syntaxError()
    }

    static let conditionFunctions: Set<String> = ["attribute_exists", "attribute_not_exists", "attribute_type",
                                                   "begins_with", "contains"]

    mutating func parseConditionFunction() throws(HostCallError) -> Condition {
        let name = advance().text
        let arguments = try parseArguments(update: false)
        let counts = ["attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2, "begins_with": 2, "contains": 2]
        guard arguments.count == counts[name] else {
            note("Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(arguments.count)")
            return .exists(DocumentPath(elements: []))
        }
        guard case .path(let path) = arguments[0] else {
            note("Operator or function requires a document path; operator or function: \(name)")
            return .exists(DocumentPath(elements: []))
        }
        switch name {
        case "attribute_exists": return .exists(path)
        case "attribute_not_exists": return .notExists(path)
        case "attribute_type":
            if case .value(let type) = arguments[1], case .string(let text) = type, !AttributeValue.typeNames.contains(text) {
                note("Invalid attribute type name found in type: \(text), valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}")
            } else if case .value(let type) = arguments[1], type.typeName != "S" {
                note("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: \(type.typeName)")
            }
            return .hasType(path, arguments[1])
        case "begins_with":
            if case .value(let prefix) = arguments[1], prefix.typeName != "S" && prefix.typeName != "B" {
                note("Incorrect operand type for operator or function; operator or function: begins_with, operand type: \(prefix.typeName)")
            }
            return .beginsWith(arguments[0], arguments[1])
        default:
            return .contains(arguments[0], arguments[1])
        }
    }

    /// `<`, `<=`, `>`, `>=` and BETWEEN order numbers, strings and binaries only.
    mutating func checkOrdered(_ operator: String, _ operands: [Operand]) {
        for case .value(let value) in operands where !["N", "S", "B"].contains(value.typeName) {
            note("Incorrect operand type for operator or function; operator or function: \(`operator`), operand type: \(value.typeName)")
        }
    }
}
