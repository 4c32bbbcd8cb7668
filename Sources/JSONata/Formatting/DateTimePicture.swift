/// Date/time pictures (`[Y0001]-[M01]-[D01]`, `[FNn], [D1o] [MNn]`) for `$fromMillis`,
/// `$now` and `$toMillis`: XPath F&O 3.1 §9.8.4 as jsonata-js implements it, including its
/// extensions `X` (ISO week-numbering year) and `x` (month of the week-numbering month).
struct DateTimePicture {
    enum Part {
        case literal(String)
        case marker(Marker)
    }

    struct Marker {
        var component: Character
        var presentation1: String
        var presentation2: Character?
        var names: IntegerPicture.Case?
        var integerFormat: IntegerPicture?
        var widthMin: Int?
        var widthMax: Int?
        var hasWidth = false
        var n = -1
    }

    var parts: [Part] = []

    private static let defaultPresentation: [Character: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1", "h": "1",
        "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]
    static let days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December"]
    static let iso8601 = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    init(_ picture: String) throws(JSONataError) {
        let p = Array(picture)
        var start = 0, position = 0
        func addLiteral(_ from: Int, _ to: Int) {
            guard to > from else { return }
            parts.append(.literal(String(p[from..<to]).replacing("]]", with: "]")))
        }
        while position < p.count {
            if p[position] == "[" {
                if position + 1 < p.count && p[position + 1] == "[" {
                    addLiteral(start, position)
                    parts.append(.literal("["))
                    position += 2
                    start = position
                    continue
                }
                addLiteral(start, position)
                start = position
                guard let close = p[start...].firstIndex(of: "]") else { throw JSONataError("D3135") }
                position = close
                let text = String(p[(start + 1)..<close].filter { !$0.isWhitespace })
                parts.append(.marker(try Self.marker(text, previous: &parts)))
                start = position + 1
            }
            position += 1
        }
        addLiteral(start, position)
    }

    private static func marker(_ text: String, previous: inout [Part]) throws(JSONataError) -> Marker {
        let chars = Array(text)
        guard let component = chars.first else { throw JSONataError("D3132", value: "\"\"") }
        var marker = Marker(component: component, presentation1: "")
        var modifiers: String
        if let comma = chars.lastIndex(of: ",") {
            let width = String(chars[(comma + 1)...])
            func parseWidth(_ w: Substring?) -> Int? {
                guard let w, w != "*" else { return nil }
                let digits = w.prefix { $0.isASCII && $0.isNumber }
                return Int(digits)
            }
            if let dash = width.firstIndex(of: "-") {
                marker.widthMin = parseWidth(width[..<dash])
                marker.widthMax = parseWidth(width[width.index(after: dash)...])
            } else {
                marker.widthMin = parseWidth(width[...])
            }
            marker.hasWidth = true
            modifiers = String(chars[1..<comma])
        } else {
            modifiers = String(chars.dropFirst())
        }
        if modifiers.count == 1 {
            marker.presentation1 = modifiers
        } else if modifiers.count > 1 {
            let last = modifiers.last!
            if "atco".contains(last) {
                marker.presentation2 = last
                marker.presentation1 = String(modifiers.dropLast())
            } else {
                marker.presentation1 = modifiers
            }
        } else {
            guard let preset = defaultPresentation[component] else {
                throw JSONataError("D3132", value: NumberText.quoted(String(component)))
            }
            marker.presentation1 = preset
        }
        let first = marker.presentation1.first
        if first == "n" {
            marker.names = .lower
        } else if first == "N" {
            marker.names = marker.presentation1.dropFirst().first == "n" ? .title : .upper
        } else if "YMDdFWwXxHhmsf".contains(component) {
            var integerPattern = marker.presentation1
            if let p2 = marker.presentation2 { integerPattern += ";" + String(p2) }
            var format = try IntegerPicture(integerPattern)
            if let minimum = marker.widthMin, format.mandatoryDigits < minimum { format.mandatoryDigits = minimum }
            if "YMDdFWwXxHhms".contains(component) {
                if let maximum = marker.widthMax {
                    marker.n = maximum
                    format.mandatoryDigits = maximum
                } else {
                    let w = format.mandatoryDigits + format.optionalDigits
                    if w >= 2 { marker.n = w }
                }
            }
            if case .marker(var last)? = previous.last, var lastFormat = last.integerFormat {
                lastFormat.parseWidth = lastFormat.mandatoryDigits
                last.integerFormat = lastFormat
                previous[previous.count - 1] = .marker(last)
            }
            marker.integerFormat = format
        }
        if component == "Z" || component == "z" {
            marker.integerFormat = try IntegerPicture(marker.presentation1)
        }
        return marker
    }
}
