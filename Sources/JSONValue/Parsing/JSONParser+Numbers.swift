/// The powers of ten that are exact doubles (5^22 < 2^53).
private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

extension JSONParser {
    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    ///
    /// Without fraction or exponent and within `Int64`, it is `.int` (so `-0` is `.int(0)`, as
    /// in Jackson, which AWS uses); everything else is `.double`, including integers beyond
    /// `Int64` (rounded to the nearest double). A number too large for a double is an error.
    mutating func parseNumber() throws(ParseFailure) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard Self.isDigit(peek()) else {
            throw ParseFailure(offset: index, message: "expected a digit after '-'")
        }

        // All significant digits, integer and fraction, as long as they fit in 64 bits.
        var digits: UInt64 = 0
        var digitsOverflowed = false
        var fractionDigits = 0
        var isInteger = true

        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if Self.isDigit(peek()) {
                throw ParseFailure(offset: index, message: "leading zeros are not allowed in numbers")
            }
        } else {
            accumulateDigits(into: &digits, overflowed: &digitsOverflowed)
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard Self.isDigit(peek()) else {
                throw ParseFailure(offset: index, message: "expected a digit after '.'")
            }
            let fractionStart = index
            accumulateDigits(into: &digits, overflowed: &digitsOverflowed)
            fractionDigits = index - fractionStart
        }
        var exponent = 0
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            let negativeExponent = peek() == UInt8(ascii: "-")
            if negativeExponent || peek() == UInt8(ascii: "+") { index += 1 }
            guard Self.isDigit(peek()) else {
                throw ParseFailure(offset: index, message: "expected a digit in the exponent")
            }
            while Self.isDigit(peek()) {
                // Saturate: any exponent this large already over- or underflows a double.
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                index += 1
            }
            if negativeExponent { exponent = -exponent }
        }

        if isInteger && !digitsOverflowed {
            if !negative && digits <= UInt64(Int64.max) { return .int(Int64(digits)) }
            if negative && digits <= UInt64(Int64.max) + 1 { return .int(Int64(bitPattern: 0 &- digits)) }
        }
        if !digitsOverflowed, let value = Self.exactDouble(digits: digits, exponent: exponent - fractionDigits) {
            return .double(negative ? -value : value)
        }
        // Rare: many digits or a large exponent. The standard library rounds correctly.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw ParseFailure(offset: start, message: "number out of range")
        }
        return .double(value)
    }

    /// Reads decimal digits into `digits`, noting when they no longer fit in 64 bits.
    private mutating func accumulateDigits(into digits: inout UInt64, overflowed: inout Bool) {
        while index < bytes.count, Self.isDigit(bytes[index]) {
            let (times10, overflow1) = digits.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { overflowed = true } else { digits = sum }
            index += 1
        }
    }

    /// `digits × 10^exponent` when a single correctly rounded operation gives it exactly
    /// (Clinger's fast path: both the digits and the power of ten are exact doubles).
    private static func exactDouble(digits: UInt64, exponent: Int) -> Double? {
        guard digits <= 1 << 53, (-22...22).contains(exponent) else { return nil }
        let value = Double(digits)
        return exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
