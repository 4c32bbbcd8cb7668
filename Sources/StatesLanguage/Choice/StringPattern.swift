/// A `StringMatches` pattern. ASL: "The value MUST be a String which MAY contain one or more
/// "*" characters. The expression yields true if the data value selected by the Variable Path
/// matches the value, where "*" in the value matches zero or more characters. [...] No
/// characters other than "*" have any special meaning during matching. If the character "*"
/// needs to appear in the value without being treated as a wildcard, it MUST be escaped with a
/// backslash." `\\` is a literal backslash; a backslash before any other character is itself.
struct StringPattern: Sendable {
    private enum Token: Equatable {
        case literal(Unicode.Scalar)
        case star
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "*": tokens.append(.star)
            case "\\":
                guard let escaped = scalars.next() else {
                    tokens.append(.literal("\\"))
                    break
                }
                if escaped == "*" || escaped == "\\" {
                    tokens.append(.literal(escaped))
                } else {
                    tokens.append(.literal("\\"))
                    tokens.append(.literal(escaped))
                }
            default: tokens.append(.literal(scalar))
            }
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches (a star matches any run of characters, even none).
    func matches(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        var t = 0
        var c = 0
        // Where the last star was, and the text position it is currently made to cover up to.
        var star: (token: Int, char: Int)?
        while c < chars.count {
            if t < tokens.count, case .literal(let scalar) = tokens[t], scalar == chars[c] {
                t += 1
                c += 1
            } else if t < tokens.count, tokens[t] == .star {
                star = (t, c)
                t += 1
            } else if let last = star {
                // Let the last star swallow one more character and try again after it.
                star = (last.token, last.char + 1)
                t = last.token + 1
                c = last.char + 1
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }
}
