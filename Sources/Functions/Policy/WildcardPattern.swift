/// A string from a policy's `Action` or `Resource` with IAM's two wildcards: `*` for any run
/// of characters (also none) and `?` for exactly one character.
///
/// The pattern is matched against the whole string, with no notion of ARN segments: IAM's
/// documentation says "If the * wildcard is the last character of a resource ARN segment, it
/// can expand to match beyond the colon boundaries" and "The asterisk (*) character can expand
/// to replace everything within a segment, including characters like a forward slash (/) that
/// may otherwise appear to be a delimiter within a given service namespace." So
/// `arn:aws:states:*:*:execution:ingest:*` covers every execution of `ingest`, and
/// `arn:aws:s3:::bucket/*` every key however many slashes it holds.
///
/// Characters are Unicode scalars, the nearest to the code points IAM compares.
struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    /// One element of a pattern.
    private enum Element: Sendable, Hashable {
        case scalar(Unicode.Scalar)
        /// `?`: "a question mark (?) represents any single character".
        case anyOne
        /// `*`: "An asterisk (*) represents any combination of characters".
        case anyRun
    }

    /// The pattern as the policy wrote it, for messages.
    let text: String
    /// Whether letters are compared without regard to case (actions) or exactly (ARNs).
    let ignoresCase: Bool
    private let elements: [Element]

    /// Makes a pattern from policy text. With `ignoresCase`, the pattern is folded once here
    /// and each subject once in `matches(_:)`.
    init(_ text: String, ignoresCase: Bool) {
        self.text = text
        self.ignoresCase = ignoresCase
        let folded = ignoresCase ? text.lowercased() : text
        var elements: [Element] = []
        for scalar in folded.unicodeScalars {
            switch scalar {
            // Runs of stars match what one star matches; keeping one keeps matching linear.
            case "*" where elements.last == .anyRun: continue
            case "*": elements.append(.anyRun)
            case "?": elements.append(.anyOne)
            default: elements.append(.scalar(scalar))
            }
        }
        self.elements = elements
    }

    /// Whether the pattern is exactly `*`, which matches every string.
    var matchesEverything: Bool { elements == [.anyRun] }

    /// The text, as written.
    var description: String { text }

    /// Whether `subject` as a whole matches the pattern.
    ///
    /// The usual greedy matcher with one backtrack point: at a mismatch, the most recent `*`
    /// takes one more character and matching resumes after it. Earlier stars never need to
    /// take more, so this is O(pattern × subject) at worst and linear for common patterns.
    func matches(_ subject: String) -> Bool {
        if matchesEverything { return true }
        let scalars = Array((ignoresCase ? subject.lowercased() : subject).unicodeScalars)
        var s = 0
        var p = 0
        var star: (pattern: Int, subject: Int)?
        while s < scalars.count {
            if p < elements.count {
                switch elements[p] {
                case .anyRun:
                    star = (p, s)
                    p += 1
                    continue
                case .anyOne:
                    s += 1
                    p += 1
                    continue
                case .scalar(let expected) where expected == scalars[s]:
                    s += 1
                    p += 1
                    continue
                case .scalar:
                    break
                }
            }
            guard let last = star else { return false }
            // Let the last star swallow one more character and try again from there.
            star = (last.pattern, last.subject + 1)
            p = last.pattern + 1
            s = last.subject + 1
        }
        // The subject is used up: what is left of the pattern must be stars only.
        return elements[p...].allSatisfy { $0 == .anyRun }
    }
}
