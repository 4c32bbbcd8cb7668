import Foundation

/// English number words as jsonata-js writes and reads them ("One Hundred and Twenty-Three").
enum NumberWords {
    private static let few = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
                              "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
    private static let ordinals = ["Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
                                   "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
                                   "Seventeenth", "Eighteenth", "Nineteenth"]
    private static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"]
    private static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    static func words(_ value: Double, ordinal: Bool) -> String {
        lookup(value, previous: false, ordinal: ordinal)
    }

    private static func lookup(_ num: Double, previous: Bool, ordinal: Bool) -> String {
        if num <= 19 {
            return (previous ? " and " : "") + (ordinal ? ordinals[Int(num)] : few[Int(num)])
        }
        if num < 100 {
            let tens = Int(num / 10), remainder = Int(num) % 10
            var words = (previous ? " and " : "") + decades[tens - 2]
            if remainder > 0 {
                words += "-" + lookup(Double(remainder), previous: false, ordinal: ordinal)
            } else if ordinal {
                words = String(words.dropLast()) + "ieth"
            }
            return words
        }
        if num < 1000 {
            let hundreds = Int(num / 100), remainder = Int(num) % 100
            var words = (previous ? ", " : "") + few[hundreds] + " Hundred"
            if remainder > 0 {
                words += lookup(Double(remainder), previous: true, ordinal: ordinal)
            } else if ordinal {
                words += "th"
            }
            return words
        }
        var magnitude = Int((num.log10() / 3).rounded(.down))
        if magnitude > magnitudes.count { magnitude = magnitudes.count }
        let factor = Double.pow(10, Double(magnitude * 3))
        let mantissa = (num / factor).rounded(.down)
        let remainder = num - mantissa * factor
        var words = (previous ? ", " : "") + lookup(mantissa, previous: false, ordinal: false) + " " + magnitudes[magnitude - 1]
        if remainder > 0 {
            words += lookup(remainder, previous: true, ordinal: ordinal)
        } else if ordinal {
            words += "th"
        }
        return words
    }

    /// Every word's value, lower case: cardinals, ordinals, tens, magnitudes.
    static let wordValues: [String: Double] = {
        var values: [String: Double] = [:]
        for (i, word) in few.enumerated() { values[word.lowercased()] = Double(i) }
        for (i, word) in ordinals.enumerated() { values[word.lowercased()] = Double(i) }
        for (i, word) in decades.enumerated() {
            let lower = word.lowercased()
            values[lower] = Double((i + 2) * 10)
            values[String(lower.dropLast()) + "ieth"] = Double((i + 2) * 10)
        }
        values["hundredth"] = 100
        for (i, word) in magnitudes.enumerated() {
            let value = Double.pow(10, Double((i + 1) * 3))
            values[word.lowercased()] = value
            values[word.lowercased() + "th"] = value
        }
        return values
    }()

    /// jsonata-js's `wordsToNumber`: splits on ", ", " and ", spaces and hyphens.
    static func number(_ text: String) -> Double {
        var parts: [String] = []
        var current = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let rest = String(String.UnicodeScalarView(scalars[i...].prefix(5)))
            if rest.hasPrefix(", ") { parts.append(current); current = ""; i += 2; continue }
            if rest.hasPrefix(" and ") { parts.append(current); current = ""; i += 5; continue }
            if scalars[i] == " " || scalars[i] == "-" || scalars[i] == "\\" || scalars[i].properties.isWhitespace {
                parts.append(current); current = ""; i += 1; continue
            }
            current.unicodeScalars.append(scalars[i])
            i += 1
        }
        parts.append(current)
        var segments: [Double] = [0]
        for part in parts {
            let value = wordValues[part] ?? .nan
            if value < 100 {
                var top = segments.removeLast()
                if top >= 1000 {
                    segments.append(top)
                    top = 0
                }
                segments.append(top + value)
            } else {
                segments.append(segments.removeLast() * value)
            }
        }
        return segments.reduce(0, +)
    }
}

extension Double {
    func log10() -> Double { Foundation.log10(self) }
}
