/// A cursor over the characters of a filter pattern that knows its column, shared by the
/// parsers of the four forms so every error names the same kind of place.
struct PatternScanner {
    private let characters: [Character]
    private(set) var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// The 1-based column of the next character (one past the end when at the end).
    var column: Int { index + 1 }
    var isAtEnd: Bool { index >= characters.count }
    var peek: Character? { index < characters.count ? characters[index] : nil }

    func peek(at offset: Int) -> Character? {
        let position = index + offset
        return position < characters.count ? characters[position] : nil
    }

    mutating func advance(by count: Int = 1) {
        index = min(index + count, characters.count)
    }

    mutating func skipSpaces() {
        while let character = peek, character.isWhitespace { index += 1 }
    }

    /// Consumes `text` if the next characters spell it.
    mutating func consume(_ text: String) -> Bool {
        var offset = 0
        for character in text {
            guard peek(at: offset) == character else { return false }
            offset += 1
        }
        index += offset
        return true
    }

    /// Consumes the keyword `word` if it is next and not followed by more word characters.
    mutating func consumeKeyword(_ word: String) -> Bool {
        let start = index
        guard consume(word) else { return false }
        if let next = peek, isWordCharacter(next) {
            index = start
            return false
        }
        return true
    }

    /// Reads the longest run of characters accepted by `accept`.
    mutating func read(while accept: (Character) -> Bool) -> String {
        let start = index
        while let character = peek, accept(character) { index += 1 }
        return String(characters[start..<index])
    }

    func error(_ message: String, column: Int? = nil) -> FilterPatternError {
        FilterPatternError(column: column ?? self.column, message: message)
    }

    /// Reads a double-quoted string starting at the opening quote and returns its contents.
    ///
    /// AWS documents no escapes inside quotes; `\"` and `\\` are read as a quote and a
    /// backslash so a quote can be written at all, and any other backslash stays as it is.
    mutating func readQuoted() throws(FilterPatternError) -> String {
        let openColumn = column
        advance()
        var contents = ""
        while let character = peek {
            if character == "\"" {
                advance()
                return contents
            }
            if character == "\\", let next = peek(at: 1), next == "\"" || next == "\\" {
                contents.append(next)
                advance(by: 2)
                continue
            }
            contents.append(character)
            advance()
        }
        throw error("unterminated quoted string; add a closing '\"'", column: openColumn)
    }

    /// Reads `%regex%` starting at the opening `%` and compiles it.
    mutating func readRegex() throws(FilterPatternError) -> FilterRegex {
        let openColumn = column
        advance()
        var source: [Character] = []
        while let character = peek, character != "%" {
            source.append(character)
            advance()
        }
        guard peek == "%" else {
            throw error("unterminated regular expression; add a closing '%'", column: openColumn)
        }
        advance()
        return try FilterRegex(source, firstColumn: openColumn + 1)
    }
}

/// A character that may appear in an unquoted term or field name.
///
/// "Metric filter terms that include characters other than alphanumeric or underscore must be
/// placed inside double quotes", and "An alphanumeric character is a character that is either a
/// letter (from A to Z or a to z) or a digit (from 0 to 9)."
func isWordCharacter(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    return isWordByte(ascii)
}

func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
        return true
    default:
        return false
    }
}

/// Describes a character for an error message, naming blanks that would otherwise be invisible.
func patternDescription(of character: Character?) -> String {
    switch character {
    case nil: return "the end of the pattern"
    case " ": return "a space"
    case let character?: return "'\(character)'"
    }
}
