/// Numbers and strings as JavaScript writes them, which is what JSONata's results contain:
/// `Number.prototype.toString` for numbers (shortest round-trip digits, exponent form below
/// 1e-6 and from 1e21 on) and `JSON.stringify` for strings.
enum NumberText {
    /// The shortest decimal digits that read back as `value` (positive, finite, non-zero),
    /// and the exponent `n` such that the value is 0.d1d2... × 10^n.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], exponent: Int) {
        // Swift's description prints the shortest round-trip digits, as JavaScript does.
        let text = value.magnitude.description
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(Substring(utf8[utf8.index(after: index)...]))!
                break
            }
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte - UInt8(ascii: "0"))
            }
            index = utf8.index(after: index)
        }
        var point = (pointPosition ?? digits.count) + exponent
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }

    /// JavaScript's `Number.prototype.toString()` (ECMAScript Number::toString, radix 10).
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value.magnitude < 1e15, value == value.rounded() {
            return String(Int64(value))
        }
        let (digits, n) = shortestDigits(value)
        return layout(digits: digits, exponent: n, negative: value < 0)
    }

    /// The text of 0.digits × 10^exponent in JavaScript's layout.
    static func layout(digits: [UInt8], exponent n: Int, negative: Bool) -> String {
        let k = digits.count
        var out = negative ? "-" : ""
        func append(_ range: some Sequence<UInt8>) {
            for d in range { out.unicodeScalars.append(Unicode.Scalar(d + 48)) }
        }
        if k <= n && n <= 21 {
            append(digits)
            out += String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            append(digits[0..<n])
            out += "."
            append(digits[n...])
        } else if -6 < n && n <= 0 {
            out += "0."
            out += String(repeating: "0", count: -n)
            append(digits)
        } else {
            append(digits[0..<1])
            if k > 1 {
                out += "."
                append(digits[1...])
            }
            let e = n - 1
            out += e < 0 ? "e-" : "e+"
            out += String(e.magnitude)
        }
        return out
    }

    /// `Number(value.toPrecision(15))`: jsonata-js rounds numbers to 15 significant digits
    /// before writing them with `$string` and `&`, hiding binary noise (0.1 + 0.2 = 0.3).
    static func roundedTo15Digits(_ value: Double) -> Double {
        if value == 0 || !value.isFinite { return value }
        let (digits, n) = shortestDigits(value)
        guard digits.count > 15 else { return value }
        var kept = Array(digits[0..<15])
        let roundUp: Bool
        if digits.count == 16 && digits[15] == 5 {
            // A tie in the shortest digits: the exact binary value decides; toPrecision picks
            // the larger magnitude on an exact tie.
            roundUp = exactComparison(value.magnitude, toDigits: digits, exponent: n) >= 0
        } else {
            roundUp = digits[15] >= 5
        }
        var exponent = n
        if roundUp {
            var i = 14
            while i >= 0 {
                if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; break }
            }
            if i < 0 { kept.insert(1, at: 0); kept.removeLast(); exponent += 1 }
        }
        let text = (value < 0 ? "-0." : "0.") + kept.map { String($0) }.joined() + "e\(exponent)"
        return Double(text) ?? value
    }

    /// The sign of `value` − 0.digits×10^exponent, computed exactly for the tie case.
    private static func exactComparison(_ value: Double, toDigits digits: [UInt8], exponent: Int) -> Int {
        // The 16-digit decimal D × 10^(exponent − 16).
        var d: Int64 = 0
        for digit in digits { d = d * 10 + Int64(digit) }
        let scale = exponent - digits.count
        if scale >= 0 {
            guard value < 9.2e18, value == value.rounded() else {
                return value < Double(d) * pow10(scale) ? -1 : 1
            }
            var m = d
            for _ in 0..<scale {
                let (r, o) = m.multipliedReportingOverflow(by: 10)
                if o { return -1 }
                m = r
            }
            let v = Int64(value)
            return v < m ? -1 : (v > m ? 1 : 0)
        }
        // value × 10^j compared with D, both exact as double-double sums.
        let j = -scale
        guard j <= 22 else { return 0 }
        let p = pow10(j)
        let hi = value * p
        let lo = (-hi).addingProduct(value, p)
        let dHi = Double(d)
        let dLo = Double(d - Int64(dHi))
        if hi != dHi { return hi < dHi ? -1 : 1 }
        if lo != dLo { return lo < dLo ? -1 : 1 }
        return 0
    }

    private static func pow10(_ e: Int) -> Double {
        var result = 1.0
        for _ in 0..<e { result *= 10 }
        return result
    }

    /// A JSON string literal as `JSON.stringify` writes it.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}

