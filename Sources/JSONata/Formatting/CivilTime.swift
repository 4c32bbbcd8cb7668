/// UTC calendar fields of an instant in epoch milliseconds, and back, as JavaScript's `Date`
/// (`getUTC...` and `Date.UTC`) compute them: proleptic Gregorian calendar, no leap seconds.
struct CivilTime {
    var year: Int
    /// 1...12
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int
    /// 0 is Sunday, as `getUTCDay`.
    var weekday: Int

    static let millisPerDay = 86_400_000.0

    init(millis: Double) {
        let days = (millis / Self.millisPerDay).rounded(.down)
        var rest = Int(millis - days * Self.millisPerDay)
        let (y, m, d) = Self.civil(fromDays: Int(days))
        (year, month, day) = (y, m, d)
        hour = rest / 3_600_000
        rest %= 3_600_000
        minute = rest / 60_000
        rest %= 60_000
        second = rest / 1000
        millisecond = rest % 1000
        weekday = ((Int(days) % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    }

    /// `Date.UTC(year, monthIndex, day, hours, minutes, seconds, ms)`; months out of range
    /// carry into years, and the rest into days, as JavaScript's MakeDay and MakeTime do.
    static func utc(_ year: Double, _ monthIndex: Double, _ day: Double = 1, _ hour: Double = 0, _ minute: Double = 0,
                    _ second: Double = 0, _ millisecond: Double = 0) -> Double {
        let values = [year, monthIndex, day, hour, minute, second, millisecond]
        guard values.allSatisfy(\.isFinite) else { return .nan }
        let ym = year + (monthIndex / 12).rounded(.down)
        let mn = monthIndex.truncatingRemainder(dividingBy: 12)
        let month = mn < 0 ? mn + 12 : mn
        let days = Double(daysFromCivil(Int(ym), Int(month) + 1, 1)) + day.rounded(.towardZero) - 1
        let time = hour.rounded(.towardZero) * 3_600_000 + minute.rounded(.towardZero) * 60_000
            + second.rounded(.towardZero) * 1000 + millisecond.rounded(.towardZero)
        return days * millisPerDay + time
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
