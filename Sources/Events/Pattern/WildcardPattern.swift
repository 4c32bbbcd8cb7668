/// A `wildcard` operand: literal text with `*` standing for any run of characters.
///
/// event-ruler README: "A single value can contain zero to many wildcard characters, but
/// consecutive wildcard characters are not allowed. To match the asterisk character specifically,
/// a wildcard character can be escaped with a backslash. Two consecutive backslashes (i.e. a
/// backslash escaped with a backslash) represents the actual backslash character. A backslash
/// escaping any character other than asterisk or backslash is not allowed."
///
/// Matching works on UTF-8 bytes, as event-ruler does: EventBridge uses "exact
/// character-by-character matching without case-folding or any other string normalization".
struct WildcardPattern: Sendable, Equatable {
    /// The literal pieces between wildcards; a pattern with n wildcards has n + 1 pieces (some
    /// possibly empty), so `"*.png"` is `["", ".png"]`.
    let pieces: [[UInt8]]

    /// Parses the operand text, escapes resolved.
    ///
    /// Positions in the messages are what AWS reports: event-ruler parses the operand with its
    /// opening quote, so the first character is at position 1 (AWS answers
    /// `"arn:aws:events:us-east-1:**:event-bus/*"` with "Consecutive wildcard characters at pos 26").
    static func parse(_ text: String) -> Result<WildcardPattern, PatternProblem> {
        let bytes = Array(text.utf8)
        var pieces: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*") {
                    return .failure(PatternProblem("Consecutive wildcard characters at pos \(index + 1)"))
                }
                pieces.append([])
            } else if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") || bytes[index + 1] == UInt8(ascii: "\\") else {
                    return .failure(PatternProblem("Invalid escape character at pos \(index + 1)"))
                }
                pieces[pieces.count - 1].append(bytes[index + 1])
                index += 1
            } else {
                pieces[pieces.count - 1].append(byte)
            }
            index += 1
        }
        return .success(WildcardPattern(pieces: pieces))
    }

    /// Whether `text` matches: the first piece starts it, the last ends it, and the others occur
    /// in order between them, a wildcard matching zero or more characters.
    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = pieces.first, let last = pieces.last else { return false }
        if pieces.count == 1 { return bytes == first }
        guard bytes.count >= first.count + last.count,
            bytes.starts(with: first),
            bytes.suffix(last.count).elementsEqual(last)
        else { return false }
        // Leftmost placement of each middle piece leaves the most room for the rest.
        var position = first.count
        let end = bytes.count - last.count
        for piece in pieces.dropFirst().dropLast() {
            guard let found = Self.firstIndex(of: piece, in: bytes, from: position, before: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first index at or after `start` where `piece` occurs wholly before `end`.
    private static func firstIndex(of piece: [UInt8], in bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        guard !piece.isEmpty else { return start <= end ? start : nil }
        var candidate = start
        while candidate + piece.count <= end {
            if bytes[candidate..<(candidate + piece.count)].elementsEqual(piece) { return candidate }
            candidate += 1
        }
        return nil
    }
}

/// String comparisons as EventBridge makes them: byte for byte, with no Unicode normalization
/// (Swift's `==` would treat a composed and a decomposed "é" as equal; EventBridge does not).
enum TextComparison {
    /// Whether `a` and `b` are the same bytes.
    static func equal(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    /// Whether `text` starts with `prefix`, optionally ignoring case.
    static func hasPrefix(_ text: String, _ prefix: String, ignoringCase: Bool) -> Bool {
        ignoringCase ? text.lowercased().utf8.starts(with: prefix.lowercased().utf8) : text.utf8.starts(with: prefix.utf8)
    }

    /// Whether `text` ends with `suffix`, optionally ignoring case.
    static func hasSuffix(_ text: String, _ suffix: String, ignoringCase: Bool) -> Bool {
        let (t, s) = ignoringCase ? (Array(text.lowercased().utf8), Array(suffix.lowercased().utf8)) : (Array(text.utf8), Array(suffix.utf8))
        return t.count >= s.count && t.suffix(s.count).elementsEqual(s)
    }

    /// Whether `a` equals `b` ignoring case ("Equals (ignore case)").
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool { equal(a.lowercased(), b.lowercased()) }
}
