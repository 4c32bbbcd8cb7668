/// `$formatInteger` and `$parseInteger`: XPath F&O 3.1 §4.6.1 integer pictures as jsonata-js
/// implements them (decimal digit patterns with grouping, `a`/`A` letters, `i`/`I` roman
/// numerals, `w`/`W`/`Ww` words, `;o` ordinals). Also the integer parts of date pictures.
struct IntegerPicture {
    enum Primary { case decimal, letters, roman, words, sequence }
    enum Case { case upper, lower, title }

    var primary = Primary.decimal
    var letterCase = Case.lower
    var ordinal = false
    var zeroCode: UInt32 = 0x30
    var mandatoryDigits = 0
    var optionalDigits = 0
    /// Regular grouping: one separator every `regularGroup` digits.
    var regularGroup = 0
    var separators: [(position: Int, character: String)] = []
    var token = ""
    /// Fixed width when parsing a component directly followed by another (date pictures).
    var parseWidth: Int?

    /// Zero digits of Unicode's decimal digit families, as jsonata-js lists them.
    static let decimalGroups: [UInt32] = [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
        0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
        0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ]

    init(_ picture: String) throws(JSONataError) {
        var primaryFormat = picture
        if let semicolon = picture.lastIndex(of: ";") {
            primaryFormat = String(picture[..<semicolon])
            if picture[picture.index(after: semicolon)...].first == "o" { ordinal = true }
        }
        switch primaryFormat {
        case "A": (primary, letterCase) = (.letters, .upper)
        case "a": primary = .letters
        case "I": (primary, letterCase) = (.roman, .upper)
        case "i": primary = .roman
        case "W": (primary, letterCase) = (.words, .upper)
        case "Ww": (primary, letterCase) = (.words, .title)
        case "w": primary = .words
        default:
            var zero: UInt32?
            var position = 0
            var grouping: [(Int, String)] = []
            for scalar in primaryFormat.unicodeScalars.reversed() {
                if let group = Self.decimalGroups.first(where: { scalar.value >= $0 && scalar.value <= $0 + 9 }) {
                    mandatoryDigits += 1
                    position += 1
                    if zero == nil { zero = group } else if zero != group { throw JSONataError("D3131") }
                } else if scalar == "#" {
                    position += 1
                    optionalDigits += 1
                } else {
                    grouping.append((position, String(scalar)))
                }
            }
            if mandatoryDigits > 0 {
                primary = .decimal
                zeroCode = zero ?? 0x30
                let regular = Self.regularInterval(grouping)
                if regular > 0 {
                    regularGroup = regular
                    separators = [(regular, grouping[0].1)]
                } else {
                    separators = grouping
                }
            } else {
                primary = .sequence
                token = primaryFormat
            }
        }
    }

    /// The interval when all separators are the same character at multiples of one number.
    static func regularInterval(_ separators: [(Int, String)]) -> Int {
        guard let first = separators.first, separators.allSatisfy({ $0.1 == first.1 }) else { return 0 }
        let positions = separators.map(\.0)
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let factor = positions.dropFirst().reduce(positions[0], gcd)
        guard factor > 0 else { return 0 }
        for index in 1...positions.count where !positions.contains(index * factor) { return 0 }
        return factor
    }

    static func format(_ value: Double, picture: String) throws(JSONataError) -> String {
        try IntegerPicture(picture).format(value.rounded(.down))
    }

    /// The text of a whole number in this picture.
    func format(_ value: Double) throws(JSONataError) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var text: String
        switch primary {
        case .letters: text = Self.letters(Int(magnitude), upper: letterCase == .upper)
        case .roman:
            text = Self.roman(Int(magnitude))
            if letterCase == .upper { text = text.uppercased() }
        case .words:
            text = NumberWords.words(magnitude, ordinal: ordinal)
            if letterCase == .upper { text = text.uppercased() } else if letterCase == .lower { text = text.lowercased() }
        case .sequence:
            throw JSONataError("D3130", value: NumberText.quoted(token))
        case .decimal:
            var digits = Array(NumberText.format(magnitude).unicodeScalars)
            if digits.count < mandatoryDigits {
                digits = Array(repeating: "0", count: mandatoryDigits - digits.count) + digits
            }
            if zeroCode != 0x30 {
                digits = digits.map { $0 >= "0" && $0 <= "9" ? Unicode.Scalar($0.value - 0x30 + zeroCode)! : $0 }
            }
            var out = digits.map { String($0) }
            if regularGroup > 0 {
                let groups = (out.count - 1) / regularGroup
                if groups > 0 {
                    for i in stride(from: groups, to: 0, by: -1) {
                        out.insert(separators[0].character, at: out.count - i * regularGroup)
                    }
                }
            } else {
                for separator in separators.reversed() {
                    let position = out.count - separator.position
                    if position >= 0 && position <= out.count { out.insert(separator.character, at: position) }
                }
            }
            text = out.joined()
            if ordinal {
                let scalars = Array(text.unicodeScalars)
                let last = scalars.last
                var suffix = last == "1" ? "st" : last == "2" ? "nd" : last == "3" ? "rd" : "th"
                if scalars.count > 1 && scalars[scalars.count - 2] == "1" { suffix = "th" }
                text += suffix
            }
        }
        return negative ? "-" + text : text
    }

    static func letters(_ value: Int, upper: Bool) -> String {
        var letters: [Unicode.Scalar] = []
        var v = value
        let a: UInt32 = upper ? 65 : 97
        while v > 0 {
            letters.insert(Unicode.Scalar(UInt32((v - 1) % 26) + a)!, at: 0)
            v = (v - 1) / 26
        }
        return String(String.UnicodeScalarView(letters))
    }

    static func roman(_ value: Int) -> String {
        let numerals: [(Int, String)] = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                                         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var v = value, out = ""
        while v > 0, let numeral = numerals.first(where: { v >= $0.0 }) {
            out += numeral.1
            v -= numeral.0
        }
        return out
    }

    // MARK: - Parsing

    /// A regular expression (in JavaScript syntax) matching text written in this picture.
    var pattern: String {
        switch primary {
        case .letters: return letterCase == .upper ? "[A-Z]+" : "[a-z]+"
        case .roman: return letterCase == .upper ? "[MDCLXVI]+" : "[mdclxvi]+"
        case .words: return "(?:" + (NumberWords.wordValues.keys.sorted() + ["and", "[\\-, ]"]).joined(separator: "|") + ")+"
        case .decimal, .sequence:
            var p = "[0-9]"
            if let parseWidth { p += "{\(parseWidth)}" } else { p += "+" }
            if ordinal { p += "(?:th|st|nd|rd)" }
            return p
        }
    }

    /// The value of text written in this picture.
    func parse(_ text: String) throws(JSONataError) -> Double? {
        switch primary {
        case .letters:
            let a: UInt32 = letterCase == .upper ? 65 : 97
            var result = 0.0
            for (i, c) in text.unicodeScalars.reversed().enumerated() {
                result += Double(Int(c.value) - Int(a) + 1) * Double.pow(26, Double(i))
            }
            return result
        case .roman:
            let values: [Unicode.Scalar: Int] = ["M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1]
            var decimal = 0, maximum = 1
            for c in text.uppercased().unicodeScalars.reversed() {
                let v = values[c] ?? 0
                if v < maximum { decimal -= v } else { maximum = v; decimal += v }
            }
            return Double(decimal)
        case .words:
            return NumberWords.number(text.lowercased())
        case .sequence:
            throw JSONataError("D3130", value: NumberText.quoted(token))
        case .decimal:
            var digits = Array(text.unicodeScalars)
            if ordinal { digits = Array(digits.dropLast(2)) }
            let separatorSet = Set(regularGroup > 0 ? [","] : separators.map(\.character))
            digits = digits.filter { !separatorSet.contains(String($0)) }
            if zeroCode != 0x30 {
                digits = digits.map { Unicode.Scalar($0.value &- zeroCode &+ 0x30) ?? $0 }
            }
            // JavaScript's parseInt: the leading decimal digits.
            let leading = digits.prefix { $0 >= "0" && $0 <= "9" }
            guard !leading.isEmpty else { return .nan }
            return Double(String(String.UnicodeScalarView(leading)))
        }
    }

    static func parse(_ text: String, picture: String) throws(JSONataError) -> Double? {
        try IntegerPicture(picture).parse(text)
    }
}
