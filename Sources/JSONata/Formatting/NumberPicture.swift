/// `$formatNumber`: XPath F&O 3.1 §4.7 decimal-format pictures (`#,##0.00`, `0.0e0`, `%`,
/// `‰`, a negative sub-picture after `;`), following jsonata-js's steps and error codes.
struct NumberPicture {
    private struct Properties {
        var decimal: Character = ".", grouping: Character = ",", exponent: Character = "e", minus = "-"
        var percent: Character = "%", perMille: Character = "\u{2030}", zero: Character = "0", digit: Character = "#"
        var patternSeparator: Character = ";"
    }

    private struct Parts {
        var prefix = "", suffix = "", active = "", mantissa = "", integer = "", fractional = ""
        var exponent: String?
        var subpicture = ""
    }

    private struct Analysis {
        var integerGroupingPositions: [Int] = []
        var regularGrouping = 0
        var minimumIntegerSize = 0
        var scalingFactor = 0
        var prefix = ""
        var fractionalGroupingPositions: [Int] = []
        var minimumFractionalSize = 0
        var maximumFractionalSize = 0
        var minimumExponentSize = 0
        var suffix = ""
        var picture = ""
    }

    static func format(_ value: Double, picture: String, options: ObjectBox?) throws(JSONataError) -> String {
        var p = Properties()
        if let options {
            for (key, v) in options.members {
                guard case .string(let s) = v, let c = s.first else { continue }
                switch key {
                case "decimal-separator": p.decimal = c
                case "grouping-separator": p.grouping = c
                case "exponent-separator": p.exponent = c
                case "minus-sign": p.minus = s
                case "percent": p.percent = c
                case "per-mille": p.perMille = c
                case "zero-digit": p.zero = c
                case "digit": p.digit = c
                case "pattern-separator": p.patternSeparator = c
                default: break
                }
            }
        }
        let zeroValue = p.zero.unicodeScalars.first!.value
        let family: [Character] = (0..<10).map { Character(Unicode.Scalar(zeroValue + UInt32($0))!) }
        let active = Set(family + [p.decimal, p.exponent, p.grouping, p.digit, p.patternSeparator])
        let subPictures = picture.split(separator: p.patternSeparator, omittingEmptySubsequences: false).map(String.init)
        if subPictures.count > 2 { throw JSONataError("D3080") }

        func split(_ sub: String) -> Parts {
            let chars = Array(sub)
            var parts = Parts()
            parts.subpicture = sub
            let firstActive = chars.firstIndex { active.contains($0) && $0 != p.exponent }
            let lastActive = chars.lastIndex { active.contains($0) && $0 != p.exponent }
            parts.prefix = firstActive.map { String(chars[..<$0]) } ?? ""
            parts.suffix = lastActive.map { String(chars[($0 + 1)...]) } ?? ""
            let activeEnd = chars.count - parts.suffix.count
            let activeChars = Array(chars[min(parts.prefix.count, activeEnd)..<activeEnd])
            parts.active = String(activeChars)
            if let e = chars[parts.prefix.count...].firstIndex(of: p.exponent), e <= activeEnd {
                let relative = e - parts.prefix.count
                parts.mantissa = String(activeChars[..<min(relative, activeChars.count)])
                parts.exponent = relative + 1 <= activeChars.count ? String(activeChars[(relative + 1)...]) : ""
            } else {
                parts.mantissa = parts.active
            }
            if let d = parts.mantissa.firstIndex(of: p.decimal) {
                parts.integer = String(parts.mantissa[..<d])
                parts.fractional = String(parts.mantissa[parts.mantissa.index(after: d)...])
            } else {
                parts.integer = parts.mantissa
                parts.fractional = parts.suffix
            }
            return parts
        }

        func validate(_ parts: Parts) throws(JSONataError) {
            let sub = Array(parts.subpicture)
            var error: String?
            func count(_ c: Character) -> Int { sub.filter { $0 == c }.count }
            if count(p.decimal) > 1 { error = "D3081" }
            if count(p.percent) > 1 { error = "D3082" }
            if count(p.perMille) > 1 { error = "D3083" }
            if count(p.percent) > 0 && count(p.perMille) > 0 { error = "D3084" }
            if !parts.mantissa.contains(where: { family.contains($0) || $0 == p.digit }) { error = "D3085" }
            if parts.active.contains(where: { !active.contains($0) }) { error = "D3086" }
            if let d = sub.firstIndex(of: p.decimal) {
                if (d > 0 && sub[d - 1] == p.grouping) || (d + 1 < sub.count && sub[d + 1] == p.grouping) { error = "D3087" }
            } else if parts.integer.last == p.grouping {
                error = "D3088"
            }
            if parts.subpicture.contains(String([p.grouping, p.grouping])) { error = "D3089" }
            if let o = parts.integer.firstIndex(of: p.digit), parts.integer[..<o].contains(where: { family.contains($0) }) { error = "D3090" }
            if let o = parts.fractional.lastIndex(of: p.digit), parts.fractional[o...].contains(where: { family.contains($0) }) { error = "D3091" }
            if let exponent = parts.exponent {
                if !exponent.isEmpty && (count(p.percent) > 0 || count(p.perMille) > 0) { error = "D3092" }
                if exponent.isEmpty || exponent.contains(where: { !family.contains($0) }) { error = "D3093" }
            }
            if let error { throw JSONataError(error) }
        }

        func analyse(_ parts: Parts) -> Analysis {
            func groupingPositions(_ part: String, toLeft: Bool) -> [Int] {
                let chars = Array(part)
                var positions: [Int] = []
                for (i, c) in chars.enumerated() where c == p.grouping {
                    let side = toLeft ? chars[..<i] : chars[i...]
                    positions.append(side.filter { family.contains($0) || $0 == p.digit }.count)
                }
                return positions
            }
            var a = Analysis()
            a.integerGroupingPositions = groupingPositions(parts.integer, toLeft: false)
            a.regularGrouping = IntegerPicture.regularInterval(a.integerGroupingPositions.map { ($0, ",") })
            a.fractionalGroupingPositions = groupingPositions(parts.fractional, toLeft: true)
            a.minimumIntegerSize = parts.integer.filter { family.contains($0) }.count
            a.scalingFactor = a.minimumIntegerSize
            a.minimumFractionalSize = parts.fractional.filter { family.contains($0) }.count
            a.maximumFractionalSize = parts.fractional.filter { family.contains($0) || $0 == p.digit }.count
            let exponentPresent = parts.exponent != nil
            if a.minimumIntegerSize == 0 && a.maximumFractionalSize == 0 {
                if exponentPresent {
                    a.minimumFractionalSize = 1
                    a.maximumFractionalSize = 1
                } else {
                    a.minimumIntegerSize = 1
                }
            }
            if exponentPresent && a.minimumIntegerSize == 0 && parts.integer.contains(p.digit) { a.minimumIntegerSize = 1 }
            if a.minimumIntegerSize == 0 && a.minimumFractionalSize == 0 { a.minimumFractionalSize = 1 }
            if let exponent = parts.exponent { a.minimumExponentSize = exponent.filter { family.contains($0) }.count }
            a.prefix = parts.prefix
            a.suffix = parts.suffix
            a.picture = parts.subpicture
            return a
        }

        let parts = subPictures.map(split)
        for part in parts { try validate(part) }
        var variables = parts.map(analyse)
        if variables.count == 1 {
            var negative = variables[0]
            negative.prefix = p.minus + negative.prefix
            variables.append(negative)
        }
        let pic = value >= 0 ? variables[0] : variables[1]
        var adjusted = value
        if pic.picture.contains(p.percent) { adjusted = value * 100 } else if pic.picture.contains(p.perMille) { adjusted = value * 1000 }
        var mantissa = adjusted
        var exponent: Int?
        if pic.minimumExponentSize > 0 {
            let maxMantissa = Double.pow(10, Double(pic.scalingFactor))
            let minMantissa = Double.pow(10, Double(pic.scalingFactor - 1))
            var e = 0
            // A zero has no normal form: leave it (jsonata-js 2.1.1 fixed a loop here).
            if mantissa != 0 {
                while mantissa.magnitude < minMantissa { mantissa *= 10; e -= 1 }
                while mantissa.magnitude > maxMantissa { mantissa /= 10; e += 1 }
            }
            exponent = e
        }
        let rounded = Functions.round(mantissa, precision: pic.maximumFractionalSize)
        func digits(_ text: String) -> String {
            guard p.zero != "0" else { return text }
            return String(text.map { c -> Character in
                if let v = c.asciiValue, v >= 48 && v <= 57 { return family[Int(v - 48)] }
                return c
            })
        }
        var s = Array(digits(toFixed(rounded.magnitude, pic.maximumFractionalSize)))
        if let dot = s.firstIndex(of: ".") { s[dot] = p.decimal } else { s.append(p.decimal) }
        while s.first == p.zero { s.removeFirst() }
        while s.last == p.zero { s.removeLast() }
        var decimalPosition = s.firstIndex(of: p.decimal)!
        let padLeft = pic.minimumIntegerSize - decimalPosition
        let padRight = pic.minimumFractionalSize - (s.count - decimalPosition - 1)
        if padLeft > 0 { s = Array(repeating: p.zero, count: padLeft) + s }
        if padRight > 0 { s += Array(repeating: p.zero, count: padRight) }
        decimalPosition = s.firstIndex(of: p.decimal)!
        if pic.regularGrouping > 0 {
            let groups = (decimalPosition - 1) / pic.regularGrouping
            if groups >= 1 {
                for group in 1...groups {
                    s.insert(p.grouping, at: decimalPosition - group * pic.regularGrouping)
                }
            }
        } else {
            for position in pic.integerGroupingPositions {
                s.insert(p.grouping, at: max(0, decimalPosition - position))
                decimalPosition += 1
            }
        }
        decimalPosition = s.firstIndex(of: p.decimal)!
        for position in pic.fractionalGroupingPositions {
            s.insert(p.grouping, at: min(s.count, position + decimalPosition + 1))
        }
        decimalPosition = s.firstIndex(of: p.decimal)!
        if pic.minimumFractionalSize == 0 && decimalPosition == s.count - 1 { s.removeLast() }
        var result = String(s)
        if let exponent {
            var e = digits(String(exponent.magnitude))
            let pad = pic.minimumExponentSize - e.count
            if pad > 0 { e = String(repeating: p.zero, count: pad) + e }
            result += String(p.exponent) + (exponent < 0 ? p.minus : "") + e
        }
        return pic.prefix + result + pic.suffix
    }

    /// JavaScript's `Number.prototype.toFixed(places)` for a non-negative number.
    static func toFixed(_ value: Double, _ places: Int) -> String {
        if value >= 1e21 { return NumberText.format(value) }
        if value == 0 { return places > 0 ? "0." + String(repeating: "0", count: places) : "0" }
        var (digits, exponent) = NumberText.shortestDigits(value)
        // digits × 10^(exponent − count): keep `places` digits after the point, rounding half up.
        var integerDigits: [UInt8]
        var fraction: [UInt8]
        if exponent > 0 {
            if digits.count < exponent { digits += Array(repeating: 0, count: exponent - digits.count) }
            integerDigits = Array(digits[..<exponent])
            fraction = Array(digits[exponent...])
        } else {
            integerDigits = [0]
            fraction = Array(repeating: 0, count: -exponent) + digits
        }
        if fraction.count > places {
            let roundUp = fraction[places] >= 5
            fraction = Array(fraction[..<places])
            if roundUp {
                var all = integerDigits + fraction
                var i = all.count - 1
                while i >= 0 {
                    if all[i] == 9 { all[i] = 0; i -= 1 } else { all[i] += 1; break }
                }
                if i < 0 { all.insert(1, at: 0) }
                integerDigits = Array(all[..<(all.count - places)])
                fraction = Array(all[(all.count - places)...])
            }
        } else {
            fraction += Array(repeating: 0, count: places - fraction.count)
        }
        while integerDigits.count > 1 && integerDigits[0] == 0 { integerDigits.removeFirst() }
        let text = integerDigits.map { String($0) }.joined()
        return places > 0 ? text + "." + fraction.map { String($0) }.joined() : text
    }
}
