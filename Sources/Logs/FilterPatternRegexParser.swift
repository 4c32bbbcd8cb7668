/// Compiles the text between the `%` signs into the branches of a `FilterRegex`, rejecting
/// everything outside AWS's list with the column where it occurs.
struct RegexParser {
    typealias Step = FilterRegex.Step

    let source: [Character]
    /// The column of `source[0]` in the whole pattern.
    let firstColumn: Int
    private var index = 0

    /// Repeat counts above this are refused so that `{m,n}`, which unrolls into states,
    /// cannot make one pattern cost more than a few thousand states per byte.
    static let maximumRepeat = 1000

    init(source: [Character], firstColumn: Int) {
        self.source = source
        self.firstColumn = firstColumn
    }

    private var column: Int { firstColumn + index }
    private var peek: Character? { index < source.count ? source[index] : nil }

    private func error(_ message: String, column: Int? = nil) -> FilterPatternError {
        FilterPatternError(column: column ?? self.column, message: message)
    }

    mutating func parse() throws(FilterPatternError) -> [[Step]] {
        if source.isEmpty { throw error("empty regular expression between '%' signs", column: firstColumn - 1) }
        var branches: [[Step]] = []
        var steps: [Step] = []
        while let character = peek {
            switch character {
            case "|":
                if steps.isEmpty { throw error("nothing before '|' in the regular expression") }
                branches.append(steps)
                steps = []
                index += 1
                continue
            case "^", "$":
                steps.append(character == "^" ? .start : .end)
                index += 1
                if let next = peek, "?*+{".contains(next) {
                    throw error("'\(next)' has nothing to repeat")
                }
                continue
            case "(", ")":
                // "The ( and ) operators are not supported. You cannot use parentheses to
                // define a subpattern."
                throw error("parentheses are not supported in a regular expression; use \\x28 and \\x29 to match them")
            case "?", "*", "+", "{":
                throw error("'\(character)' has nothing to repeat")
            case "]", "}":
                throw error("'\(character)' has no opening '\(character == "]" ? "[" : "{")'")
            default:
                break
            }
            let set = try parseAtom()
            let (minimum, maximum) = try parseQuantifier()
            for _ in 0..<minimum { steps.append(.one(set)) }
            if let maximum {
                for _ in minimum..<maximum { steps.append(.optional(set)) }
            } else {
                steps.append(.star(set))
            }
        }
        if steps.isEmpty { throw error("nothing after '|' in the regular expression") }
        branches.append(steps)
        return branches
    }

    /// One character, `.`, a class or an escape, as the set of bytes it accepts.
    private mutating func parseAtom() throws(FilterPatternError) -> ByteSet {
        switch peek {
        case ".":
            index += 1
            // ".: Matches any single character."
            return .all
        case "[":
            return try parseClass()
        case "\\":
            return try parseEscape().set
        case let character?:
            let byte = try literalByte(character)
            index += 1
            return ByteSet(bytes: [byte])
        case nil:
            throw error("unexpected end of the regular expression")
        }
    }

    /// The byte of a literal character, which must be one AWS allows.
    private func literalByte(_ character: Character) throws(FilterPatternError) -> UInt8 {
        guard let byte = character.asciiValue else {
            // "Multi-byte characters are not supported."
            throw error("multi-byte characters are not supported in a regular expression")
        }
        // "Supported symbol characters – These include: ':', '_', '#', '=', '@','/', ';', ',',
        // and '-'." A space is not listed, but AWS's own example `%^starting|^initializing|
        // ^shutting down%` contains one, so it is accepted too.
        if isWordByte(byte) || ":_#=@/;,- ".utf8.contains(byte) { return byte }
        throw error("'\(character)' is not supported in a regular expression; write it as \\x"
            + String(byte, radix: 16, uppercase: true))
    }

    /// `[...]` or `[^...]` with single characters, escapes and ranges `a-z`.
    private mutating func parseClass() throws(FilterPatternError) -> ByteSet {
        let openColumn = column
        index += 1
        let negated = peek == "^"
        if negated { index += 1 }
        if peek == "]" { throw error("empty character class") }
        var set = ByteSet()
        while let character = peek, character != "]" {
            let lowColumn = column
            let low: UInt8?
            if character == "\\" {
                let escape = try parseEscape()
                set.formUnion(escape.set)
                low = escape.byte
            } else {
                low = try classByte(character)
                index += 1
            }
            guard peek == "-", let after = source.dropFirst(index + 1).first, after != "]" else {
                if let low { set.insert(low) }
                continue
            }
            guard let low else { throw error("a class escape cannot start a range", column: lowColumn) }
            index += 1
            let high: UInt8
            if after == "\\" {
                guard let byte = try parseEscape().byte else { throw error("a class escape cannot end a range") }
                high = byte
            } else {
                high = try classByte(after)
                index += 1
            }
            if high < low { throw error("range out of order in character class", column: lowColumn) }
            set.formUnion(ByteSet(range: low...high))
        }
        guard peek == "]" else { throw error("unterminated character class; add a closing ']'", column: openColumn) }
        index += 1
        return negated ? set.inverted : set
    }

    /// Inside a class the operators stand for themselves; other characters follow `literalByte`.
    private func classByte(_ character: Character) throws(FilterPatternError) -> UInt8 {
        if let byte = character.asciiValue, "^$?[{}|*+.".utf8.contains(byte) { return byte }
        return try literalByte(character)
    }

    /// `\d \D \s \S \w \W`, `\xhh`, or a backslash before an operator or symbol.
    private mutating func parseEscape() throws(FilterPatternError) -> (set: ByteSet, byte: UInt8?) {
        let escapeColumn = column
        index += 1
        guard let character = peek else { throw error("'\\' at the end of the regular expression", column: escapeColumn) }
        index += 1
        switch character {
        case "d": return (.digits, nil)
        case "D": return (ByteSet.digits.inverted, nil)
        case "s": return (.spaces, nil)
        case "S": return (ByteSet.spaces.inverted, nil)
        case "w": return (.word, nil)
        case "W": return (ByteSet.word.inverted, nil)
        case "x":
            let digits = String(source.dropFirst(index).prefix(2))
            guard digits.count == 2, digits.allSatisfy(\.isHexDigit), let byte = UInt8(digits, radix: 16) else {
                throw error("expected two hexadecimal digits after '\\x'", column: escapeColumn)
            }
            index += 2
            return (ByteSet(bytes: [byte]), byte)
        default:
            guard let byte = character.asciiValue, "^$?[]{}|\\*+.-/:_#=@;,".utf8.contains(byte) else {
                throw error("unsupported escape '\\\(character)'; use \\xhh for other characters", column: escapeColumn)
            }
            return (ByteSet(bytes: [byte]), byte)
        }
    }

    /// The repetition after an atom: `?`, `*`, `+`, `{m}`, `{m,}`, `{,n}`, `{m,n}`, or once.
    private mutating func parseQuantifier() throws(FilterPatternError) -> (Int, Int?) {
        let result: (Int, Int?)
        switch peek {
        case "?": index += 1; result = (0, 1)
        case "*": index += 1; result = (0, nil)
        case "+": index += 1; result = (1, nil)
        case "{": result = try parseBraces()
        default: return (1, 1)
        }
        if let next = peek, "?*+{".contains(next) {
            throw error("'\(next)' cannot follow another repetition")
        }
        return result
    }

    private mutating func parseBraces() throws(FilterPatternError) -> (Int, Int?) {
        let openColumn = column
        index += 1
        func skipSpaces() { while peek == " " { index += 1 } }
        func number() throws(FilterPatternError) -> Int? {
            skipSpaces()
            let numberColumn = column
            var digits = ""
            while let character = peek, character.isASCII, character.isNumber {
                digits.append(character)
                index += 1
            }
            skipSpaces()
            guard !digits.isEmpty else { return nil }
            guard let value = Int(digits), value <= RegexParser.maximumRepeat else {
                throw error("repeat counts above \(RegexParser.maximumRepeat) are not supported", column: numberColumn)
            }
            return value
        }
        let minimum = try number()
        var maximum = minimum
        // "Either m or n can be omitted if you chose not to define a minimum or maximum."
        if peek == "," {
            index += 1
            maximum = try number()
        } else if minimum == nil {
            throw error("expected a number in '{m,n}'", column: column)
        }
        guard peek == "}" else { throw error("expected '}' to close the '{' at column \(openColumn)") }
        index += 1
        let low = minimum ?? 0
        if let maximum, maximum < low {
            throw error("'{\(low),\(maximum)}' has a maximum below its minimum", column: openColumn)
        }
        return (low, maximum)
    }
}
