/// A token of JSONata's grammar.
struct Token {
    enum Kind: Equatable {
        case name, variable, `operator`, string, number, value, regex, end
    }
    var kind: Kind
    /// The operator, name, variable name (without `$`) or string text.
    var text: String
    var number: Double = 0
    var literal: Value = .null
    var regex: RegexProgram?
    /// Offset just past the token, in Unicode scalars.
    var position: Int
}

/// Splits an expression into tokens, as jsonata-js's tokenizer does: whitespace and `/* */`
/// comments between tokens, `/regex/flags` where an operand is expected, two-character
/// operators before one-character ones, strings with JSON's escapes, numbers, backquoted
/// names, `$variables`, and the keywords `and`, `or`, `in`, `true`, `false`, `null`.
struct Tokenizer {
    static let operatorPrecedence: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80, ";": 80, ":": 80,
        "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 20, "=": 40, "<": 40, ">": 40, "^": 40,
        "**": 60, "..": 20, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "?:": 40, "??": 40,
        "and": 30, "or": 25, "in": 40, "&": 50, "!": 0, "~": 0,
    ]
    private static let singleCharacterOperators: Set<Unicode.Scalar> = Set(
        operatorPrecedence.keys.filter { $0.unicodeScalars.count == 1 }.map { $0.unicodeScalars.first! })
    private static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}"]

    let source: [Unicode.Scalar]
    var position = 0
    /// Whether `??` and `?:` (JSONata 2.1) are operators; otherwise they are two `?` tokens.
    let newerOperators: Bool

    init(_ text: String, newerOperators: Bool) {
        source = Array(text.unicodeScalars)
        self.newerOperators = newerOperators
    }

    private func character(at offset: Int) -> Unicode.Scalar? {
        offset < source.count ? source[offset] : nil
    }

    /// The next token; `operandExpected` decides whether `/` starts a regular expression.
    mutating func next(operandExpected: Bool) throws(JSONataError) -> Token {
        while let c = character(at: position), Self.whitespace.contains(c) { position += 1 }
        guard let c = character(at: position) else { return Token(kind: .end, text: "(end)", position: source.count) }
        if c == "/", character(at: position + 1) == "*" {
            let start = position
            position += 2
            while !(character(at: position) == "*" && character(at: position + 1) == "/") {
                position += 1
                if position >= source.count { throw JSONataError("S0106", position: start) }
            }
            position += 2
            return try next(operandExpected: operandExpected)
        }
        if operandExpected && c == "/" {
            position += 1
            return try scanRegex()
        }
        if let second = character(at: position + 1) {
            let pair = String(c) + String(second)
            let twoCharacter = ["..", ":=", "!=", ">=", "<=", "**", "~>"].contains(pair)
                || (newerOperators && (pair == "?:" || pair == "??"))
            if twoCharacter {
                position += 2
                return Token(kind: .operator, text: pair, position: position)
            }
        }
        if Self.singleCharacterOperators.contains(c) {
            position += 1
            return Token(kind: .operator, text: String(c), position: position)
        }
        if c == "\"" || c == "'" { return try scanString(quote: c) }
        if let number = try scanNumber() { return number }
        if c == "`" {
            position += 1
            guard let end = source[position...].firstIndex(of: "`") else {
                position = source.count
                throw JSONataError("S0105", position: position)
            }
            let name = String(String.UnicodeScalarView(source[position..<end]))
            position = end + 1
            return Token(kind: .name, text: name, position: position)
        }
        var end = position
        while let d = character(at: end), !Self.whitespace.contains(d), !Self.singleCharacterOperators.contains(d) { end += 1 }
        let word = String(String.UnicodeScalarView(source[position..<end]))
        position = end
        if c == "$" { return Token(kind: .variable, text: String(word.dropFirst()), position: position) }
        switch word {
        case "and", "or", "in": return Token(kind: .operator, text: word, position: position)
        case "true": return Token(kind: .value, text: word, literal: .bool(true), position: position)
        case "false": return Token(kind: .value, text: word, literal: .bool(false), position: position)
        case "null": return Token(kind: .value, text: word, literal: .null, position: position)
        default: return Token(kind: .name, text: word, position: position)
        }
    }

    private mutating func scanString(quote: Unicode.Scalar) throws(JSONataError) -> Token {
        position += 1
        var text = String.UnicodeScalarView()
        var pendingHighSurrogate: UInt32?
        func flushSurrogate() {
            if pendingHighSurrogate != nil { text.append("\u{FFFD}"); pendingHighSurrogate = nil }
        }
        while let c = character(at: position) {
            if c == "\\" {
                position += 1
                let escaped = character(at: position)
                let simple: Unicode.Scalar? = switch escaped {
                case "\"": "\""
                case "\\": "\\"
                case "/": "/"
                case "b": "\u{08}"
                case "f": "\u{0C}"
                case "n": "\n"
                case "r": "\r"
                case "t": "\t"
                default: nil
                }
                if let simple {
                    flushSurrogate()
                    text.append(simple)
                } else if escaped == "u" {
                    let digits = source[min(position + 1, source.count)..<min(position + 5, source.count)]
                    guard digits.count == 4, let code = UInt32(String(String.UnicodeScalarView(digits)), radix: 16) else {
                        throw JSONataError("S0104", position: position)
                    }
                    position += 4
                    // JavaScript strings are UTF-16: a \u escape of a high surrogate pairs with a
                    // following low one; a lone surrogate cannot be held and becomes U+FFFD.
                    if (0xD800...0xDBFF).contains(code) {
                        flushSurrogate()
                        pendingHighSurrogate = code
                    } else if (0xDC00...0xDFFF).contains(code) {
                        if let high = pendingHighSurrogate {
                            let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                            text.append(Unicode.Scalar(combined)!)
                            pendingHighSurrogate = nil
                        } else {
                            text.append("\u{FFFD}")
                        }
                    } else {
                        flushSurrogate()
                        text.append(Unicode.Scalar(code)!)
                    }
                } else {
                    throw JSONataError("S0103", position: position, token: escaped.map { String($0) } ?? "")
                }
            } else if c == quote {
                flushSurrogate()
                position += 1
                return Token(kind: .string, text: String(text), position: position)
            } else {
                flushSurrogate()
                text.append(c)
            }
            position += 1
        }
        throw JSONataError("S0101", position: position)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?` at the current position.
    private mutating func scanNumber() throws(JSONataError) -> Token? {
        func isDigit(_ offset: Int) -> Bool {
            guard let c = character(at: offset) else { return false }
            return c >= "0" && c <= "9"
        }
        var end = position
        if character(at: end) == "-" { end += 1 }
        guard isDigit(end) else { return nil }
        if character(at: end) == "0" { end += 1 } else { while isDigit(end) { end += 1 } }
        if character(at: end) == ".", isDigit(end + 1) {
            end += 1
            while isDigit(end) { end += 1 }
        }
        if let e = character(at: end), e == "e" || e == "E" {
            var exponent = end + 1
            if let sign = character(at: exponent), sign == "+" || sign == "-" { exponent += 1 }
            if isDigit(exponent) {
                while isDigit(exponent) { exponent += 1 }
                end = exponent
            }
        }
        let text = String(String.UnicodeScalarView(source[position..<end]))
        guard let number = Double(text), number.isFinite else {
            throw JSONataError("S0102", position: position, token: text)
        }
        position = end
        return Token(kind: .number, text: text, number: number, position: position)
    }

    /// The text of `/pattern/flags` after the opening slash: brackets nest, a slash escaped
    /// by an odd number of backslashes does not close; flags are `i` and `m`.
    private mutating func scanRegex() throws(JSONataError) -> Token {
        let start = position
        var depth = 0
        func isClosingSlash(_ offset: Int) -> Bool {
            guard source[offset] == "/", depth == 0 else { return false }
            var backslashes = 0
            while offset - backslashes - 1 >= 0, source[offset - backslashes - 1] == "\\" { backslashes += 1 }
            return backslashes % 2 == 0
        }
        while position < source.count {
            let c = source[position]
            if isClosingSlash(position) {
                let pattern = String(String.UnicodeScalarView(source[start..<position]))
                if pattern.isEmpty { throw JSONataError("S0301", position: position) }
                position += 1
                var flags = ""
                while let f = character(at: position), f == "i" || f == "m" {
                    flags.unicodeScalars.append(f)
                    position += 1
                }
                let program: RegexProgram
                do { program = try RegexProgram(pattern: pattern, flags: flags) } catch {
                    throw JSONataError("S0303", position: position, value: NumberText.quoted(pattern))
                }
                return Token(kind: .regex, text: pattern, regex: program, position: position)
            }
            let previous = position > 0 ? source[position - 1] : nil
            if (c == "(" || c == "[" || c == "{") && previous != "\\" { depth += 1 }
            if (c == ")" || c == "]" || c == "}") && previous != "\\" { depth -= 1 }
            position += 1
        }
        throw JSONataError("S0302", position: position)
    }
}
