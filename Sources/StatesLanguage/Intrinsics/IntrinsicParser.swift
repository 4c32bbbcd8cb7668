import JSONValue

/// Reads an intrinsic call:
///
///     call     := 'States.' name '(' (argument (',' argument)*)? ')'
///     argument := 'string' | number | true | false | null | path | call
///
/// Spaces may surround arguments. In a string, "The literal string \' represents '", `\{`
/// represents `{`, `\}` represents `}` and `\\` represents `\`; "If an open escape backslash \
/// is found in the intrinsic invocation string, the interpreter will throw a runtime error"
/// (Intrinsic functions, AWS Developer Guide); AWS refuses such a definition when it is
/// created, so it is a syntax error here.
struct IntrinsicParser {
    private let source: CharacterText
    private var characters: [Character] { source.characters }
    private var position = 0

    init(_ text: String) {
        source = CharacterText(text)
    }

    private var peek: Character? { position < characters.count ? characters[position] : nil }

    private func error(_ message: String, at column: Int? = nil) -> PathSyntaxError {
        PathSyntaxError(message: message, column: (column ?? position) + 1)
    }

    mutating func parseWhole() throws(PathSyntaxError) -> IntrinsicCall {
        let call = try parseCall(depth: 1)
        if let character = peek { throw error("unexpected '\(character)' after the call") }
        return call
    }

    private mutating func parseCall(depth: Int) throws(PathSyntaxError) -> IntrinsicCall {
        let start = position
        while let character = peek, character.isLetter || character.isNumber || character == "." || character == "_" {
            position += 1
        }
        let name = source[start..<position]
        guard peek == "(" else { throw error("expected '(' after '\(name)'") }
        guard let function = IntrinsicFunction(rawValue: name) else {
            throw error("unknown intrinsic function '\(name)'", at: start)
        }
        guard depth <= IntrinsicCall.maximumNesting else {
            throw error("intrinsic functions can be nested at most \(IntrinsicCall.maximumNesting) deep", at: start)
        }
        position += 1
        var arguments: [IntrinsicArgument] = []
        skipSpaces()
        if peek == ")" {
            position += 1
        } else {
            while true {
                skipSpaces()
                arguments.append(try parseArgument(depth: depth))
                skipSpaces()
                if peek == "," {
                    position += 1
                } else if peek == ")" {
                    position += 1
                    break
                } else {
                    throw error(peek == nil ? "expected ')' to close '\(name)('" : "expected ',' or ')'")
                }
            }
        }
        return IntrinsicCall(function: function, arguments: arguments, text: source[start..<position])
    }

    private mutating func parseArgument(depth: Int) throws(PathSyntaxError) -> IntrinsicArgument {
        switch peek {
        case "'":
            return try parseString()
        case "$":
            return .path(try parsePath())
        case let character? where character == "-" || (character.isASCII && character.isNumber):
            return .literal(try parseNumber())
        case let character? where character.isLetter:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] where matchesWord(word) {
                position += word.count
                return .literal(value)
            }
            return .call(try parseCall(depth: depth + 1))
        case nil:
            throw error("expected an argument")
        case let character?:
            throw error("unexpected '\(character)' where an argument should be")
        }
    }

    private func matchesWord(_ word: String) -> Bool {
        let end = position + word.count
        guard end <= characters.count, source[position..<end] == word else { return false }
        return end == characters.count || !(characters[end].isLetter || characters[end].isNumber || characters[end] == ".")
    }

    /// A path runs to the next `,`, `)` or space outside brackets and quotes; filters inside
    /// brackets may contain all three.
    private mutating func parsePath() throws(PathSyntaxError) -> JSONPath {
        let start = position
        var depth = 0
        var quote: Character?
        while let character = peek {
            if let open = quote {
                if character == "\\" { position += 1 } else if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                if depth > 0 { quote = character }
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            } else if depth == 0 && (character == "," || character == ")" || character == " ") {
                break
            }
            position += 1
        }
        do throws(PathSyntaxError) {
            return try JSONPath.parse(source[start..<position])
        } catch {
            throw PathSyntaxError(message: error.message, column: start + error.column, isUnsupported: error.isUnsupported)
        }
    }

    /// `'text'` with the four escapes; also records which braces were escaped, for Format.
    private mutating func parseString() throws(PathSyntaxError) -> IntrinsicArgument {
        let start = position
        position += 1
        var value = ""
        var characterList: [(Character, escaped: Bool)] = []
        while let character = peek, character != "'" {
            if character == "\\" {
                position += 1
                guard let escaped = peek, "'{}\\".contains(escaped) else {
                    throw error("'\\' must be followed by ', {, } or \\ (write \\\\ for a backslash)", at: position - 1)
                }
                value.append(escaped)
                characterList.append((escaped, true))
            } else {
                value.append(character)
                characterList.append((character, false))
            }
            position += 1
        }
        guard peek == "'" else { throw error("unterminated string", at: start) }
        position += 1
        return .string(value, template: FormatPiece.pieces(characterList))
    }

    /// `-12`, `3.5`, `1e3`: an integer when it has no fraction or exponent and fits in 64 bits.
    private mutating func parseNumber() throws(PathSyntaxError) -> JSONValue {
        let start = position
        if peek == "-" { position += 1 }
        while let character = peek, character.isASCII, character.isNumber || ".eE".contains(character)
            || ((character == "+" || character == "-") && (characters[position - 1] == "e" || characters[position - 1] == "E"))
        {
            position += 1
        }
        let text = source[start..<position]
        if let integer = Int64(text) { return .int(integer) }
        guard let number = Double(text), text.last?.isNumber == true else { throw error("invalid number '\(text)'", at: start) }
        return .double(number)
    }

    private mutating func skipSpaces() {
        while let character = peek, character == " " { position += 1 }
    }
}

extension FormatPiece {
    /// Splits a template into text, `{}` placeholders and stray braces; escaped braces are text.
    static func pieces(_ characters: [(Character, escaped: Bool)]) -> [FormatPiece] {
        var pieces: [FormatPiece] = []
        var text = ""
        var index = 0
        while index < characters.count {
            let (character, escaped) = characters[index]
            if !escaped && character == "{" && index + 1 < characters.count && characters[index + 1].0 == "}" && !characters[index + 1].escaped {
                if !text.isEmpty { pieces.append(.text(text)) }
                text = ""
                pieces.append(.placeholder)
                index += 2
                continue
            }
            if !escaped && (character == "{" || character == "}") {
                if !text.isEmpty { pieces.append(.text(text)) }
                text = ""
                pieces.append(.strayBrace)
            } else {
                text.append(character)
            }
            index += 1
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    /// The pieces of a template that came from the input rather than a literal, where no
    /// brace is escaped.
    static func pieces(_ template: String) -> [FormatPiece] {
        pieces(template.map { ($0, escaped: false) })
    }
}
