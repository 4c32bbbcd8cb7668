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
            guard let range = byteRange(of: chars, in: s) else { return .string(s) }
            return .string(String(Substring(s.utf8.prefix(range.lowerBound))))
        }),
        ("substringAfter", "<s-s:s>", 2, { a, _ in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            guard case .string(let chars) = argument(a, 1) else { return .string(s) }
            guard let range = byteRange(of: chars, in: s) else { return .string(s) }
            return .string(String(Substring(s.utf8.dropFirst(range.upperBound))))
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
            return .number(Double(scalarCount(s)))
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
            return .string(join(items, separator))
        }),
    ] }

    /// How many Unicode scalars (code points) `s` holds: its UTF-8 bytes that start one.
    static func scalarCount(_ s: String) -> Int {
        var count = 0
        for byte in s.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// `$join`: the strings among `items`, with `separator` between them, appended to one
    /// string (`joined(separator:)` goes through generic sequence code, several times slower
    /// on the few short strings a state usually joins).
    static func join(_ items: [Value], _ separator: String) -> String {
        var result = ""
        var first = true
        for case .string(let s) in items {
            if !first { result += separator }
            result += s
            first = false
        }
        return result
    }

    /// The UTF-8 offsets of the first occurrence of `needle` in `haystack`. UTF-8 is
    /// self-synchronising, so a match of the bytes is a match of the characters.
    static func byteRange(of needle: String, in haystack: String, from start: Int = 0) -> Range<Int>? {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n -> Range<Int>? in
                if n.isEmpty { return start <= h.count ? start..<start : nil }
                guard h.count >= n.count else { return nil }
                let first = n[0]
                var i = start
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i..<(i + n.count) }
                    }
                    i += 1
                }
                return nil
            }
        }
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
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var s = s
        return s.withUTF8 { bytes in
            var first = 0, end = bytes.count
            while first < end, isSpace(bytes[first]) { first += 1 }
            while end > first, isSpace(bytes[end - 1]) { end -= 1 }
            // The common case: words separated by single spaces, only the ends to cut.
            var index = first
            while index < end, !isSpace(bytes[index]) || (bytes[index] == 0x20 && !isSpace(bytes[index + 1])) { index += 1 }
            if index == end { return String(decoding: bytes[first..<end], as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(end - first)
            var pendingSpace = false
            for byte in bytes[first..<end] {
                if isSpace(byte) {
                    pendingSpace = true
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
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
