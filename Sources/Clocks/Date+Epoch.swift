import Foundation

/// The one conversion between dates and the epoch milliseconds AWS's APIs and `host`'s store
/// use, with one rounding rule: down to the millisecond (a date never moves later, so a time
/// stamped at an event's start is never after the event).
extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded down.
    public var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    public init(epochMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Epoch seconds with three decimals, as the AWS CLI prints API dates
    /// (`1551225146.847`): the milliseconds, divided.
    public var epochSeconds: Double { Double(epochMilliseconds) / 1000 }

    /// `2019-03-26T20:14:13.192Z`: ISO 8601 in UTC with milliseconds, as Step Functions writes
    /// times (the context object's StartTime and EnteredTime); the same milliseconds as
    /// `epochMilliseconds`.
    public var iso8601Milliseconds: String { iso8601(withMilliseconds: true) }

    /// `2019-03-26T20:14:13Z`: ISO 8601 in UTC to the second, rounded down as Foundation's
    /// `ISO8601FormatStyle` rounds, as EventBridge writes an event's `time`.
    public var iso8601Seconds: String { iso8601(withMilliseconds: false) }

    private func iso8601(withMilliseconds: Bool) -> String {
        let milliseconds = epochMilliseconds
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = Int(milliseconds - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = Self.civil(days: days)
        // Every context object and status-change event has one, so this is written out rather
        // than formatted: four-digit years only, as ISO 8601 has them without a sign.
        guard (0...9999).contains(year) else {
            let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
            return withMilliseconds ? String(whole.dropLast()) + "." + String(format: "%03d", fraction) + "Z" : whole
        }
        let time = Int(seconds - days * 86_400)
        var text: [UInt8] = []
        text.reserveCapacity(24)
        func append(_ value: Int, digits: Int, then separator: Character) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(48 + value / divisor % 10))
                divisor /= 10
            }
            text.append(separator.asciiValue!)
        }
        append(Int(year), digits: 4, then: "-"); append(month, digits: 2, then: "-"); append(day, digits: 2, then: "T")
        append(time / 3600, digits: 2, then: ":"); append(time / 60 % 60, digits: 2, then: ":")
        if withMilliseconds {
            append(time % 60, digits: 2, then: "."); append(fraction, digits: 3, then: "Z")
        } else {
            append(time % 60, digits: 2, then: "Z")
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (day 0): the
    /// days-to-civil conversion of Howard Hinnant's "chrono-Compatible Low-Level Date
    /// Algorithms", in whole numbers.
    static func civil(days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
