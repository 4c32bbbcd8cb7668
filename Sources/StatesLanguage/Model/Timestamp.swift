/// An instant written as ASL requires: "These are strings which MUST conform to the RFC3339
/// profile of ISO 8601, with the further restrictions that an uppercase "T" character MUST be
/// used to separate date and time, and an uppercase "Z" character MUST be present in the absence
/// of a numeric time zone offset, for example "2016-03-14T01:59:00Z"."
///
/// Two timestamps are equal when they are the same instant, whatever their offsets
/// (`2016-03-14T01:59:00Z` equals `2016-03-14T02:59:00+01:00`), and they order by instant.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text it was parsed from (or formatted as).
    public let text: String
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    public let secondsSince1970: Int64
    /// The fraction of the second, 0..<1,000,000,000.
    public let nanoseconds: Int32

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`; nil for anything else, such as
    /// a missing offset (`2016-12-05T21:29:29`), a lowercase `t`/`z` or an impossible date.
    public init?(_ text: String) {
        guard let (seconds, nanos) = Self.parse(Array(text.utf8)) else { return nil }
        self.text = text
        secondsSince1970 = seconds
        nanoseconds = nanos
    }

    /// The instant `secondsSince1970` (+ `nanoseconds`), written in UTC.
    public init(secondsSince1970: Int64, nanoseconds: Int32 = 0) {
        self.secondsSince1970 = secondsSince1970
        self.nanoseconds = nanoseconds
        text = Self.format(secondsSince1970, nanoseconds)
    }

    public var description: String { text }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 == rhs.secondsSince1970 && lhs.nanoseconds == rhs.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSince1970)
        hasher.combine(nanoseconds)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSince1970, lhs.nanoseconds) < (rhs.secondsSince1970, rhs.nanoseconds)
    }

    private static func parse(_ b: [UInt8]) -> (Int64, Int32)? {
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for byte in b[start..<start + count] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ i: Int, is c: Unicode.Scalar) -> Bool { i < b.count && b[i] == UInt8(ascii: c) }
        guard let year = digits(0, 4), byte(4, is: "-"), let month = digits(5, 2), byte(7, is: "-"),
            let day = digits(8, 2), byte(10, is: "T"), let hour = digits(11, 2), byte(13, is: ":"),
            let minute = digits(14, 2), byte(16, is: ":"), let second = digits(17, 2),
            (1...12).contains(month), (1...daysIn(month, of: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var nanos = 0
        if byte(i, is: ".") {
            i += 1
            var count = 0
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                guard count < 9 else { return nil }
                nanos = nanos * 10 + Int(b[i] - UInt8(ascii: "0"))
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { nanos *= 10 }
        }
        var offset = 0
        if byte(i, is: "Z") {
            i += 1
        } else if byte(i, is: "+") || byte(i, is: "-") {
            guard let oh = digits(i + 1, 2), byte(i + 3, is: ":"), let om = digits(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return (seconds, Int32(nanos))
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
    /// `days_from_civil`).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (H. Hinnant's `civil_from_days`).
    private static func format(_ seconds: Int64, _ nanos: Int32) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if nanos > 0 {
            var fraction = pad(Int(nanos), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }
}
