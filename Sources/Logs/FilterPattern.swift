/// A CloudWatch Logs filter pattern, compiled once and then matched against many messages.
///
/// The syntax and meaning follow AWS's page "Filter pattern syntax for metric filters,
/// subscription filters, filter log events, and Live Tail": terms (`ERROR -DEBUG`, `?A ?B`,
/// `"exact phrase"`), a standalone regular expression (`%AUTHORIZED%`), JSON patterns
/// (`{ $.level = "ERROR" }`) and space-delimited patterns (`[ip, user, ..., status = 4*]`).
/// The first non-blank character decides which form a pattern is.
public struct FilterPattern: Sendable, Equatable {
    /// The pattern as it was written.
    public let text: String
    private let form: Form

    /// The four forms AWS documents, plus the empty pattern.
    private enum Form: Sendable {
        case everything
        case terms(TermPattern)
        case regex(FilterRegex)
        case json(JSONPattern)
        case spaceDelimited(SpaceDelimitedPattern)
    }

    /// Compiles `text`, or throws the first problem found with its 1-based column.
    public init(_ text: String) throws(FilterPatternError) {
        self.text = text
        var scanner = PatternScanner(text)
        scanner.skipSpaces()
        switch scanner.peek {
        case nil:
            // "If not provided, all the events are matched." (FilterLogEvents, filterPattern)
            form = .everything
        case "{":
            form = .json(try JSONPattern.parse(&scanner))
        case "[":
            form = .spaceDelimited(try SpaceDelimitedPattern.parse(&scanner))
        case "%":
            // "Regular expressions (regex) can be used to create standalone filter patterns":
            // a regex that is not inside a JSON or space-delimited pattern is the whole pattern.
            let regex = try scanner.readRegex()
            scanner.skipSpaces()
            if !scanner.isAtEnd {
                throw scanner.error("a regular expression '%...%' must be the whole pattern; found more after it")
            }
            form = .regex(regex)
        default:
            form = try TermPattern.parse(&scanner)
                .map { Form.terms($0) } ?? .everything
        }
    }

    /// Whether `message` is one of the log events this pattern selects.
    public func matches(_ message: String) -> Bool {
        switch form {
        case .everything:
            return true
        case .json(let pattern):
            return pattern.matches(message)
        case .terms(let pattern):
            return withBytes(of: message) { pattern.matches($0) }
        case .regex(let regex):
            return withBytes(of: message) { regex.matches($0) }
        case .spaceDelimited(let pattern):
            return withBytes(of: message) { pattern.matches($0) }
        }
    }

    /// Whether this pattern selects every message (an empty pattern or `" "`), so callers can
    /// skip matching altogether.
    public var matchesEverything: Bool {
        switch form {
        case .everything: return true
        case .terms(let pattern): return pattern.matchesEverything
        default: return false
        }
    }

    /// Two patterns are equal when they were written the same way.
    public static func == (lhs: FilterPattern, rhs: FilterPattern) -> Bool {
        lhs.text == rhs.text
    }
}

/// Why a filter pattern was rejected: the 1-based column (in characters) and what is wrong.
public struct FilterPatternError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The 1-based column of the problem in the pattern, counted in characters.
    public let column: Int
    /// What is wrong, e.g. "expected a value after '='".
    public let message: String

    /// Creates an error at `column` (1-based) with `message`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `column 12: expected a value after '='`.
    public var description: String { "column \(column): \(message)" }
}

/// Runs `body` over the UTF-8 bytes of `text` without copying a native string.
func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return copy.withUTF8(body)
}
