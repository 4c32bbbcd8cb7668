extension DateTimePicture {
    /// `$fromMillis(millis, picture, timezone)`: ISO 8601 when there is no picture; the
    /// timezone is `±HHMM`, read as jsonata-js reads it (`parseInt`, then hundreds are hours).
    static func format(millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
        var offsetHours = 0.0, offsetMinutes = 0.0
        if let timezone, let offset = leadingInteger(timezone) {
            offsetHours = (offset / 100).rounded(.down)
            offsetMinutes = offset.truncatingRemainder(dividingBy: 100)
        }
        let spec = try DateTimePicture(picture ?? iso8601)
        let shifted = millis + (60 * offsetHours + offsetMinutes) * 60_000
        var result = ""
        for part in spec.parts {
            switch part {
            case .literal(let text): result += text
            case .marker(let marker):
                result += try formatComponent(shifted, marker, offsetHours: offsetHours, offsetMinutes: offsetMinutes)
            }
        }
        return result
    }

    /// JavaScript's `parseInt(text)`: optional sign and leading digits, after spaces.
    static func leadingInteger(_ text: String) -> Double? {
        var s = Substring(text.drop { $0 == " " })
        var sign = 1.0
        if s.first == "+" || s.first == "-" {
            if s.first == "-" { sign = -1 }
            s = s.dropFirst()
        }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard let value = Double(digits) else { return nil }
        return sign * value
    }

    private static func formatComponent(_ millis: Double, _ marker: Marker, offsetHours: Double, offsetMinutes: Double) throws(JSONataError) -> String {
        let component = marker.component
        let value = fragment(millis, component)
        if "YMDdFWwXxHhms".contains(component) {
            guard case .number(var number) = value else { return "" }
            if component == "Y" && marker.n != -1 {
                number = number.truncatingRemainder(dividingBy: Double.pow(10, Double(marker.n)))
            }
            if let names = marker.names {
                var name: String
                if component == "M" || component == "x" {
                    name = months[Int(number) - 1]
                } else if component == "F" {
                    name = days[Int(number)]
                } else {
                    throw JSONataError("D3133", value: NumberText.quoted(String(component)))
                }
                if names == .upper { name = name.uppercased() } else if names == .lower { name = name.lowercased() }
                if marker.hasWidth, let maximum = marker.widthMax, name.count > maximum { name = String(name.prefix(maximum)) }
                return name
            }
            return try marker.integerFormat?.format(number) ?? ""
        }
        if component == "f" {
            guard case .number(let number) = value else { return "" }
            return try marker.integerFormat?.format(number) ?? ""
        }
        if component == "Z" || component == "z" {
            let offset = offsetHours * 100 + offsetMinutes
            guard let format = marker.integerFormat else { return "" }
            var text: String
            if format.regularGroup > 0 {
                text = try format.format(offset)
            } else {
                let digits = format.mandatoryDigits
                if digits == 1 || digits == 2 {
                    text = try format.format(offsetHours)
                    if offsetMinutes != 0 { text += ":" + (try IntegerPicture("00").format(offsetMinutes)) }
                } else if digits == 3 || digits == 4 {
                    text = try format.format(offset)
                } else {
                    throw JSONataError("D3134", value: String(digits))
                }
            }
            if offset >= 0 { text = "+" + text }
            if component == "z" { text = "GMT" + text }
            if offset == 0 && marker.presentation2 == "t" { text = "Z" }
            return text
        }
        if component == "P", case .string(let s) = value {
            return marker.names == .upper ? s.uppercased() : s
        }
        if case .string(let s) = value { return s }
        return ""
    }

    /// The value of one component of an instant (jsonata-js's `getDateTimeFragment`).
    static func fragment(_ millis: Double, _ component: Character) -> Value {
        let t = CivilTime(millis: millis)
        switch component {
        case "Y": return .number(Double(t.year))
        case "M": return .number(Double(t.month))
        case "D": return .number(Double(t.day))
        case "d":
            let today = CivilTime.utc(Double(t.year), Double(t.month - 1), Double(t.day))
            let firstJan = CivilTime.utc(Double(t.year), 0)
            return .number((today - firstJan) / CivilTime.millisPerDay + 1)
        case "F": return .number(Double(t.weekday == 0 ? 7 : t.weekday))
        case "W":
            let startOfWeek1 = startOfFirstWeek(t.year, 0)
            let today = CivilTime.utc(Double(t.year), Double(t.month - 1), Double(t.day))
            var week = (today - startOfWeek1) / (CivilTime.millisPerDay * 7) + 1
            if week > 52 {
                if today >= startOfFirstWeek(t.year + 1, 0) { week = 1 }
            } else if week < 1 {
                week = (today - startOfFirstWeek(t.year - 1, 0)) / (CivilTime.millisPerDay * 7) + 1
            }
            return .number(week.rounded(.down))
        case "w":
            let startOfWeek1 = startOfFirstWeek(t.year, t.month - 1)
            let today = CivilTime.utc(Double(t.year), Double(t.month - 1), Double(t.day))
            var week = (today - startOfWeek1) / (CivilTime.millisPerDay * 7) + 1
            if week > 4 {
                let (ny, nm) = t.month == 12 ? (t.year + 1, 0) : (t.year, t.month)
                if today >= startOfFirstWeek(ny, nm) { week = 1 }
            } else if week < 1 {
                let (py, pm) = t.month == 1 ? (t.year - 1, 11) : (t.year, t.month - 2)
                week = (today - startOfFirstWeek(py, pm)) / (CivilTime.millisPerDay * 7) + 1
            }
            return .number(week.rounded(.down))
        case "X":
            let start = startOfFirstWeek(t.year, 0), end = startOfFirstWeek(t.year + 1, 0)
            if millis < start { return .number(Double(t.year - 1)) }
            if millis >= end { return .number(Double(t.year + 1)) }
            return .number(Double(t.year))
        case "x":
            let start = startOfFirstWeek(t.year, t.month - 1)
            let (ny, nm) = t.month == 12 ? (t.year + 1, 0) : (t.year, t.month)
            let end = startOfFirstWeek(ny, nm)
            if millis < start { return .number(Double(t.month == 1 ? 12 : t.month - 1)) }
            if millis >= end { return .number(Double(nm + 1)) }
            return .number(Double(t.month))
        case "H": return .number(Double(t.hour))
        case "h":
            let h = t.hour % 12
            return .number(Double(h == 0 ? 12 : h))
        case "P": return .string(t.hour >= 12 ? "pm" : "am")
        case "m": return .number(Double(t.minute))
        case "s": return .number(Double(t.second))
        case "f": return .number(Double(t.millisecond))
        case "C", "E": return .string("ISO")
        default: return .undefined
        }
    }

    /// The Monday that starts week 1 of a year or month: the week holding its first Thursday.
    static func startOfFirstWeek(_ year: Int, _ monthIndex: Int) -> Double {
        let first = CivilTime.utc(Double(year), Double(monthIndex))
        var weekday = CivilTime(millis: first).weekday
        if weekday == 0 { weekday = 7 }
        return weekday > 4 ? first + Double(8 - weekday) * CivilTime.millisPerDay : first - Double(weekday - 1) * CivilTime.millisPerDay
    }
}
