import JSONValue

/// How AWS's Java service prints values where it does not write JSON: in `States.Format`
/// (Java's `String.valueOf` of the parsed value) and inside Jayway's error messages.
///
/// Recorded from AWS (LocalStack's snapshot `test_generic.snapshot.json`, `test_format_2`):
/// `States.Format('… fst={} …', $.fst)` with `{"Arg1": 1, "Arg2": []}` gives
/// `fst={Arg1=1, Arg2=[]}`, Java's `Map.toString`; `1.1` gives `1.1`; `null` gives `null`.
enum JavaText {
    /// The JSON provider Jayway uses unless told otherwise, named in its messages. AWS's own
    /// choice is not documented (unsure); this is Jayway's default.
    static let jsonProvider = "com.jayway.jsonpath.spi.json.JsonSmartJsonProvider"

    /// Java's `String.valueOf` of the value as a Java object: strings without quotes,
    /// objects as `{key=value, …}`, arrays as `[a, b]`, doubles as `Double.toString`.
    static func string(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let integer): String(integer)
        case .double(let number): doubleString(number)
        case .string(let text): text
        case .array(let elements): "[" + elements.map(string(of:)).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.map { "\($0.key)=\(string(of: $0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// The Java class JsonSmart parses a value into, as Jayway's messages name it.
    static func className(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "java.lang.Boolean"
        case .int(let integer): Int32(exactly: integer) == nil ? "java.lang.Long" : "java.lang.Integer"
        case .double: "java.lang.Double"
        case .string: "java.lang.String"
        case .array: "net.minidev.json.JSONArray"
        case .object: "net.minidev.json.JSONObject"
        }
    }

    /// Java's `Double.toString`: the shortest digits that read back as the same double,
    /// written plainly with at least one fraction digit when 10^-3 <= |d| < 10^7
    /// (`100.0`, `0.001`), otherwise as `d.dddE±n` (`1.0E7`, `1.5E-4`).
    static func doubleString(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "-Infinity" : "Infinity") }
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        let sign = number < 0 ? "-" : ""
        let (digits, pointPosition) = shortestDigits(abs(number))
        let magnitude = abs(number)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if pointPosition <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
            }
            let integerDigits = digits + String(repeating: "0", count: max(0, pointPosition - digits.count))
            let integerPart = integerDigits.prefix(pointPosition)
            let fraction = integerDigits.dropFirst(pointPosition)
            return sign + integerPart + "." + (fraction.isEmpty ? "0" : fraction)
        }
        let fraction = digits.dropFirst()
        return sign + digits.prefix(1) + "." + (fraction.isEmpty ? "0" : fraction) + "E" + String(pointPosition - 1)
    }

    /// The shortest round-trip decimal digits of a positive finite double (no leading or
    /// trailing zeros) and where the decimal point goes: the value is 0.DIGITS × 10^point.
    /// Swift's `description` already prints the shortest round-trip digits.
    private static func shortestDigits(_ number: Double) -> (digits: String, point: Int) {
        let text = number.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerPart = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0]
        var digits = Array(mantissa.filter { $0 != "." })
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), point)
    }
}
