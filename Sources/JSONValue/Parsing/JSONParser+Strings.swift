extension JSONParser {
    /// Reads a string whose opening quote is at `index`, leaving `index` after the closing one.
    ///
    /// Strings without escapes (the usual case) become a `String` straight from the input
    /// bytes; only strings with escapes are copied through `scratch`.
    mutating func parseString() throws(ParseFailure) -> String {
        let quote = index
        index += 1
        let contentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
                index += 1
                return String(decoding: content, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<index]))
                return try parseEscapedRest(quote: quote)
            } else if byte < 0x20 {
                throw controlCharacterFailure(quote: quote)
            } else if byte < 0x80 {
                index += 1
            } else {
                index += try validateUTF8Sequence()
            }
        }
        throw ParseFailure(offset: quote, message: "unterminated string")
    }

    /// Continues a string at its first backslash, collecting the unescaped bytes in `scratch`.
    private mutating func parseEscapedRest(quote: Int) throws(ParseFailure) -> String {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try parseEscape(quote: quote)
            } else if byte < 0x20 {
                throw controlCharacterFailure(quote: quote)
            } else if byte < 0x80 {
                scratch.append(byte)
                index += 1
            } else {
                let length = try validateUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                index += length
            }
        }
        throw ParseFailure(offset: quote, message: "unterminated string")
    }

    /// A raw control character inside a string. A raw line break means the string was never
    /// closed on its line, which is the more useful thing to say, at the opening quote.
    private func controlCharacterFailure(quote: Int) -> ParseFailure {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            return ParseFailure(offset: quote, message: "unterminated string")
        }
        return ParseFailure(offset: index, message: "control character \(Self.scalarName(UInt32(byte))) must be escaped in a string")
    }

    /// Decodes the escape at `index` (a backslash) into `scratch`.
    private mutating func parseEscape(quote: Int) throws(ParseFailure) {
        let start = index
        guard index + 1 < bytes.count else { throw ParseFailure(offset: quote, message: "unterminated string") }
        let unescaped: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): unescaped = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): unescaped = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): unescaped = UInt8(ascii: "/")
        case UInt8(ascii: "b"): unescaped = 0x08
        case UInt8(ascii: "f"): unescaped = 0x0C
        case UInt8(ascii: "n"): unescaped = UInt8(ascii: "\n")
        case UInt8(ascii: "r"): unescaped = UInt8(ascii: "\r")
        case UInt8(ascii: "t"): unescaped = UInt8(ascii: "\t")
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape()
            scratch.append(contentsOf: UTF8.encode(scalar)!)
            return
        case let other where (0x21...0x7E).contains(other):
            throw ParseFailure(offset: start, message: "invalid escape '\\\(Character(Unicode.Scalar(other)))'")
        default:
            throw ParseFailure(offset: start, message: "invalid escape: '\\' must be followed by one of \" \\ / b f n r t u")
        }
        scratch.append(unescaped)
        index += 2
    }

    /// Reads `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, into one scalar.
    ///
    /// A lone surrogate is an error rather than U+FFFD: a Swift `String` cannot hold it, and
    /// silently replacing it would change the data.
    private mutating func parseUnicodeEscape() throws(ParseFailure) -> Unicode.Scalar {
        let start = index
        let unit = try hexEscapeValue(at: start)
        index += 6
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = index
            if lowStart + 1 < bytes.count, bytes[lowStart] == UInt8(ascii: "\\"), bytes[lowStart + 1] == UInt8(ascii: "u") {
                let low = try hexEscapeValue(at: lowStart)
                if (0xDC00...0xDFFF).contains(low) {
                    index += 6
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
                }
            }
            throw unpairedSurrogate(at: start)
        case 0xDC00...0xDFFF:
            throw unpairedSurrogate(at: start)
        default:
            return Unicode.Scalar(unit)!
        }
    }

    /// The value of the four hex digits of the `\u` escape at `start`.
    private func hexEscapeValue(at start: Int) throws(ParseFailure) -> UInt32 {
        var value: UInt32 = 0
        for offset in start + 2..<start + 6 {
            let digit: UInt8
            switch offset < bytes.count ? bytes[offset] : 0 {
            case let byte where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte): digit = byte - UInt8(ascii: "0")
            case let byte where (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte): digit = byte - UInt8(ascii: "a") + 10
            case let byte where (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte): digit = byte - UInt8(ascii: "A") + 10
            default: throw ParseFailure(offset: start, message: "invalid escape '\\u': expected four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func unpairedSurrogate(at start: Int) -> ParseFailure {
        let escape = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + 6]), as: UTF8.self)
        return ParseFailure(offset: start, message: "unpaired surrogate '\(escape)' (a \\u escape for U+D800...U+DFFF must be a high-low pair)")
    }

    /// Checks the multi-byte UTF-8 sequence at `index` and returns its length.
    ///
    /// The ranges are those of the Unicode standard's table 3-7 (well-formed UTF-8): no
    /// overlong forms, no surrogates, nothing above U+10FFFF.
    private func validateUTF8Sequence() throws(ParseFailure) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw ParseFailure(offset: index, message: "invalid UTF-8 byte \(Self.hex(lead)) in string")
        }
        guard index + length <= bytes.count,
            secondRange.contains(bytes[index + 1]),
            (index + 2..<index + length).allSatisfy({ (0x80...0xBF).contains(bytes[$0]) })
        else {
            throw ParseFailure(offset: index, message: "invalid UTF-8 sequence starting with byte \(Self.hex(lead)) in string")
        }
        return length
    }

    /// `U+000A` style name of a scalar.
    static func scalarName(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `0xFF` style name of a byte.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
