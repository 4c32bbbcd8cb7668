/// A compiled `%regex%` in the subset AWS documents under "Supported regular expressions
/// (regex) syntax": literals, `.`, classes `[...]`, `\d \D \s \S \w \W \xhh`, escapes, the
/// quantifiers `? * + {m,n}`, anchors `^ $` and alternation `|`, but no parentheses.
///
/// Without groups a branch is a chain of single-byte steps, so it runs as an NFA whose states
/// are positions in the chain: a message costs O(bytes × steps) and can never backtrack
/// exponentially. It searches: `%AUTHORIZED%` finds "UNAUTHORIZED REQUEST".
struct FilterRegex: Sendable {
    /// One state of a branch; each moves to the next state or, for `star`, stays.
    enum Step: Sendable {
        case one(ByteSet)
        case optional(ByteSet)
        case star(ByteSet)
        case start
        case end
    }

    private let branches: [[Step]]

    init(_ source: [Character], firstColumn: Int) throws(FilterPatternError) {
        var parser = RegexParser(source: source, firstColumn: firstColumn)
        branches = try parser.parse()
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        branches.contains { Self.search($0, in: text) }
    }

    private static func search(_ steps: [Step], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let accept = steps.count
        var current = [Bool](repeating: false, count: accept + 1)
        var next = current
        let anchored: Bool
        if case .start = steps.first { anchored = true } else { anchored = false }
        // Bytes that can begin a match when the first step must consume one.
        let starters: ByteSet?
        if case .one(let set) = steps.first { starters = set } else { starters = nil }
        var alive = false
        var position = 0
        while position <= text.count {
            if !alive, let starters {
                // Nothing is under way, so skip to the next byte a match could start with.
                while position < text.count, !starters.contains(text[position]) { position += 1 }
                if position == text.count { return false }
            }
            // A match may begin at any position unless the branch starts with '^'.
            if position == 0 || !anchored { current[0] = true }
            // Follow the moves that consume nothing; they only go forward, so one pass will do.
            for state in 0..<accept where current[state] {
                switch steps[state] {
                case .optional, .star: current[state + 1] = true
                case .start: if position == 0 { current[state + 1] = true }
                case .end: if position == text.count { current[state + 1] = true }
                case .one: break
                }
            }
            if current[accept] { return true }
            guard position < text.count else { break }
            let byte = text[position]
            alive = false
            for state in 0...accept {
                next[state] = false
            }
            for state in 0..<accept where current[state] {
                switch steps[state] {
                case .one(let set), .optional(let set):
                    if set.contains(byte) { next[state + 1] = true; alive = true }
                case .star(let set):
                    if set.contains(byte) { next[state] = true; alive = true }
                case .start, .end:
                    break
                }
            }
            swap(&current, &next)
            if anchored && !alive { return false }
            position += 1
        }
        return false
    }
}

/// A set of bytes, one bit each.
struct ByteSet: Sendable, Equatable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool { lhs.bits == rhs.bits }

    static let all = ByteSet().inverted
    static let digits = ByteSet(range: UInt8(ascii: "0")...UInt8(ascii: "9"))
    /// "Whitespace characters include the tab (\t), space( ), and newline (\n) characters."
    static let spaces = ByteSet(bytes: [9, 10, 11, 12, 13, 32])
    /// "`%\w%` is equivalent to `%[a-zA-Z_0-9]%`".
    static let word: ByteSet = {
        var set = ByteSet()
        for byte in UInt8(0)...UInt8(127) where isWordByte(byte) { set.insert(byte) }
        return set
    }()

    init() {}

    init(range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    init(bytes: [UInt8]) {
        for byte in bytes { insert(byte) }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        bits = (bits.0 | other.bits.0, bits.1 | other.bits.1, bits.2 | other.bits.2, bits.3 | other.bits.3)
    }

    var inverted: ByteSet {
        var set = ByteSet()
        set.bits = (~bits.0, ~bits.1, ~bits.2, ~bits.3)
        return set
    }
}
