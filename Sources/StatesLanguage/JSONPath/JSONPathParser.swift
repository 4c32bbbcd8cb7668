import JSONValue

/// Reads a path's text into steps (see `JSONPath` for the syntax).
///
/// The parser works on characters, so columns in errors count characters, as
/// `SourceLocation` does for definitions.
struct JSONPathParser {
    let source: CharacterText
    var characters: [Character] { source.characters }
    var position = 0

    init(_ text: String) {
        source = CharacterText(text)
    }

    var peek: Character? { position < characters.count ? characters[position] : nil }
    var isAtEnd: Bool { position >= characters.count }

    func peek(at offset: Int) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    func error(_ message: String) -> PathSyntaxError {
        PathSyntaxError(message: message, column: position + 1)
    }

    /// A whole path: `$` or `$$`, then steps, then nothing.
    mutating func parsePath() throws(PathSyntaxError) -> JSONPath {
        guard peek == "$" else { throw error("a path must start with '$'") }
        position += 1
        var root = JSONPath.Root.input
        if let first = peek, JSONPath.startsVariableName(first) {
            // "$name" reads a workflow variable (Assign), and "$name.a" a member of its value.
            let start = position
            while let character = peek, JSONPath.continuesVariableName(character) { position += 1 }
            root = .variable(source[start..<position])
        } else if peek == "$" {
            position += 1
            root = .context
        }
        let steps = try parseSteps(inFilter: false)
        if let character = peek { throw error("unexpected '\(character)'") }
        return JSONPath(text: source.text, root: root, steps: steps)
    }

    /// Steps until a character that cannot start one: `.name`, `.*`, `..`, `[…]`.
    mutating func parseSteps(inFilter: Bool) throws(PathSyntaxError) -> [JSONPath.Step] {
        var steps: [JSONPath.Step] = []
        while let character = peek {
            if character == "[" {
                steps.append(try parseBracket())
            } else if character == "." {
                position += 1
                if peek == "." {
                    position += 1
                    steps.append(.scan)
                    if peek == "[" {
                        steps.append(try parseBracket())
                        continue
                    }
                }
                if peek == "*" {
                    position += 1
                    steps.append(.wildcard)
                } else {
                    steps.append(.property([try parseName(inFilter: inFilter)]))
                }
            } else {
                break
            }
        }
        return steps
    }

    /// A name in dot notation: everything up to the next `.`, `[`, space or bracket (and, in a
    /// filter, the next operator character). Jayway reads `name(` as a function call, which
    /// AWS does not support ("Functions such as length() aren't supported").
    private mutating func parseName(inFilter: Bool) throws(PathSyntaxError) -> String {
        let start = position
        while let character = peek, !Self.endsName(character, inFilter: inFilter) { position += 1 }
        guard position > start else { throw error("expected a name after '.'") }
        if peek == "(" { throw PathSyntaxError(message: "functions such as length() are not supported", column: start + 1) }
        return source[start..<position]
    }

    private static func endsName(_ character: Character, inFilter: Bool) -> Bool {
        switch character {
        case ".", "[", "]", "(", ")", "'", "\"", ",": return true
        case "<", ">", "=", "!", "&", "|", "~": return inFilter
        default: return character.isWhitespace
        }
    }

    /// `[*]`, `[?(…)]`, `['a']`, `['a','b']`, `[0]`, `[0,1]`, `[1:3]`.
    private mutating func parseBracket() throws(PathSyntaxError) -> JSONPath.Step {
        position += 1  // "["
        skipSpaces()
        let step: JSONPath.Step
        switch peek {
        case "*":
            position += 1
            step = .wildcard
        case "?":
            position += 1
            guard peek == "(" else { throw error("expected '(' after '?'") }
            position += 1
            let expression = try parseOr()
            skipSpaces()
            guard peek == ")" else { throw error("expected ')' to close the filter") }
            position += 1
            step = .filter(expression)
        case "'", "\"":
            var names = [try parseQuoted(keepingEscapes: true)]
            skipSpaces()
            while peek == "," {
                position += 1
                skipSpaces()
                guard peek == "'" || peek == "\"" else { throw error("expected a name in quotes") }
                names.append(try parseQuoted(keepingEscapes: true))
                skipSpaces()
            }
            step = .property(names)
        case let character? where character.isASCII && (character.isNumber || character == "-" || character == ":"):
            step = try parseIndexes()
        default:
            throw error("expected a name in quotes, an index, '*' or '?(' after '['")
        }
        skipSpaces()
        guard peek == "]" else { throw error("expected ']'") }
        position += 1
        return step
    }

    /// `'text'` or `"text"`; a backslash keeps the next character from ending the text. In a
    /// member name both stay in the name (`keepingEscapes`): recorded on AWS, `$['Test\""Name"']`
    /// selects the member named `Test\""Name"` (docs/errors.md, "Paths"). In a filter's string
    /// literal the backslash is dropped (`'it\'s'` is `it's`).
    mutating func parseQuoted(keepingEscapes: Bool = false) throws(PathSyntaxError) -> String {
        let quote = characters[position]
        let start = position
        position += 1
        var text = ""
        while let character = peek, character != quote {
            if character == "\\" {
                if keepingEscapes { text.append(character) }
                position += 1
                guard let escaped = peek else { break }
                text.append(escaped)
            } else {
                text.append(character)
            }
            position += 1
        }
        guard peek == quote else {
            position = start
            throw error("unterminated string")
        }
        position += 1
        return text
    }

    /// `[n]`, `[a,b]`, `[from:to]`, `[from:]`, `[:to]`. Jayway splits a slice at `:` and
    /// reads only the first two parts, so a third (a step, `[0:6:2]`) is accepted and ignored,
    /// as on AWS.
    private mutating func parseIndexes() throws(PathSyntaxError) -> JSONPath.Step {
        let start = position
        while let character = peek, character != "]" { position += 1 }
        let content = source[start..<position]
        if content.contains(":") {
            let parts = content.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 3, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") } })
            else { throw PathSyntaxError(message: "invalid slice '[\(content)]'", column: start + 1) }
            let from = parts[0].isEmpty ? nil : Int(parts[0])
            let to = parts[1].isEmpty ? nil : Int(parts[1])
            guard (parts[0].isEmpty || from != nil), (parts[1].isEmpty || to != nil), from != nil || to != nil
            else { throw PathSyntaxError(message: "invalid slice '[\(content)]'", column: start + 1) }
            return .slice(from: from, to: to)
        }
        var indexes: [Int] = []
        for part in content.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingSpaces
            guard let index = Int(trimmed) else {
                throw PathSyntaxError(message: "invalid index '\(trimmed)'", column: start + 1)
            }
            indexes.append(index)
        }
        return .index(indexes)
    }

    mutating func skipSpaces() {
        while let character = peek, character == " " { position += 1 }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
