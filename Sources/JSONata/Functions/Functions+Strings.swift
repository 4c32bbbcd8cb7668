extension Functions {
    static var strings: [Definition] { [
        ("string", "<x-b?:s>", 1, { a, _ throws(JSONataError) in
            try string(argument(a, 0), pretty: boolean(argument(a, 1)) == true)
        }),
        ("substring", "<s-nn?:s>", 3, { a, _ in
            guard case .string(let s) = argument(a, 0), case .number(let start) = argument(a, 1) else { return .undefined }
            var length: Double?
            if case .number(let l) = argument(a, 2) { length = l }
            return .string(substring(s, start, length))
        }),
        ("substringBefore", "<s-s:s>", 2, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            guard case .string(let chars) = argument(a, 1) else { return .string(s) }
            guard let range = find(chars, in: s) else { return .string(s) }
            return .string(String(s.unicodeScalars[..<range.lowerBound]))
        }),
        ("substringAfter", "<s-s:s>", 2, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            guard case .string(let chars) = argument(a, 1) else { return .string(s) }
            guard let range = find(chars, in: s) else { return .string(s) }
            return .string(String(s.unicodeScalars[range.upperBound...]))
        }),
        ("lowercase", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(s.lowercased())
        }),
        ("uppercase", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(s.uppercased())
        }),
        ("length", "<s-:n>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .number(Double(s.unicodeScalars.count))
        }),
        ("trim", "<s-:s>", 1, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            return .string(trim(s))
        }),
        ("pad", "<s-ns?:s>", 3, { a, _ in
            guard case .string(let s) = argument(a, 0), case .number(let w) = argument(a, 1) else { return .undefined }
            var padding = " "
            if case .string(let c) = argument(a, 2), !c.isEmpty { padding = c }
            return .string(pad(s, width: w, with: padding))
        }),
        ("join", "<a<s>s?:s>", 2, { a, _ in
            guard case .array(let items, _) = argument(a, 0) else { return .undefined }
            var separator = ""
            if case .string(let s) = argument(a, 1) { separator = s }
            return .string(items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }.joined(separator: separator))
        }),
    ] }

    /// The range of the first occurrence of `needle` in `haystack`, by Unicode scalars.
    static func find(_ needle: String, in haystack: String, from start: String.UnicodeScalarView.Index? = nil) -> Range<String.UnicodeScalarView.Index>? {
        let scalars = haystack.unicodeScalars
        let from = start ?? scalars.startIndex
        if needle.isEmpty { return from..<from }
        return scalars[from...].firstRange(of: needle.unicodeScalars)
    }

    /// `$substring`: by code points; a negative start counts from the end.
    static func substring(_ s: String, _ start: Double, _ length: Double?) -> String {
        let scalars = Array(s.unicodeScalars)
        let count = Double(scalars.count)
        var start = start
        if count + start < 0 { start = 0 }
        func clamp(_ x: Double) -> Int {
            // JavaScript's Array.prototype.slice: truncate, negative counts from the end.
            let t = x.isFinite ? x.rounded(.towardZero) : x
            if t < 0 { return Int(max(count + t, 0)) }
            return Int(min(t, count))
        }
        var end = count
        if let length {
            if length <= 0 { return "" }
            end = start >= 0 ? start + length : count + start + length
        }
        let from = clamp(start), to = clamp(end)
        guard from < to else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[from..<to])
        return String(out)
    }

    /// `$trim`: runs of space, tab, CR and LF become one space; one leading and trailing
    /// space is removed.
    static func trim(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var inRun = false
        for c in s.unicodeScalars {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                if !inRun { out.append(" ") }
                inRun = true
            } else {
                out.append(c)
                inRun = false
            }
        }
        if out.first == " " { out.removeFirst() }
        if out.last == " " { out.removeLast() }
        return String(out)
    }

    /// `$pad`: to |width| code points, on the right for a positive width, left for negative.
    static func pad(_ s: String, width: Double, with padding: String) -> String {
        let width = width.rounded(.towardZero)
        let missing = Int(min(width.magnitude, 1e9)) - s.unicodeScalars.count
        guard missing > 0 else { return s }
        var fill = String.UnicodeScalarView()
        let unit = Array(padding.unicodeScalars)
        for i in 0..<missing { fill.append(unit[i % unit.count]) }
        return width > 0 ? s + String(fill) : String(fill) + s
    }
}
