import JSONValue

/// One test of a JSON property or a space-delimited field: an operator and the value after it.
struct Comparison: Sendable {
    enum Operator: String, Sendable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// Longest spellings first so that `<=` is not read as `<`.
        static let spellings: [Operator] = [.notEqual, .lessOrEqual, .greaterOrEqual, .equal, .less, .greater]
    }

    /// The right-hand side as written.
    enum Value: Sendable {
        /// An unquoted number: "An integer with an optional + or - sign, a decimal with an
        /// optional + or - sign, or a number in scientific notation".
        case number(PatternNumber)
        /// A quoted or unquoted string, with `*` wildcards at either end.
        case text(Glob)
        /// `%regex%`, which searches the value.
        case regex(FilterRegex)
    }

    let op: Operator
    let value: Value

    /// Tests a JSON value. Strings and numbers are value nodes; AWS: "If a property selector
    /// points to an array or object, the filter pattern won't match the log format", and
    /// neither `=` nor `!=` holds for `true`, `false` or `null`, which have `IS` tests.
    func matches(_ json: JSONValue) -> Bool {
        switch json {
        case .string(let string):
            return withBytes(of: string) { matchesText($0) }
        case .int(let integer):
            return matchesNumber(PatternNumber(value: Double(integer), integer: integer), text: String(integer))
        case .double(let double):
            return matchesNumber(PatternNumber(value: double, integer: nil), text: String(double))
        case .null, .bool, .array, .object:
            return false
        }
    }

    /// Tests the text of a space-delimited field, which compares as a number when both the
    /// field and the value read as numbers.
    func matches(field: UnsafeBufferPointer<UInt8>) -> Bool {
        if case .number(let literal) = value {
            guard let number = PatternNumber(field) else { return false }
            return compare(number, literal)
        }
        return matchesText(field)
    }

    private func matchesNumber(_ number: PatternNumber, text: String) -> Bool {
        if case .number(let literal) = value { return compare(number, literal) }
        // "Use the asterisk ("*") as a wild card to match numbers": `{ $.code = 4* }` reads the
        // number as the text it would be written as.
        return withBytes(of: text) { matchesText($0) }
    }

    private func matchesText(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let found: Bool
        switch value {
        // Numbers compare with numbers only: `{ $.code = 400 }` does not match "400".
        case .number: return false
        case .text(let glob): found = glob.matches(text)
        case .regex(let regex): found = regex.matches(text)
        }
        switch op {
        case .equal: return found
        case .notEqual: return !found
        default: return false
        }
    }

    private func compare(_ subject: PatternNumber, _ literal: PatternNumber) -> Bool {
        let order: Int
        if let left = subject.integer, let right = literal.integer {
            order = left < right ? -1 : (left == right ? 0 : 1)
        } else {
            order = subject.value < literal.value ? -1 : (subject.value == literal.value ? 0 : 1)
        }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }
}

/// A number in the syntax AWS documents for JSON numeric filters; kept exact when integral.
struct PatternNumber: Sendable {
    let value: Double
    let integer: Int64?

    init(value: Double, integer: Int64?) {
        self.value = value
        self.integer = integer
    }

    /// Reads `[+-]digits[.digits][(e|E)[+-]digits]` and nothing else.
    init?<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        var iterator = Array(bytes)[...]
        func digits() -> Int {
            let count = iterator.prefix(while: { $0 >= 48 && $0 <= 57 }).count
            iterator = iterator.dropFirst(count)
            return count
        }
        if let sign = iterator.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { iterator = iterator.dropFirst() }
        guard digits() > 0 else { return nil }
        var integral = true
        if iterator.first == UInt8(ascii: ".") {
            iterator = iterator.dropFirst()
            guard digits() > 0 else { return nil }
            integral = false
        }
        if let e = iterator.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            iterator = iterator.dropFirst()
            if let sign = iterator.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { iterator = iterator.dropFirst() }
            guard digits() > 0 else { return nil }
            integral = false
        }
        guard iterator.isEmpty else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text) else { return nil }
        self.value = value
        integer = integral ? Int64(text) : nil
    }
}

/// A string value whose leading and trailing `*` match any text.
///
/// AWS: "*Event will match PutEvent and GetEvent. Event* will match EventId and EventName.
/// Ev*ent will only match the actual string Ev*ent." So a `*` inside the value is literal.
struct Glob: Sendable {
    private let literal: [UInt8]
    private let anyBefore: Bool
    private let anyAfter: Bool

    init(_ text: String) {
        var bytes = Array(text.utf8)[...]
        anyBefore = bytes.first == UInt8(ascii: "*")
        while bytes.first == UInt8(ascii: "*") { bytes = bytes.dropFirst() }
        anyAfter = bytes.last == UInt8(ascii: "*")
        while bytes.last == UInt8(ascii: "*") { bytes = bytes.dropLast() }
        literal = Array(bytes)
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch (anyBefore, anyAfter) {
        case (true, true): return containsBytes(text, literal)
        case (true, false): return text.count >= literal.count && bytesMatch(text, text.count - literal.count, literal)
        case (false, true): return text.count >= literal.count && bytesMatch(text, 0, literal)
        case (false, false): return text.count == literal.count && bytesMatch(text, 0, literal)
        }
    }
}
