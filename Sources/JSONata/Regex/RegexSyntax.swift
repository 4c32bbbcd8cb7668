/// The syntax tree of a JavaScript regular expression (the subset ECMAScript defines without
/// the `u` flag: classes, escapes, groups, lookaround, backreferences, greedy and lazy
/// quantifiers).
indirect enum RegexNode {
    case empty
    case scalar(Unicode.Scalar)
    case any
    case set(CharacterSet, negated: Bool)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case group(RegexNode, capture: Int?)
    case look(RegexNode, ahead: Bool, negated: Bool)
    case repeating(RegexNode, min: Int, max: Int?, greedy: Bool)
    case lineStart, lineEnd, wordBoundary, notWordBoundary
    case backreference(Int)
}

/// A set of scalars: ranges plus the named classes (`\d`, `\w`, `\s` and their negations).
struct CharacterSet {
    var ranges: [ClosedRange<UInt32>] = []

    static let digits = CharacterSet(ranges: [48...57])
    static let word = CharacterSet(ranges: [48...57, 65...90, 95...95, 97...122])
    static let space = CharacterSet(ranges: [9...13, 32...32, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
                                             0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF])

    func contains(_ value: UInt32) -> Bool {
        for range in ranges where range.contains(value) { return true }
        return false
    }

    /// The complement within all scalars.
    var inverted: CharacterSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = max(next, range.upperBound &+ 1)
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return CharacterSet(ranges: result)
    }
}

/// Why a pattern is not a valid regular expression.
struct RegexSyntaxError: Error {
    var message: String
}

/// Parses a pattern into a `RegexNode` tree, counting capture groups.
struct RegexParser {
    private let pattern: [Unicode.Scalar]
    private var position = 0
    private(set) var groupCount = 0

    init(_ pattern: String) { self.pattern = Array(pattern.unicodeScalars) }

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let node = try alternation()
        if position < pattern.count { throw RegexSyntaxError(message: "unmatched )") }
        return node
    }

    private var current: Unicode.Scalar? { position < pattern.count ? pattern[position] : nil }

    private mutating func alternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try sequence()]
        while current == "|" {
            position += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = current, c != "|", c != ")" {
            var atom = try self.atom()
            atom = try quantified(atom)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func quantified(_ atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        var min = 0, max: Int?
        switch current {
        case "*": position += 1; (min, max) = (0, nil)
        case "+": position += 1; (min, max) = (1, nil)
        case "?": position += 1; (min, max) = (0, 1)
        case "{":
            guard let bounds = braces() else { return atom }
            (min, max) = bounds
        default: return atom
        }
        var greedy = true
        if current == "?" { position += 1; greedy = false }
        switch atom {
        case .lineStart, .lineEnd, .wordBoundary, .notWordBoundary:
            throw RegexSyntaxError(message: "nothing to repeat")
        default: break
        }
        if let max, max < min { throw RegexSyntaxError(message: "numbers out of order in {} quantifier") }
        return .repeating(atom, min: min, max: max, greedy: greedy)
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing consumed) when the brace is a literal.
    private mutating func braces() -> (Int, Int?)? {
        var p = position + 1
        func number() -> Int? {
            var value: Int?
            while p < pattern.count, pattern[p] >= "0", pattern[p] <= "9" {
                value = min((value ?? 0) * 10 + Int(pattern[p].value - 48), 100_000)
                p += 1
            }
            return value
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if p < pattern.count, pattern[p] == "," {
            p += 1
            high = number()
        }
        guard p < pattern.count, pattern[p] == "}" else { return nil }
        position = p + 1
        return (low, high)
    }

    private mutating func atom() throws(RegexSyntaxError) -> RegexNode {
        guard let c = current else { throw RegexSyntaxError(message: "unexpected end") }
        position += 1
        switch c {
        case ".": return .any
        case "^": return .lineStart
        case "$": return .lineEnd
        case "*", "+", "?": throw RegexSyntaxError(message: "nothing to repeat")
        case "[": return try characterClass()
        case "(":
            var capture: Int?
            var node: RegexNode
            if current == "?" {
                position += 1
                let kind = current
                position += 1
                switch kind {
                case ":":
                    node = try alternation()
                case "=", "!":
                    let inner = try alternation()
                    guard current == ")" else { throw RegexSyntaxError(message: "unterminated group") }
                    position += 1
                    return .look(inner, ahead: true, negated: kind == "!")
                case "<":
                    if current == "=" || current == "!" {
                        let negated = current == "!"
                        position += 1
                        let inner = try alternation()
                        guard current == ")" else { throw RegexSyntaxError(message: "unterminated group") }
                        position += 1
                        return .look(inner, ahead: false, negated: negated)
                    }
                    while let n = current, n != ">" { position += 1 }
                    guard current == ">" else { throw RegexSyntaxError(message: "invalid group name") }
                    position += 1
                    groupCount += 1
                    capture = groupCount
                    node = try alternation()
                default:
                    throw RegexSyntaxError(message: "invalid group")
                }
            } else {
                groupCount += 1
                capture = groupCount
                node = try alternation()
            }
            guard current == ")" else { throw RegexSyntaxError(message: "unterminated group") }
            position += 1
            return .group(node, capture: capture)
        case ")": throw RegexSyntaxError(message: "unmatched )")
        case "\\": return try escape(inClass: false)
        default: return .scalar(c)
        }
    }

    private mutating func escape(inClass: Bool) throws(RegexSyntaxError) -> RegexNode {
        guard let c = current else { throw RegexSyntaxError(message: "\\ at end of pattern") }
        position += 1
        switch c {
        case "d": return .set(.digits, negated: false)
        case "D": return .set(.digits, negated: true)
        case "w": return .set(.word, negated: false)
        case "W": return .set(.word, negated: true)
        case "s": return .set(.space, negated: false)
        case "S": return .set(.space, negated: true)
        case "b": return inClass ? .scalar("\u{08}") : .wordBoundary
        case "B": return inClass ? .scalar("B") : .notWordBoundary
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "t": return .scalar("\t")
        case "v": return .scalar("\u{0B}")
        case "f": return .scalar("\u{0C}")
        case "0": return .scalar("\u{0}")
        case "x", "u":
            let length = c == "x" ? 2 : 4
            let end = position + length
            if end <= pattern.count, let value = UInt32(String(String.UnicodeScalarView(pattern[position..<end])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                position = end
                return .scalar(scalar)
            }
            return .scalar(c)
        case "c":
            if let letter = current, letter.properties.isAlphabetic, letter.isASCII {
                position += 1
                return .scalar(Unicode.Scalar(letter.value % 32)!)
            }
            position -= 1
            return .scalar("\\")
        case "1"..."9" where !inClass:
            var number = Int(c.value - 48)
            while let d = current, d >= "0" && d <= "9" {
                number = number * 10 + Int(d.value - 48)
                position += 1
            }
            return .backreference(number)
        default:
            return .scalar(c)
        }
    }

    private mutating func characterClass() throws(RegexSyntaxError) -> RegexNode {
        var negated = false
        if current == "^" { negated = true; position += 1 }
        var set = CharacterSet()
        while let c = current, c != "]" {
            var low: UInt32
            if c == "\\" {
                position += 1
                let escaped = try escape(inClass: true)
                switch escaped {
                case .scalar(let s): low = s.value
                case .set(let named, let negatedNamed):
                    set.ranges += negatedNamed ? named.inverted.ranges : named.ranges
                    continue
                default: continue
                }
            } else {
                position += 1
                low = c.value
            }
            if current == "-", position + 1 < pattern.count, pattern[position + 1] != "]" {
                position += 1
                var high: UInt32
                if current == "\\" {
                    position += 1
                    let escaped = try escape(inClass: true)
                    guard case .scalar(let s) = escaped else {
                        set.ranges.append(low...low)
                        set.ranges.append(45...45)
                        if case .set(let named, let n) = escaped { set.ranges += n ? named.inverted.ranges : named.ranges }
                        continue
                    }
                    high = s.value
                } else {
                    high = current!.value
                    position += 1
                }
                guard low <= high else { throw RegexSyntaxError(message: "range out of order in character class") }
                set.ranges.append(low...high)
            } else {
                set.ranges.append(low...low)
            }
        }
        guard current == "]" else { throw RegexSyntaxError(message: "missing /") }
        position += 1
        return .set(set, negated: negated)
    }
}
