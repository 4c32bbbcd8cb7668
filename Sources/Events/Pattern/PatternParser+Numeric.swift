import JSONValue

/// Numbers as EventBridge compares them.
///
/// "Numeric matching is limited to value between -5.0e9 and +5.0e9 inclusive, with 15 digits of
/// precision, that is to say 6 digits to the right of the decimal point." (event-ruler README; the
/// older EventBridge guide said ±1.0e9, today's engine enforces ±5.0e9.) A number is kept as an
/// integer count of millionths, so comparisons are exact.
enum ComparableNumber {
    /// The largest magnitude, 5.0e9.
    static let limit: Double = 5e9
    /// `limit` in millionths.
    static let maximum: Int64 = 5_000_000_000_000_000
    /// event-ruler's message for a number outside the range (Java prints 5e9 as `5.0E9`).
    static let rangeMessage = "Value must be between -5.0E9 and 5.0E9, inclusive"
    /// event-ruler's message for a number with more than six decimals.
    static let precisionMessage = "Only values upto 6 decimals are supported"

    /// A number written in a pattern, in millionths; AWS rejects one outside the range or with
    /// more than six decimals.
    static func pattern(_ value: JSONValue) -> Result<Int64, PatternProblem> {
        switch value {
        case .int(let integer):
            guard integer.magnitude <= 5_000_000_000 else { return .failure(PatternProblem(rangeMessage)) }
            return .success(integer * 1_000_000)
        case .double(let number):
            guard decimals(of: number) <= 6 else { return .failure(PatternProblem(precisionMessage)) }
            guard number.magnitude <= limit else { return .failure(PatternProblem(rangeMessage)) }
            return .success(Int64((number * 1_000_000).rounded()))
        default:
            return .failure(PatternProblem(rangeMessage))
        }
    }

    /// A number in an event, in millionths rounded to six decimals; nil outside the range, where
    /// numeric matching does not apply.
    static func event(_ value: JSONValue) -> Int64? {
        switch value {
        case .int(let integer) where integer.magnitude <= 5_000_000_000:
            return integer * 1_000_000
        case .double(let number) where number.magnitude <= limit:
            return Int64((number * 1_000_000).rounded())
        default:
            return nil
        }
    }

    /// The digits after the decimal point in the shortest text that reads back as `number`
    /// (`0.1` has 1, `1e-07` has 7, `301.8` has 1, `5.0` has 0): what the author wrote, in all
    /// but contrived cases. The parser keeps no number text, so it is rebuilt this way.
    static func decimals(of number: Double) -> Int {
        guard number.isFinite else { return 0 }
        let text = "\(number)".lowercased()
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var fraction = Substring("")
        if let dot = parts[0].firstIndex(of: ".") { fraction = parts[0][parts[0].index(after: dot)...] }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return max(0, fraction.count - exponent)
    }
}

extension PatternParser {
    /// `{"numeric": [">", 0, "<=", 5]}`: "at most one lower and one upper bound", lower first;
    /// `"="` stands alone.
    ///
    /// "Numeric matching works with values that are JSON numbers." (Content filtering in Amazon
    /// EventBridge event patterns) The checks and their wording follow event-ruler: AWS answers
    /// `[">", 0, ">", 0]` with "Bad numeric range operator: >" and `[">", 0, "<"]` with
    /// "Value of < must be numeric".
    mutating func parseNumeric(_ operand: JSONValue, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard case .array(let items) = operand else {
            report("Value of numeric must be an array.", at: path)
            return nil
        }
        // `.none`, not `nil`: JSONValue is ExpressibleByNilLiteral, so `nil` here would be `.null`.
        let item = { (index: Int) -> JSONValue? in items.indices.contains(index) ? .some(items[index]) : .none }
        guard case .string(let op)? = item(0) else {
            report("Invalid member in numeric match: \(Self.tokenText(item(0)))", at: path + [.index(0)])
            return nil
        }
        guard ["=", ">", ">=", "<", "<="].contains(op) else {
            report("Unrecognized numeric range operator: \(op)", at: path + [.index(0)])
            return nil
        }
        guard let first = numericOperand(item(1), of: op, at: path + [.index(1)]) else { return nil }
        let minimum = -ComparableNumber.maximum
        let maximum = ComparableNumber.maximum

        switch op {
        case "=":
            guard items.count <= 2 else { return tooMany("Too many elements in numeric expression", at: path + [.index(2)]) }
            return comparable(first, at: path + [.index(1)]).map { .numeric(.equal(to: $0)) }
        case "<", "<=":
            guard items.count <= 2 else { return tooMany("Too many elements in numeric expression", at: path + [.index(2)]) }
            return range(lower: .int(minimum / 1_000_000), lowerOpen: false, upper: first, upperOpen: op == "<", at: path + [.index(1)])
        default:
            guard items.count > 2 else {
                return range(lower: first, lowerOpen: op == ">", upper: .int(maximum / 1_000_000), upperOpen: false, at: path + [.index(1)])
            }
            guard case .string(let upperOp) = items[2] else {
                report("Bad value in numeric range: \(Self.tokenText(items[2]))", at: path + [.index(2)])
                return nil
            }
            guard upperOp == "<" || upperOp == "<=" else {
                report("Bad numeric range operator: \(upperOp)", at: path + [.index(2)])
                return nil
            }
            guard let second = numericOperand(item(3), of: upperOp, at: path + [.index(3)]) else { return nil }
            guard items.count <= 4 else { return tooMany("Too many terms in numeric range expression", at: path + [.index(4)]) }
            return range(lower: first, lowerOpen: op == ">", upper: second, upperOpen: upperOp == "<", at: path + [.index(1)])
        }
    }

    /// The operand after `op`, which must be a number.
    private mutating func numericOperand(_ value: JSONValue?, of op: String, at path: [JSONPathComponent]) -> JSONValue? {
        guard let value, value.doubleValue != nil else {
            report("Value of \(op == "=" ? "equals" : op) must be numeric", at: path)
            return nil
        }
        return value
    }

    /// A range from two operands; event-ruler checks "Bottom must be less than top" before it
    /// converts the bounds, so `[">", 5e9]` (bottom 5e9, implicit top 5e9) is rejected too.
    private mutating func range(lower: JSONValue, lowerOpen: Bool, upper: JSONValue, upperOpen: Bool, at path: [JSONPathComponent]) -> ValueMatcher? {
        guard let low = lower.doubleValue, let high = upper.doubleValue, low < high else {
            report("Bottom must be less than top", at: path)
            return nil
        }
        guard let bottom = comparable(lower, at: path), let top = comparable(upper, at: path) else { return nil }
        return .numeric(NumericRange(lower: bottom, lowerOpen: lowerOpen, upper: top, upperOpen: upperOpen))
    }

    /// A pattern number in comparable form, reporting why it cannot be one.
    mutating func comparable(_ value: JSONValue, at path: [JSONPathComponent]) -> Int64? {
        switch ComparableNumber.pattern(value) {
        case .success(let number): return number
        case .failure(let problem):
            report(problem.message, at: path)
            return nil
        }
    }

    private mutating func tooMany(_ message: String, at path: [JSONPathComponent]) -> ValueMatcher? {
        report(message, at: path)
        return nil
    }

    /// How Jackson's `getText()` shows a token in event-ruler's messages: a container by its
    /// opening bracket, a missing element by the closing one.
    static func tokenText(_ value: JSONValue?) -> String {
        switch value {
        case .none: return "]"
        case .array?: return "["
        case .object?: return "{"
        case .string(let text)?: return text
        case let scalar?: return scalar.compactString()
        }
    }
}

/// A problem found by a helper that does not know where its input sits in the pattern.
struct PatternProblem: Error, Sendable, Equatable {
    /// AWS's reason, e.g. "Consecutive wildcard characters at pos 3".
    var message: String
    init(_ message: String) { self.message = message }
}
