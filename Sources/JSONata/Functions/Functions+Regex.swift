/// One result of a matcher: a regular expression, or a function that returns objects of the
/// same shape (`match`, `start`, `end`, `groups`, `next`), as JSONata allows.
struct MatchResult {
    var match: String
    var start: Int
    var end: Int
    var groups: [Value]
    /// Produces the following match.
    var next: () throws(JSONataError) -> MatchResult?
}

extension Functions {
    static var regex: [Definition] { [
        ("match", "<s-f<s:o>n?:a<o>>", 3, { a, call throws(JSONataError) in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            let limit = try limitArgument(argument(a, 2), code: "D3040")
            var result: [Value] = []
            for m in try matches(argument(a, 1), s, limit: limit, call) {
                result.append(.object(ObjectBox(["match": .string(m.match), "index": .number(Double(m.start)),
                                                 "groups": .array(m.groups, [])])))
            }
            return .array(result, .sequence)
        }),
        ("contains", "<s-(sf):b>", 2, { a, call throws(JSONataError) in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            switch argument(a, 1) {
            case .string(let token): return .bool(byteRange(of: token, in: s) != nil)
            case .undefined: return .undefined
            case let matcher: return .bool(try firstMatch(matcher, s, call) != nil)
            }
        }),
        ("replace", "<s-(sf)(sf)n?:s>", 4, { a, call throws(JSONataError) in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            let pattern = argument(a, 1), replacement = argument(a, 2)
            if case .string("") = pattern { throw JSONataError("D3010") }
            let limit = try limitArgument(argument(a, 3), code: "D3011")
            if let limit, limit == 0 { return .string(s) }
            lazy var scalars = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            var position = 0
            if case .string(let literal) = pattern {
                let with = try stringOrEmpty(replacement)
                var result = ""
                var position = 0
                var count = 0
                while limit.map({ count < $0 }) ?? true, let range = byteRange(of: literal, in: s, from: position) {
                    result += Substring(s.utf8.dropFirst(position).prefix(range.lowerBound - position))
                    result += with
                    position = range.upperBound
                    count += 1
                }
                result += Substring(s.utf8.dropFirst(position))
                return .string(result)
            }
            let found = try matches(pattern, s, limit: limit, call)
            if found.isEmpty { return .string(s) }
            for m in found {
                out.append(contentsOf: scalars[min(position, scalars.count)..<min(max(m.start, position), scalars.count)])
                let substitute: Value
                if case .string(let template) = replacement {
                    substitute = .string(expand(template, m))
                } else {
                    let matchObject = Value.object(ObjectBox(["match": .string(m.match), "start": .number(Double(m.start)),
                                                              "end": .number(Double(m.end)), "groups": .array(m.groups, [])]))
                    substitute = try call.evaluator.apply(replacement, [matchObject], .undefined, call.frame)
                }
                guard case .string(let text) = substitute else { throw JSONataError("D3012", value: substitute.jsonText) }
                out.append(contentsOf: text.unicodeScalars)
                position = m.start + m.match.unicodeScalars.count
            }
            if position < scalars.count { out.append(contentsOf: scalars[position...]) }
            return .string(String(out))
        }),
        ("split", "<s-(sf)n?:a<s>>", 3, { a, call throws(JSONataError) in
            guard case .string(let s) = argument(a, 0) else { return .undefined }
            let limit = try limitArgument(argument(a, 2), code: "D3020")
            if let limit, limit == 0 { return .array([], []) }
            // A string separator goes to JavaScript's String.prototype.split, which truncates the limit.
            var wholeLimit: Int?
            if case .number(let n) = argument(a, 2) { wholeLimit = Int(min(n, 1e9)) }
            if case .string(let separator) = argument(a, 1) {
                return .array(split(s, separator, limit: wholeLimit), [])
            }
            let scalars = Array(s.unicodeScalars)
            var parts: [String] = []
            let found = try matches(argument(a, 1), s, limit: limit, call)
            var start = 0
            for m in found {
                parts.append(String(String.UnicodeScalarView(scalars[min(start, scalars.count)..<min(max(m.start, start), scalars.count)])))
                start = m.end
            }
            if limit.map({ found.count < $0 }) ?? true {
                parts.append(String(String.UnicodeScalarView(scalars[min(start, scalars.count)...])))
            }
            return .array(parts.map { .string($0) }, [])
        }),
    ] }

    /// `$split` by a string, as JavaScript's `String.prototype.split`: the parts between
    /// occurrences of `separator` (each code point when it is empty), at most `limit` of them.
    /// The text is searched as UTF-8 bytes: UTF-8 is self-synchronising, so a match of the
    /// bytes is a match of the characters, and the parts are whole characters.
    static func split(_ s: String, _ separator: String, limit: Int?) -> [Value] {
        var parts: [Value] = []
        parts.reserveCapacity(8)
        let maximum = limit ?? Int.max
        if separator.isEmpty {
            for scalar in s.unicodeScalars {
                if parts.count >= maximum { break }
                parts.append(.string(String(scalar)))
            }
            return parts
        }
        var s = s, separator = separator
        return s.withUTF8 { bytes in
            separator.withUTF8 { needle in
                var start = 0, i = 0
                let last = bytes.count - needle.count
                while i <= last, parts.count < maximum {
                    if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                        parts.append(.string(String(decoding: bytes[start..<i], as: UTF8.self)))
                        i += needle.count
                        start = i
                    } else {
                        i += 1
                    }
                }
                if parts.count < maximum { parts.append(.string(String(decoding: bytes[start...], as: UTF8.self))) }
                return parts
            }
        }
    }

    /// A limit argument: nil when absent; negative is the function's error.
    /// jsonata-js compares the count of matches with the limit (`count < limit`), so a
    /// fractional limit allows one more match than its whole part.
    private static func limitArgument(_ value: Value, code: String) throws(JSONataError) -> Int? {
        guard case .number(let n) = value else { return nil }
        if n < 0 { throw JSONataError(code, value: NumberText.format(n)) }
        return Int(min(n.rounded(.up), 1e9))
    }

    static func indexOf(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty else { return from <= haystack.count ? from : nil }
        guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// `$0`, `$1`... in a replacement string; `$$` is a dollar sign.
    private static func expand(_ template: String, _ m: MatchResult) -> String {
        let t = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        while position < t.count {
            guard let dollar = t[position...].firstIndex(of: "$") else { break }
            out.append(contentsOf: t[position..<dollar])
            position = dollar + 1
            guard position < t.count else {
                out.append("$")
                break
            }
            let next = t[position]
            if next == "$" {
                out.append("$")
                position += 1
            } else if next == "0" {
                out.append(contentsOf: m.match.unicodeScalars)
                position += 1
            } else {
                let groups = m.groups.count
                let maxDigits = groups == 0 ? 1 : String(groups).count
                var digits = String(String.UnicodeScalarView(t[position..<min(position + maxDigits, t.count)]))
                var index = leadingInteger(digits)
                if maxDigits > 1, let i = index, i > groups {
                    digits = String(digits.dropLast())
                    index = leadingInteger(digits)
                }
                if let index {
                    if groups > 0, index >= 1, index <= groups, case .string(let text) = m.groups[index - 1] {
                        out.append(contentsOf: text.unicodeScalars)
                    }
                    position += String(index).count
                } else {
                    out.append("$")
                }
            }
        }
        if position < t.count { out.append(contentsOf: t[position...]) }
        return String(out)
    }

    /// JavaScript's `parseInt(text, 10)`: the leading digits, or nil.
    private static func leadingInteger(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }

    /// The first match of a matcher in `s`, or nil.
    static func firstMatch(_ matcher: Value, _ s: String, _ call: NativeCall) throws(JSONataError) -> MatchResult? {
        guard case .function(let function) = matcher else { return nil }
        if case .regex(let program) = function.kind {
            return try regexMatch(program, Array(s.unicodeScalars), from: 0, call.evaluator)
        }
        return try customMatch(matcher, [.string(s)], call)
    }

    /// Up to `limit` matches, following `next` as jsonata-js does (it asks for the next one
    /// after each match it keeps, so a zero-length repeat is reported even at the limit).
    static func matches(_ matcher: Value, _ s: String, limit: Int?, _ call: NativeCall) throws(JSONataError) -> [MatchResult] {
        var results: [MatchResult] = []
        var current = try firstMatch(matcher, s, call)
        while let m = current, limit.map({ results.count < $0 }) ?? true {
            results.append(m)
            current = try m.next()
        }
        return results
    }

    static func regexMatch(_ program: RegexProgram, _ text: [Unicode.Scalar], from: Int, _ evaluator: Evaluator) throws(JSONataError) -> MatchResult? {
        guard let m = try program.firstMatch(in: text, from: from, budget: { n throws(JSONataError) in try evaluator.countSteps(n) }) else {
            return nil
        }
        func slice(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(text[r])) }
        let groups: [Value] = m.groups.map { $0.map { .string(slice($0)) } ?? .undefined }
        return MatchResult(match: slice(m.start..<m.end), start: m.start, end: m.end, groups: groups) { () throws(JSONataError) in
            if m.end >= text.count { return nil }
            let next = try regexMatch(program, text, from: m.end, evaluator)
            if let next, next.match.isEmpty {
                throw JSONataError("D1004", value: NumberText.quoted(program.source))
            }
            return next
        }
    }

    /// A match from a matcher function: its result must look like a regular expression's.
    private static func customMatch(_ matcher: Value, _ arguments: [Value], _ call: NativeCall) throws(JSONataError) -> MatchResult? {
        let result = try call.evaluator.apply(matcher, arguments, .undefined, call.frame)
        if result.isUndefined { return nil }
        guard case .object(let box) = result else { throw JSONataError("T1010", token: call.name) }
        let start = box["start"], end = box["end"], groups = box["groups"], next = box["next"]
        guard start.isNumber || end.isNumber || groups.isArray || next.isFunction else {
            throw JSONataError("T1010", token: call.name)
        }
        func integer(_ v: Value) -> Int { if case .number(let n) = v { return Int(n) } else { return 0 } }
        var text = ""
        if case .string(let s) = box["match"] { text = s }
        return MatchResult(match: text, start: integer(start), end: integer(end), groups: groups.arrayItems ?? []) { () throws(JSONataError) in
            guard next.isFunction else { return nil }
            return try customMatch(next, [], call)
        }
    }
}

extension Evaluator {
    /// Calling a regular expression directly: its first match as an object, or undefined.
    func regexMatch(_ program: RegexProgram, _ arguments: [Value]) throws(JSONataError) -> Value {
        guard case .string(let s) = arguments.first ?? .undefined else { return .undefined }
        var from = 0
        if arguments.count > 1, case .number(let n) = arguments[1] { from = Int(n) }
        return matchObject(try Functions.regexMatch(program, Array(s.unicodeScalars), from: from, self))
    }

    private func matchObject(_ m: MatchResult?) -> Value {
        guard let m else { return .undefined }
        let next = NativeFunction(name: "next", arity: 0, signature: nil) { _, call throws(JSONataError) in
            call.evaluator.matchObject(try m.next())
        }
        return .object(ObjectBox(["match": .string(m.match), "start": .number(Double(m.start)), "end": .number(Double(m.end)),
                                  "groups": .array(m.groups, []), "next": .function(FunctionValue(.native(next)))]))
    }
}
