import JSONValue

/// Lambda's limits on what goes into and comes out of an invocation
/// (docs/lambda.md#payload-and-log-limits).
enum PayloadLimits {
    /// "For synchronous invocations, the maximum payload size is 6 MB" (Invoke API
    /// reference): a request over 6,291,456 bytes is refused with
    /// RequestEntityTooLargeException, "Request must be smaller than 6291456 bytes for the
    /// InvokeFunction operation".
    static let synchronousRequest = 6_291_456
    /// "For asynchronous invocations, the maximum payload size is 1 MB."
    static let asynchronousRequest = 1_048_576
    /// A response over 6,291,556 bytes fails with Function.ResponseSizeTooLarge, "Response
    /// payload size (N bytes) exceeded maximum allowed payload size (6291556 bytes)." (the
    /// figure Lambda prints: 6 MB and 100 bytes).
    static let synchronousResponse = 6_291_556
    /// CloudWatch Logs takes events of at most 256 KB; a longer line is cut there.
    static let logEvent = 262_144

    /// The bytes of the value's compact JSON text, as `compactString()` writes it, counted
    /// without writing it; counting stops once past `limit`.
    static func compactSize(of value: JSONValue, limit: Int = .max) -> Int {
        var total = 0
        count(value, into: &total, limit: limit)
        return total
    }

    private static func count(_ value: JSONValue, into total: inout Int, limit: Int) {
        guard total <= limit else { return }
        switch value {
        case .null: total += 4
        case .bool(let flag): total += flag ? 4 : 5
        case .int(let integer): total += String(integer).utf8.count
        case .double(let number): total += number.isFinite ? number.description.utf8.count : 4
        case .string(let text): total += stringSize(text)
        case .array(let elements):
            total += 2 + max(0, elements.count - 1)
            for element in elements { count(element, into: &total, limit: limit) }
        case .object(let members):
            total += 2 + max(0, members.count - 1)
            for (key, member) in members {
                total += stringSize(key) + 1
                count(member, into: &total, limit: limit)
            }
        }
    }

    /// `"text"` with JSONWriter's escapes: `\"`, `\\`, `\b \f \n \r \t`, other control
    /// characters as `\u00XX`.
    private static func stringSize(_ text: String) -> Int {
        var size = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x0C, 0x0A, 0x0D, 0x09: size += 2
            case 0..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }
}
