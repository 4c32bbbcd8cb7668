import JSONValue

/// JSON text as Python's `json.dumps` writes it with its defaults, which is how Lambda's Python
/// runtime writes a function's result into the response body: `", "` between members and
/// elements, `": "` after keys, every character outside printable ASCII escaped as `\uXXXX`
/// (`ensure_ascii`), floats as `repr` writes them (`1.0`, `1e-05`, `1e+16`).
///
/// host's functions answer as that runtime does, so an Invoke response's `Content-Length` is
/// what AWS reports for the same result (recorded on AWS, docs/history.md).
public enum PythonJSON {
    public static func dumps(_ value: JSONValue) -> String {
        var text = ""
        write(value, into: &text)
        return text
    }

    private static func write(_ value: JSONValue, into text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let integer): text += String(integer)
        // Swift's shortest round-trip text agrees with Python's repr, exponents included.
        case .double(let number): text += number.isFinite ? number.description : (number.isNaN ? "NaN" : number < 0 ? "-Infinity" : "Infinity")
        case .string(let string): writeString(string, into: &text)
        case .array(let elements):
            text += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { text += ", " }
                write(element, into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { text += ", " }
                writeString(member.key, into: &text)
                text += ": "
                write(member.value, into: &text)
            }
            text += "}"
        }
    }

    /// `"…"` with `json.encoder`'s ASCII escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and
    /// `\uXXXX` (lowercase hex, UTF-16 units) for every other character outside ' '...'~'.
    private static func writeString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case " "..."~": text.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        text += "\""
    }
}
