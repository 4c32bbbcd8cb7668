import Foundation

/// The `--since` and `--until` values of `host logs get`, read the way `aws logs tail --since`
/// reads them: a relative time (`30s`, `10m`, `2h`, `1d`, `1w`) or an ISO 8601 timestamp.
///
/// aws-cli: "The value provided can be an ISO 8601 timestamp or a relative time. For relative
/// times, provide a number and a single unit. Supported units include: s - seconds, m - minutes,
/// h - hours, d - days, w - weeks ... Note that multiple units are not supported (i.e. 5h30m)".
public enum LogTimeSpec {
    /// The time `text` names, with relative times counted back from `now`.
    public static func parse(_ text: String, now: Date) throws(LogTimeSpecError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = try relativeSeconds(trimmed, original: text) {
            return now.addingTimeInterval(-seconds)
        }
        return try absolute(trimmed, original: text)
    }

    private static let unitSeconds: [Character: Double] = [
        "s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800,
    ]

    /// aws-cli's `(?P<amount>\d+)(?P<unit>s|m|h|d|w)$`; nil when `text` is not of that shape.
    private static func relativeSeconds(_ text: String, original: String) throws(LogTimeSpecError) -> Double? {
        guard let unit = text.last, let multiplier = unitSeconds[unit] else { return nil }
        let amount = text.dropLast()
        guard !amount.isEmpty, amount.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            // `5h30m` ends in a unit but is not one amount and one unit; say so plainly.
            if amount.contains(where: { unitSeconds[$0] != nil }) && amount.first?.isNumber == true {
                throw LogTimeSpecError(value: original, reason: "combined units are not supported")
            }
            return nil
        }
        guard let count = Double(amount), count * multiplier < 1e12 else {
            throw LogTimeSpecError(value: original, reason: "the amount is too large")
        }
        return count * multiplier
    }

    /// `YYYY-MM-DD`, optionally followed by `T` (or a blank) and `hh:mm[:ss[.fff]]`, and an
    /// optional `Z`, `±hh:mm`, `±hhmm` or `±hh`.
    ///
    /// A date alone is midnight UTC, and a time without an offset is UTC too: aws-cli turns a
    /// timestamp without a zone into epoch milliseconds with botocore's `datetime2timestamp`,
    /// whose default time zone is UTC.
    private static func absolute(_ text: String, original: String) throws(LogTimeSpecError) -> Date {
        var reader = Reader(Array(text.utf8))
        func fail(_ reason: String? = nil) -> LogTimeSpecError { LogTimeSpecError(value: original, reason: reason) }
        guard let year = reader.digits(4), reader.take("-"), let month = reader.digits(2), reader.take("-"),
            let day = reader.digits(2)
        else { throw fail() }
        guard (1...12).contains(month) else { throw fail("month \(month) does not exist") }
        guard (1...daysIn(month: month, year: year)).contains(day) else {
            throw fail("day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month)")
        }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if reader.isAtEnd { return Date(timeIntervalSince1970: seconds) }

        guard reader.take("T") || reader.take("t") || reader.take(" "),
            let hour = reader.digits(2), reader.take(":"), let minute = reader.digits(2)
        else { throw fail() }
        var second = 0.0
        if reader.take(":") {
            guard let whole = reader.digits(2) else { throw fail() }
            second = Double(whole)
            if reader.take(".") || reader.take(",") {
                let fraction = reader.digitRun()
                guard !fraction.isEmpty, let value = Double("0." + fraction) else { throw fail() }
                second += value
            }
        }
        guard hour < 24, minute < 60, second < 60 else { throw fail("the time of day is out of range") }
        seconds += Double(hour * 3_600 + minute * 60) + second

        if reader.take("Z") || reader.take("z") {
            // UTC.
        } else if let sign = reader.sign() {
            guard let hours = reader.digits(2) else { throw fail() }
            _ = reader.take(":")
            let minutes = reader.digits(2) ?? 0
            guard hours < 24, minutes < 60 else { throw fail("the UTC offset is out of range") }
            seconds -= Double(sign * (hours * 3_600 + minutes * 60))
        }
        guard reader.isAtEnd else { throw fail() }
        return Date(timeIntervalSince1970: seconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm),
    /// so parsing needs no calendar, locale or time zone from the machine.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A cursor over ASCII bytes.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }

        mutating func digitRun() -> String {
            let start = index
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }
    }
}

/// A `--since`/`--until` value that is neither a relative time nor an ISO 8601 timestamp.
public struct LogTimeSpecError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The value as it was given.
    public let value: String
    /// What in particular is wrong, when more is known than the shape being wrong.
    public let reason: String?

    /// Creates an error for `value`, with a particular `reason` if there is one.
    public init(value: String, reason: String? = nil) {
        self.value = value
        self.reason = reason
    }

    /// Names the value, what is wrong, and the forms that are accepted.
    public var description: String {
        "invalid time '\(value)'\(reason.map { ": \($0)" } ?? ""); expected a relative time (a number and "
            + "one unit: s, m, h, d or w, e.g. 30s, 10m, 2h, 1d, 1w) or an ISO 8601 timestamp "
            + "(e.g. 2024-01-01, 2024-01-01T10:00:00Z, 2024-01-01T10:00:00.250+02:00)"
    }
}
