import JSONValue

/// The expression inside `[?( … )]`:
///
///     or         := and ('||' and)*
///     and        := unary ('&&' unary)*
///     unary      := '(' or ')' | operand (operator operand)?
///     operand    := '@' steps | '$' steps | number | 'text' | "text" | true | false | null | /regex/i
extension JSONPathParser {
    mutating func parseOr() throws(PathSyntaxError) -> FilterExpression {
        var expression = try parseAnd()
        while consume("||") { expression = .or(expression, try parseAnd()) }
        return expression
    }

    private mutating func parseAnd() throws(PathSyntaxError) -> FilterExpression {
        var expression = try parseUnary()
        while consume("&&") { expression = .and(expression, try parseUnary()) }
        return expression
    }

    private mutating func parseUnary() throws(PathSyntaxError) -> FilterExpression {
        skipSpaces()
        if peek == "(" {
            position += 1
            let inner = try parseOr()
            skipSpaces()
            guard peek == ")" else { throw error("expected ')'") }
            position += 1
            return inner
        }
        let operandStart = position
        let lhs = try parseOperand()
        skipSpaces()
        let operatorStart = position
        guard let op = FilterOperator.allCases.first(where: { consume($0.rawValue) }) else {
            switch lhs {
            case .current, .root: return .exists(lhs)
            default: throw PathSyntaxError(message: "expected a path to test, or a comparison", column: operandStart + 1)
            }
        }
        skipSpaces()
        let rhs = try parseOperand()
        let regexSides = [lhs, rhs].filter { if case .regex = $0 { true } else { false } }.count
        if (op == .matches) != (regexSides == 1) {
            let message = op == .matches ? "'=~' needs a /regular expression/ on one side" : "a /regular expression/ can only follow '=~'"
            throw PathSyntaxError(message: message, column: operatorStart + 1)
        }
        return .comparison(lhs, op, rhs)
    }

    /// Consumes `token` after optional spaces; restores the position when it is not there.
    private mutating func consume(_ token: String) -> Bool {
        let saved = position
        skipSpaces()
        for expected in token {
            guard peek == expected else {
                position = saved
                return false
            }
            position += 1
        }
        return true
    }

    private mutating func parseOperand() throws(PathSyntaxError) -> FilterOperand {
        skipSpaces()
        switch peek {
        case "@":
            position += 1
            return .current(try parseSteps(inFilter: true))
        case "$":
            if peek(at: 1) == "$" { throw error("the context object ($$) cannot be used inside a filter") }
            position += 1
            return .root(try parseSteps(inFilter: true))
        case "'", "\"":
            return .literal(.string(try parseQuoted()))
        case "/":
            return try parseRegex()
        case let character? where character == "-" || (character.isASCII && character.isNumber):
            return .literal(try parseNumber())
        default:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] {
                if consumeWord(word) { return .literal(value) }
            }
            throw error("expected a value, '@' or '$'")
        }
    }

    private mutating func consumeWord(_ word: String) -> Bool {
        let end = position + word.count
        guard end <= characters.count, source[position..<end] == word else { return false }
        if end < characters.count, characters[end].isLetter || characters[end].isNumber { return false }
        position = end
        return true
    }

    /// `-12`, `3.5`, `1e3`: an integer when it has no fraction or exponent and fits.
    private mutating func parseNumber() throws(PathSyntaxError) -> JSONValue {
        let start = position
        if peek == "-" { position += 1 }
        while let character = peek, character.isASCII, character.isNumber || ".eE+-".contains(character) { position += 1 }
        let text = source[start..<position]
        if let integer = Int64(text) { return .int(integer) }
        guard let number = Double(text), number.isFinite else {
            throw PathSyntaxError(message: "invalid number '\(text)'", column: start + 1)
        }
        return .double(number)
    }

    /// `/pattern/flags`; `\/` stands for a slash. Only the `i` flag (ignore case) is known.
    private mutating func parseRegex() throws(PathSyntaxError) -> FilterOperand {
        let start = position
        position += 1
        var pattern = ""
        while let character = peek, character != "/" {
            if character == "\\", peek(at: 1) == "/" {
                position += 1
                pattern.append("/")
            } else {
                pattern.append(character)
            }
            position += 1
        }
        guard peek == "/" else {
            position = start
            throw error("unterminated regular expression")
        }
        position += 1
        var ignoresCase = false
        while let character = peek, character.isLetter {
            guard character == "i" else { throw error("unsupported regular expression flag '\(character)'") }
            ignoresCase = true
            position += 1
        }
        guard (try? Regex(pattern)) != nil else {
            throw PathSyntaxError(message: "invalid regular expression /\(pattern)/", column: start + 1)
        }
        return .regex(pattern: pattern, ignoresCase: ignoresCase)
    }
}
