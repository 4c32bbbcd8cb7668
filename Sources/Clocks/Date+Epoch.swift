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
    public var iso8601Milliseconds: String {
        let milliseconds = epochMilliseconds
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = Int(milliseconds - seconds * 1000)
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        return String(whole.dropLast()) + "." + String(format: "%03d", fraction) + "Z"
    }
}
