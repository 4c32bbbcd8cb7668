import Foundation

extension Functions {
    static var numbers: [Definition] { [
        ("sum", "<a<n>:n>", 1, { a, _ in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            return .number(items.reduce(0.0) { if case .number(let n) = $1 { return $0 + n } else { return $0 } })
        }),
        ("count", "<a:n>", 1, { a, _ in
            guard case .array(let items, _) = argument(a, 0) else { return .number(0) }
            return .number(Double(items.count))
        }),
        ("max", "<a<n>:n>", 1, { a, _ in
            let values = numbersIn(argument(a, 0))
            guard let first = values.first else { return .undefined }
            return .number(values.dropFirst().reduce(first) { Swift.max($0, $1) })
        }),
        ("min", "<a<n>:n>", 1, { a, _ in
            let values = numbersIn(argument(a, 0))
            guard let first = values.first else { return .undefined }
            return .number(values.dropFirst().reduce(first) { Swift.min($0, $1) })
        }),
        ("average", "<a<n>:n>", 1, { a, _ in
            let values = numbersIn(argument(a, 0))
            guard !values.isEmpty else { return .undefined }
            return .number(values.reduce(0, +) / Double(values.count))
        }),
        ("number", "<(nsb)-:n>", 1, { a, _ throws(JSONataError) in try number(argument(a, 0)) }),
        ("floor", "<n-:n>", 1, { a, _ in unary(a) { $0.rounded(.down) } }),
        ("ceil", "<n-:n>", 1, { a, _ in unary(a) { $0.rounded(.up) } }),
        ("abs", "<n-:n>", 1, { a, _ in unary(a) { $0.magnitude } }),
        ("sqrt", "<n-:n>", 1, { a, _ throws(JSONataError) in
            guard case .number(let n) = argument(a, 0) else { return .undefined }
            if n < 0 { throw JSONataError("D3060", value: NumberText.format(n)) }
            return .number(n.squareRoot())
        }),
        ("round", "<n-n?:n>", 2, { a, _ in
            guard case .number(let n) = argument(a, 0) else { return .undefined }
            var precision = 0
            if case .number(let p) = argument(a, 1) { precision = Int(p.rounded(.towardZero)) }
            return .number(round(n, precision: precision))
        }),
        ("power", "<n-n:n>", 2, { a, _ throws(JSONataError) in
            guard case .number(let base) = argument(a, 0), case .number(let exponent) = argument(a, 1) else { return .undefined }
            let result = power(base, exponent)
            guard result.isFinite else {
                throw JSONataError("D3061", value: NumberText.format(base), value2: NumberText.format(exponent))
            }
            return .number(result)
        }),
        ("random", "<:n>", 0, { _, call in .number(call.evaluator.random()) }),
        ("formatBase", "<n-n?:s>", 2, { a, _ throws(JSONataError) in
            guard case .number(let n) = argument(a, 0) else { return .undefined }
            var radix = 10
            if case .number(let r) = argument(a, 1) { radix = Int(r.rounded(.towardZero)) }
            guard (2...36).contains(radix) else { throw JSONataError("D3100", value: String(radix)) }
            let rounded = round(n, precision: 0)
            let magnitude = rounded.magnitude
            let digits = magnitude < 9.2e18 ? String(Int64(magnitude), radix: radix) : bigRadix(magnitude, radix)
            return .string((rounded < 0 ? "-" : "") + digits)
        }),
        ("formatNumber", "<n-so?:s>", 3, { a, _ throws(JSONataError) in
            guard case .number(let n) = argument(a, 0), case .string(let picture) = argument(a, 1) else { return .undefined }
            var options: ObjectBox?
            if case .object(let box) = argument(a, 2) { options = box }
            return .string(try NumberPicture.format(n, picture: picture, options: options))
        }),
        ("formatInteger", "<n-s:s>", 2, { a, _ throws(JSONataError) in
            guard case .number(let n) = argument(a, 0), case .string(let picture) = argument(a, 1) else { return .undefined }
            return .string(try IntegerPicture.format(n, picture: picture))
        }),
        ("parseInteger", "<s-s:n>", 2, { a, _ throws(JSONataError) in
            guard case .string(let s) = argument(a, 0), case .string(let picture) = argument(a, 1) else { return .undefined }
            return try IntegerPicture.parse(s, picture: picture).map { .number($0) } ?? .undefined
        }),
    ] }

    private static func numbersIn(_ value: Value) -> [Double] {
        value.asList.compactMap { if case .number(let n) = $0 { return n } else { return nil } }
    }

    private static func unary(_ a: [Value], _ f: (Double) -> Double) -> Value {
        guard case .number(let n) = argument(a, 0) else { return .undefined }
        let r = f(n)
        return .number(r == 0 ? 0 : r)
    }

    /// `$number`: numbers unchanged; strings in JSON number syntax or `0x`/`0o`/`0b` form;
    /// booleans as 1 and 0; anything else is D3030.
    static func number(_ value: Value) throws(JSONataError) -> Value {
        switch value {
        case .undefined: return .undefined
        case .number: return value
        case .bool(let b): return .number(b ? 1 : 0)
        case .string(let s):
            if isJSONNumber(s), let d = Double(s), d.isFinite { return .number(d) }
            let lower = s.lowercased()
            for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
                if let v = UInt64(lower.dropFirst(2), radix: radix) { return .number(Double(v)) }
            }
            throw JSONataError("D3030", value: value.jsonText)
        default:
            throw JSONataError("D3030", value: value.jsonText)
        }
    }

    /// `-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?` in full.
    private static func isJSONNumber(_ s: String) -> Bool {
        var chars = Array(s.utf8)[...]
        func digits() -> Bool {
            let start = chars.startIndex
            while let c = chars.first, c >= 48 && c <= 57 { chars.removeFirst() }
            return chars.startIndex > start
        }
        if chars.first == UInt8(ascii: "-") { chars.removeFirst() }
        guard digits() else { return false }
        if chars.first == UInt8(ascii: ".") {
            chars.removeFirst()
            guard digits() else { return false }
        }
        if let e = chars.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            chars.removeFirst()
            if let sign = chars.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { chars.removeFirst() }
            guard digits() else { return false }
        }
        return chars.isEmpty
    }

    /// `$round`: half to even, at `precision` decimal places (negative rounds to tens...);
    /// the shift is done in decimal text as jsonata-js does, to avoid binary error.
    static func round(_ value: Double, precision: Int) -> Double {
        var arg = value
        if precision != 0 { arg = shift(arg, by: precision) }
        // Math.round: the nearest integer, halves toward +∞; then halves go to even.
        var result = jsMathRound(arg)
        let diff = result - arg
        if diff.magnitude == 0.5 && result.truncatingRemainder(dividingBy: 2).magnitude == 1 {
            result -= 1
        }
        if precision != 0 { result = shift(result, by: -precision) }
        return result == 0 ? 0 : result
    }

    private static func jsMathRound(_ x: Double) -> Double {
        let floor = x.rounded(.down)
        return x - floor >= 0.5 ? floor + 1 : floor
    }

    /// `+(mantissa + "e" + (exponent + by))` on JavaScript's text of the number.
    private static func shift(_ value: Double, by places: Int) -> Double {
        let text = NumberText.format(value)
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? (Int(parts[1]) ?? 0) : 0
        return Double("\(parts[0])e\(exponent + places)") ?? value
    }

    /// `Math.pow` for the cases where IEEE `pow` and JavaScript differ (1 to ±∞ and NaN).
    private static func power(_ base: Double, _ exponent: Double) -> Double {
        if exponent.isNaN { return .nan }
        if base.magnitude == 1 && exponent.isInfinite { return .nan }
        return Double.pow(base, exponent)
    }

    private static func bigRadix(_ value: Double, _ radix: Int) -> String {
        var digits: [Character] = []
        var v = value
        let symbols = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        while v >= 1 {
            let q = (v / Double(radix)).rounded(.down)
            let r = Int(v - q * Double(radix))
            digits.append(symbols[max(0, min(r, radix - 1))])
            v = q
        }
        return String(digits.reversed())
    }
}

extension Double {
    /// JavaScript's `Math.pow` (the C library's `pow`).
    static func pow(_ base: Double, _ exponent: Double) -> Double {
        Foundation.pow(base, exponent)
    }
}
