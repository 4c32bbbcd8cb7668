import Foundation

/// A DynamoDB number: a decimal of up to 38 significant digits, exact (no binary floating
/// point), so `0.1 + 0.2` is `0.3` as it is in DynamoDB.
///
/// "Numbers can have up to 38 digits of precision ... Positive range: 1E-130 to
/// 9.9999999999999999999999999999999999999E+125" (DynamoDB developer guide, Data types).
struct DynamoNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Below zero.
    var negative: Bool
    /// The significant digits (0...9), without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// The value is `0.d1d2d3... × 10^exponent`: the number of digits before the point.
    var exponent: Int

    static let zero = DynamoNumber(negative: false, digits: [], exponent: 0)

    /// A number from its normalized parts.
    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Why a text is no DynamoDB number, in DynamoDB's words.
    enum Problem: Error, Equatable {
        case notANumber
        case tooPrecise
        case overflow
        case underflow

        var message: String {
            switch self {
            case .notANumber: "The parameter cannot be converted to a numeric value"
            case .tooPrecise: "Attempting to store more than 38 significant digits in a Number"
            case .overflow: "Number overflow. Attempting to store a number with magnitude larger than supported range"
            case .underflow: "Number underflow. Attempting to store a number with magnitude smaller than supported range"
            }
        }
    }

    /// Parses `-12.5`, `1e3`, `+0.50`; no spaces, no `NaN` or `Infinity`.
    init(parsing text: String) throws(Problem) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var all: [UInt8] = []
        var pointAt: Int?
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard pointAt == nil else { throw .notANumber }
                pointAt = all.count
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                all.append(byte - UInt8(ascii: "0"))
            } else {
                throw .notANumber
            }
        }
        guard !all.isEmpty else { throw .notANumber }
        var power = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.count < 10,
                  bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let value = Int(String(decoding: bytes, as: UTF8.self))
            else { throw .notANumber }
            power = exponentNegative ? -value : value
        }
        self.init(negative: negative, unnormalized: all, exponent: (pointAt ?? all.count) + power)
        try checkRange()
    }

    /// A whole number.
    init(_ value: Int) {
        let digits = String(value.magnitude).utf8.map { $0 - UInt8(ascii: "0") }
        self.init(negative: value < 0, unnormalized: digits, exponent: digits.count)
    }

    /// Strips zeros from both ends of `digits` (whose point sits after `exponent` digits).
    init(negative: Bool, unnormalized digits: [UInt8], exponent: Int) {
        guard let first = digits.firstIndex(where: { $0 != 0 }), let last = digits.lastIndex(where: { $0 != 0 }) else {
            self = .zero
            return
        }
        self.negative = negative
        self.digits = Array(digits[first...last])
        self.exponent = exponent - first
    }

    /// Throws when DynamoDB could not store this number.
    func checkRange() throws(Problem) {
        guard !digits.isEmpty else { return }
        if digits.count > 38 { throw .tooPrecise }
        // 1E-130 is 0.1 × 10^-129; 9.99…E+125 is 0.999… × 10^126.
        if exponent > 126 { throw .overflow }
        if exponent < -129 { throw .underflow }
    }

    /// Plain decimal notation, as DynamoDB returns numbers: no exponent, no trailing zeros.
    var description: String {
        guard !digits.isEmpty else { return "0" }
        let text = digits.map { Character(Unicode.Scalar($0 + 48)) }
        var result = negative ? "-" : ""
        if exponent <= 0 {
            result += "0." + String(repeating: "0", count: -exponent) + String(text)
        } else if exponent >= digits.count {
            result += String(text) + String(repeating: "0", count: exponent - digits.count)
        } else {
            result += String(text[..<exponent]) + "." + String(text[exponent...])
        }
        return result
    }

    static func < (a: DynamoNumber, b: DynamoNumber) -> Bool {
        if a.negative != b.negative { return a.negative }
        return a.negative ? magnitudeLess(b, a) : magnitudeLess(a, b)
    }

    private static func magnitudeLess(_ a: DynamoNumber, _ b: DynamoNumber) -> Bool {
        if a.digits.isEmpty || b.digits.isEmpty { return a.digits.isEmpty && !b.digits.isEmpty }
        if a.exponent != b.exponent { return a.exponent < b.exponent }
        return a.digits.lexicographicallyPrecedes(b.digits)
    }

    static prefix func - (value: DynamoNumber) -> DynamoNumber {
        value.digits.isEmpty ? value : DynamoNumber(negative: !value.negative, digits: value.digits, exponent: value.exponent)
    }

    static func - (a: DynamoNumber, b: DynamoNumber) -> DynamoNumber { a + -b }

    /// The exact sum (its precision is checked where it is stored).
    static func + (a: DynamoNumber, b: DynamoNumber) -> DynamoNumber {
        if a.digits.isEmpty { return b }
        if b.digits.isEmpty { return a }
        // Both as integers of digits scaled by 10^scale, with the smaller scale.
        let scale = min(a.exponent - a.digits.count, b.exponent - b.digits.count)
        let x = a.digits + Array(repeating: 0, count: a.exponent - a.digits.count - scale)
        let y = b.digits + Array(repeating: 0, count: b.exponent - b.digits.count - scale)
        if a.negative == b.negative {
            let sum = addMagnitudes(x, y)
            return DynamoNumber(negative: a.negative, unnormalized: sum, exponent: sum.count + scale)
        }
        let aLarger = compareMagnitudes(x, y) >= 0
        let difference = aLarger ? subtractMagnitudes(x, y) : subtractMagnitudes(y, x)
        return DynamoNumber(negative: aLarger ? a.negative : b.negative, unnormalized: difference,
                            exponent: difference.count + scale)
    }

    private static func addMagnitudes(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var i = x.count - 1, j = y.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let total = (i >= 0 ? x[i] : 0) + (j >= 0 ? y[j] : 0) + carry
            result.append(total % 10)
            carry = total / 10
            i -= 1
            j -= 1
        }
        return result.reversed()
    }

    /// `x - y` for `x >= y`.
    private static func subtractMagnitudes(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var result = x
        var borrow: Int = 0
        var j = y.count - 1
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            var value = Int(x[i]) - borrow - (j >= 0 ? Int(y[j]) : 0)
            borrow = value < 0 ? 1 : 0
            if value < 0 { value += 10 }
            result[i] = UInt8(value)
            j -= 1
        }
        return result
    }

    private static func compareMagnitudes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        let x = x.drop { $0 == 0 }, y = y.drop { $0 == 0 }
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (a, b) in zip(x, y) where a != b { return a < b ? -1 : 1 }
        return 0
    }

    /// Bytes whose order (memcmp, then length) is the numbers' order, for sort keys: negative
    /// numbers below zero below positive ones; within a sign, by exponent, then by digits.
    var orderedBytes: Data {
        guard !digits.isEmpty else { return Data([0x01]) }
        let biased = UInt16(exponent + 1000)
        if !negative {
            return Data([0x02, UInt8(biased >> 8), UInt8(biased & 0xFF)] + digits)
        }
        // Complemented, so that a larger magnitude sorts first; the 0xFF terminator puts
        // -0.12 after -0.125 (a prefix must sort last among negatives).
        return Data([0x00, ~UInt8(biased >> 8), ~UInt8(biased & 0xFF)] + digits.map { 9 - $0 } + [0xFF])
    }
}
