extension DateTimePicture {
    /// `$toMillis(timestamp, picture)`: matches the timestamp against the picture and fills
    /// in what it lacks (more significant fields from `now`, less significant ones with their
    /// lowest value), as jsonata-js's `parseDateTime` does. Undefined when it does not match.
    static func parse(_ timestamp: String, picture: String, now: Double, evaluator: Evaluator) throws(JSONataError) -> Double? {
        let spec = try DateTimePicture(picture)
        var pattern = "^"
        var parsers: [(Character, (String) -> Double?)?] = []
        for part in spec.parts {
            switch part {
            case .literal(let text):
                pattern += "(" + escape(text) + ")"
                parsers.append(nil)
            case .marker(let marker):
                let (regex, parse) = try matcher(marker)
                pattern += "(" + regex + ")"
                parsers.append((marker.component, parse))
            }
        }
        pattern += "$"
        guard let program = try? RegexProgram(pattern: pattern, flags: "i") else { return nil }
        let text = Array(timestamp.unicodeScalars)
        guard let match = try program.firstMatch(in: text, from: 0, budget: { n throws(JSONataError) in try evaluator.countSteps(n) }) else {
            return nil
        }
        var components: [Character: Double] = [:]
        for (index, parser) in parsers.enumerated() {
            guard let (component, parse) = parser, index < match.groups.count, let range = match.groups[index] else { continue }
            if let value = parse(String(String.UnicodeScalarView(text[range]))) { components[component] = value }
        }
        if components.isEmpty { return nil }

        func mask(_ letters: String) -> Int {
            letters.reduce(0) { ($0 << 1) + (components[$1] != nil ? 1 : 0) }
        }
        func isType(_ type: Int, _ m: Int) -> Bool { (~type & m) == 0 && (type & m) != 0 }
        let dateMask = mask("YXMxWwdD")
        let dateA = isType(161, dateMask)
        let dateB = !dateA && isType(130, dateMask)
        let dateC = isType(84, dateMask)
        let dateD = !dateC && isType(72, dateMask)
        let timeMask = mask("PHhmsf")
        let timeA = isType(23, timeMask)
        let timeB = !timeA && isType(47, timeMask)
        let dateComponents = dateB ? "Yd" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
        let timeComponents = timeB ? "Phmsf" : "Hmsf"
        var startSpecified = false, endSpecified = false
        for part in dateComponents + timeComponents {
            if components[part] == nil {
                if startSpecified {
                    components[part] = "MDd".contains(part) ? 1 : 0
                    endSpecified = true
                } else if case .number(let value) = fragment(now, part) {
                    components[part] = value
                } else if part == "P", case .string(let marker) = fragment(now, part) {
                    components[part] = marker == "pm" ? 1 : 0
                }
            } else {
                startSpecified = true
                if endSpecified { throw JSONataError("D3136") }
            }
        }
        var month = (components["M"] ?? 0) > 0 ? components["M"]! - 1 : 0
        var day = components["D"] ?? 1
        if dateB {
            let derived = CivilTime(millis: CivilTime.utc(components["Y"] ?? 0, 0) + ((components["d"] ?? 1) - 1) * CivilTime.millisPerDay)
            month = Double(derived.month - 1)
            day = Double(derived.day)
        }
        if dateC || dateD { throw JSONataError("D3136") }
        var hour = components["H"] ?? 0
        if timeB {
            let h = components["h"] ?? 0
            hour = h == 12 ? 0 : h
            if components["P"] == 1 { hour += 12 }
        }
        var millis = CivilTime.utc(components["Y"] ?? .nan, month, day, hour, components["m"] ?? 0, components["s"] ?? 0, components["f"] ?? 0)
        if let offset = components["Z"] ?? components["z"], offset != 0 {
            millis -= offset * 60_000
        }
        return millis
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if ".*+?^${}()|[]\\/".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    private static func matcher(_ marker: Marker) throws(JSONataError) -> (String, (String) -> Double?) {
        let component = marker.component
        if component == "Z" || component == "z" {
            var separator: String?
            if let format = marker.integerFormat, format.regularGroup > 0 { separator = format.separators.first?.character }
            var regex = component == "z" ? "GMT" : ""
            regex += "[-+][0-9]+"
            if let separator { regex += escape(separator) + "[0-9]+" }
            return (regex, { value in
                var v = Substring(value)
                if component == "z" { v = v.dropFirst(3) }
                var hours = 0.0, minutes = 0.0
                if let separator, let index = v.firstIndex(of: Character(separator)) {
                    hours = leadingInteger(String(v[..<index])) ?? .nan
                    minutes = leadingInteger(String(v[v.index(after: index)...])) ?? .nan
                } else if v.count - 1 <= 2 {
                    hours = leadingInteger(String(v)) ?? .nan
                } else {
                    hours = leadingInteger(String(v.prefix(3))) ?? .nan
                    minutes = leadingInteger(String(v.dropFirst(3))) ?? .nan
                }
                return hours * 60 + minutes
            })
        }
        if let format = marker.integerFormat {
            if format.primary == .sequence { throw JSONataError("D3130", value: NumberText.quoted(format.token)) }
            if component == "f" {
                // jsonata-js 2.1.1: more than three fractional digits are truncated to milliseconds.
                return (format.pattern, { value in (try? format.parse(value.count > 3 ? String(value.prefix(3)) : value)) ?? nil })
            }
            return (format.pattern, { value in (try? format.parse(value)) ?? nil })
        }
        var lookup: [String: Double] = [:]
        func name(_ s: String) -> String {
            if marker.hasWidth, let maximum = marker.widthMax { return String(s.prefix(maximum)) }
            return s
        }
        if component == "M" || component == "x" {
            for (i, month) in months.enumerated() { lookup[name(month)] = Double(i + 1) }
        } else if component == "F" {
            for (i, day) in days.enumerated() where i > 0 { lookup[name(day)] = Double(i) }
        } else if component == "P" {
            lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
        } else {
            throw JSONataError("D3133", value: NumberText.quoted(String(component)))
        }
        return ("[a-zA-Z]+", { lookup[$0] })
    }
}
