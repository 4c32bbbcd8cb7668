extension Functions {
    static var dates: [Definition] { [
        ("now", "<s?s?:s>", 2, { a, call throws(JSONataError) in
            var picture: String?, timezone: String?
            if case .string(let p) = argument(a, 0) { picture = p }
            if case .string(let t) = argument(a, 1) { timezone = t }
            return .string(try DateTimePicture.format(millis: call.evaluator.timestamp, picture: picture, timezone: timezone))
        }),
        ("millis", "<:n>", 0, { _, call in .number(call.evaluator.timestamp) }),
        ("fromMillis", "<n-s?s?:s>", 3, { a, _ throws(JSONataError) in
            guard case .number(let millis) = argument(a, 0) else { return .undefined }
            var picture: String?, timezone: String?
            if case .string(let p) = argument(a, 1) { picture = p }
            if case .string(let t) = argument(a, 2) { timezone = t }
            return .string(try DateTimePicture.format(millis: millis, picture: picture, timezone: timezone))
        }),
        ("toMillis", "<s-s?:n>", 2, { a, call throws(JSONataError) in
            guard case .string(let timestamp) = argument(a, 0) else { return .undefined }
            if case .string(let picture) = argument(a, 1) {
                return try DateTimePicture.parse(timestamp, picture: picture, now: call.evaluator.timestamp, evaluator: call.evaluator)
                    .map { .number($0) } ?? .undefined
            }
            guard let millis = ISOTimestamp.parse(timestamp) else {
                throw JSONataError("D3110", value: NumberText.quoted(timestamp))
            }
            return .number(millis)
        }),
    ] }
}

/// `$toMillis` without a picture: jsonata-js checks the text against its ISO 8601 pattern
/// and gives it to JavaScript's `Date.parse`, which reads a date alone, and a date and time
/// without an offset, as UTC (the time zone Step Functions runs in).
enum ISOTimestamp {
    /// Epoch milliseconds, or nil when the text is not such a timestamp (D3110).
    static func parse(_ text: String) -> Double? {
        let s = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count, s[i..<(i + n)].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            let v = s[i..<(i + n)].reduce(0) { $0 * 10 + Int($1 - 48) }
            i += n
            return v
        }
        func take(_ c: Character) -> Bool {
            if i < s.count && s[i] == c.asciiValue! { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0.0
        if take("-") {
            guard let m = digits(2), (1...12).contains(m) else { return nil }
            month = m
            if take("-") {
                guard let d = digits(2), (1...31).contains(d) else { return nil }
                day = d
            }
        }
        var offsetMinutes = 0
        if take("T") {
            guard let h = digits(2), take(":"), let mi = digits(2), take(":"), let se = digits(2) else { return nil }
            (hour, minute, second) = (h, mi, se)
            guard hour <= 24, minute <= 59, second <= 59 else { return nil }
            if take(".") {
                let start = i
                while i < s.count && s[i] >= 48 && s[i] <= 57 { i += 1 }
                guard i > start else { return nil }
                let fractionDigits = s[start..<min(i, start + 3)].map { Int($0 - 48) }
                fraction = Double(fractionDigits.reduce(0) { $0 * 10 + $1 }) * Double.pow(10, Double(3 - fractionDigits.count))
            }
            if take("Z") {
                offsetMinutes = 0
            } else if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
                let negative = s[i] == UInt8(ascii: "-")
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = take(":")
                guard let om = digits(2) else { return nil }
                offsetMinutes = (oh * 60 + om) * (negative ? -1 : 1)
            }
        } else if i < s.count {
            return nil
        }
        guard i == s.count else { return nil }
        let millis = CivilTime.utc(Double(year), Double(month - 1), Double(day), Double(hour), Double(minute), Double(second), fraction)
        return millis - Double(offsetMinutes) * 60_000
    }
}
