import LuaSandbox

extension ExpressionParser {
    /// "The maximum depth for a document path is 32" (developer guide, Document paths).
    static let maximumPathDepth = 32

    /// An operand: a document path, a `:value`, or a function. `update` allows the functions
    /// of SET (`if_not_exists`, `list_append`); conditions have `size`.
    mutating func parseOperand(update: Bool) throws(HostCallError) -> Operand {
        switch current.kind {
        case .valuePlaceholder:
            let placeholder = advance().text
            guard let value = context.value(placeholder) else {
                note("An expression attribute value used in expression is not defined; attribute value: \(placeholder)")
                return .value(.null)
            }
            return .value(value)
        case .identifier where next.isSymbol("("):
            return try parseFunction(update: update)
        case .identifier, .namePlaceholder:
            return .path(try parsePath())
        default:
            throw syntaxError()
        }
    }

    /// `size(path)`, `if_not_exists(path, operand)`, `list_append(operand, operand)`.
    private mutating func parseFunction(update: Bool) throws(HostCallError) -> Operand {
        let name = advance().text
        let known = update ? ["if_not_exists", "list_append"] : ["size"]
        let all = ["if_not_exists", "list_append", "size"] + Self.conditionFunctions
        let arguments = try parseArguments(update: update)
        guard known.contains(name) else {
            note(all.contains(name) ? "The function is not allowed to be used this way in an expression; function: \(name)"
                                    : "Invalid function name; function: \(name)")
            return .value(.null)
        }
        let expected = name == "size" ? 1 : 2
        guard arguments.count == expected else {
            note("Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(arguments.count)")
            return .value(.null)
        }
        switch name {
        case "size", "if_not_exists":
            guard case .path(let path) = arguments[0] else {
                note("Operator or function requires a document path; operator or function: \(name)")
                return .value(.null)
            }
            return name == "size" ? .size(path) : .ifNotExists(path, arguments[1])
        default:
            for case .value(let value) in arguments where value.typeName != "L" {
                note("Incorrect operand type for operator or function; operator or function: list_append, operand type: \(value.typeName)")
            }
            return .listAppend(arguments[0], arguments[1])
        }
    }

    /// `( operand, operand, ... )`
    mutating func parseArguments(update: Bool) throws(HostCallError) -> [Operand] {
        try expect("(")
        var arguments = [try parseOperand(update: update)]
        while take(",") { arguments.append(try parseOperand(update: update)) }
        try expect(")")
        return arguments
    }

    /// A document path: a name, then `.name` or `[index]` steps. Names may be `#aliases`.
    mutating func parsePath() throws(HostCallError) -> DocumentPath {
        var elements = [PathElement.name(try parseName())]
        while true {
            if take(".") {
                elements.append(.name(try parseName()))
            } else if take("[") {
                guard current.kind == .integer, let index = Int(current.text) else { throw syntaxError() }
                _ = advance()
                try expect("]")
                elements.append(.index(index))
            } else {
                break
            }
        }
        if elements.count > Self.maximumPathDepth {
            note("The document path has too many nesting levels; nesting levels: \(elements.count)")
        }
        return DocumentPath(elements: elements)
    }

    /// An attribute name, written out or through an `#alias`.
    private mutating func parseName() throws(HostCallError) -> String {
        switch current.kind {
        case .namePlaceholder:
            let placeholder = advance().text
            guard let name = context.name(placeholder) else {
                note("An expression attribute name used in the document path is not defined; attribute name: \(placeholder)")
                return placeholder
            }
            return name
        case .identifier where !ExpressionLexer.keywords.contains(current.text.uppercased()):
            let name = advance().text
            if ReservedWords.contains(name) { note("Attribute name is a reserved keyword; reserved keyword: \(name)") }
            return name
        default:
            throw syntaxError()
        }
    }

    // MARK: Update expressions

    /// Parses an update expression: SET, REMOVE, ADD and DELETE clauses in any order, each
    /// at most once ("each action keyword can appear only once", Update expressions).
    static func update(_ text: String, context: inout ExpressionContext) throws(HostCallError) -> [UpdateAction] {
        var parser = try ExpressionParser(text, kind: .update, context: context)
        var actions: [UpdateAction] = []
        var seen: Set<String> = []
        while parser.current.kind != .end {
            let clause = parser.current.text.uppercased()
            guard parser.current.kind == .identifier, ["SET", "REMOVE", "ADD", "DELETE"].contains(clause) else {
                throw parser.syntaxError()
            }
            _ = parser.advance()
            if !seen.insert(clause).inserted {
                parser.note("The \"\(clause)\" section can only be used once in an update expression;")
            }
            repeat {
                actions.append(try parser.parseAction(clause))
            } while parser.take(",")
        }
        try parser.finish()
        try Self.checkOverlaps(actions)
        context = parser.context
        return actions
    }

    private mutating func parseAction(_ clause: String) throws(HostCallError) -> UpdateAction {
        let path = try parsePath()
        switch clause {
        case "SET":
            try expect("=")
            let left = try parseOperand(update: true)
            for symbol in ["+", "-"] where current.isSymbol(symbol) {
                _ = advance()
                let right = try parseOperand(update: true)
                for case .value(let value) in [left, right] where value.typeName != "N" {
                    note("Incorrect operand type for operator or function; operator or function: \(symbol), operand type: \(value.typeName)")
                }
                return .set(path, symbol == "+" ? .plus(left, right) : .minus(left, right))
            }
            return .set(path, left)
        case "REMOVE":
            return .remove(path)
        default:
            guard current.kind == .valuePlaceholder, case .value(let value) = try parseOperand(update: false) else {
                throw syntaxError()
            }
            // "The ADD action only supports number and set data types"; "The DELETE action
            // only supports Set data types" (Update expressions).
            if clause == "ADD" ? !(value.typeName == "N" || value.isSet) : !value.isSet {
                note("Incorrect operand type for operator or function; operator: \(clause), operand type: \(value.longTypeName)")
            }
            return clause == "ADD" ? .add(path, value) : .delete(path, value)
        }
    }

    /// "Two document paths overlap with each other; must remove or rewrite one of these
    /// paths; path one: [a], path two: [a, b]".
    private static func checkOverlaps(_ actions: [UpdateAction]) throws(HostCallError) {
        for (i, first) in actions.enumerated() {
            for second in actions[(i + 1)...] where first.path.isPrefix(of: second.path) || second.path.isPrefix(of: first.path) {
                throw .invalidExpression(.update, "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(first.path), path two: \(second.path)")
            }
        }
    }
}
