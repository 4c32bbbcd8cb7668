/// The unstructured form: terms and exact phrases, each found as a case-sensitive substring.
///
/// AWS: "Filter patterns are case sensitive. Enclose exact phrases and terms that include
/// non-alphanumeric characters in double quotation marks." A term matches anywhere inside a
/// word: the older page of the same guide shows `ERROR` matching "Exiting with ERRORCODE: -1".
struct TermPattern: Sendable {
    /// Terms that must all occur (plain terms and phrases).
    private var required: [[UInt8]] = []
    /// Terms that must not occur (`-TERM`).
    private var excluded: [[UInt8]] = []
    /// Terms of which one must occur (`?TERM`), when there are no other terms.
    private var optional: [[UInt8]] = []

    /// Parses terms up to the end of the pattern; nil when it holds none (only blanks).
    static func parse(_ scanner: inout PatternScanner) throws(FilterPatternError) -> TermPattern? {
        var pattern = TermPattern()
        var sawTerm = false
        while true {
            scanner.skipSpaces()
            guard let first = scanner.peek else { break }
            let prefix: Character? = (first == "?" || first == "-") ? first : nil
            if let prefix {
                let prefixColumn = scanner.column
                scanner.advance()
                // The older page writes `"ERROR" - "Exiting"` with a blank after the minus,
                // so blanks may follow '-'; nothing of the kind is shown for '?'.
                if prefix == "-" { scanner.skipSpaces() }
                guard let next = scanner.peek, next == "\"" || isWordCharacter(next) else {
                    throw scanner.error(
                        "expected a term after '\(prefix)', found \(patternDescription(of: scanner.peek))",
                        column: scanner.isAtEnd ? prefixColumn : nil)
                }
            }
            let term = try readTerm(&scanner)
            sawTerm = true
            switch prefix {
            case "-": pattern.excluded.append(term)
            case "?": pattern.optional.append(term)
            default: pattern.required.append(term)
            }
        }
        return sawTerm ? pattern : nil
    }

    /// Reads one quoted phrase or one unquoted term, which must end at a blank or the end.
    private static func readTerm(_ scanner: inout PatternScanner) throws(FilterPatternError) -> [UInt8] {
        let text: String
        if scanner.peek == "\"" {
            text = try scanner.readQuoted()
        } else {
            text = scanner.read(while: isWordCharacter)
            if text.isEmpty {
                throw scanner.error(
                    "\(patternDescription(of: scanner.peek)) cannot start a term; put terms with characters other than "
                        + "letters, digits and '_' in double quotes")
            }
        }
        if let next = scanner.peek, !next.isWhitespace {
            throw scanner.error(
                "\(patternDescription(of: next)) is not allowed in an unquoted term; put terms with characters other "
                    + "than letters, digits and '_' in double quotes")
        }
        // AWS: "You can match everything in your log events with double quotation marks",
        // showing the pattern `" "`; a blank phrase is therefore found in every message.
        if text.allSatisfy(\.isWhitespace) { return [] }
        return Array(text.utf8)
    }

    /// True when every message matches, e.g. for the pattern `" "`.
    var matchesEverything: Bool {
        excluded.isEmpty && required.allSatisfy(\.isEmpty)
            && (optional.isEmpty || !required.isEmpty || optional.contains(where: \.isEmpty))
    }

    func matches(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
        for term in excluded where containsBytes(message, term) { return false }
        for term in required where !containsBytes(message, term) { return false }
        // AWS: "If you combine "?" with other filter patterns, all question mark terms will
        // be ignored." Only a pattern made of '?' terms alone uses them.
        if required.isEmpty && excluded.isEmpty && !optional.isEmpty {
            return optional.contains { containsBytes(message, $0) }
        }
        return true
    }
}

/// Whether `needle` occurs in `haystack`; the empty needle occurs everywhere.
func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard needle.count <= haystack.count else { return false }
    let last = haystack.count - needle.count
    var start = 0
    while start <= last {
        if haystack[start] == first && bytesMatch(haystack, start, needle) { return true }
        start += 1
    }
    return false
}

/// Whether `needle` occurs in `haystack` at byte offset `start` (which must leave room for it).
func bytesMatch(_ haystack: UnsafeBufferPointer<UInt8>, _ start: Int, _ needle: [UInt8]) -> Bool {
    var offset = 0
    while offset < needle.count {
        if haystack[start + offset] != needle[offset] { return false }
        offset += 1
    }
    return true
}
