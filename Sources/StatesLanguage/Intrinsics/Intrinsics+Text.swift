import JSONValue

/// The intrinsics that build strings and convert between JSON and text.
extension Intrinsics {
    /// `States.Format(template, values…)`: "The value of the first argument must be a string,
    /// and may include zero or more instances of the character sequence {}. There must be as
    /// many remaining arguments in the Invocation as there are occurrences of {}. The
    /// interpreter returns the first-argument string with each {} replaced by the Value of the
    /// positionally-corresponding argument".
    ///
    /// A lone `{` or `}` fails the call, as recorded from AWS for `'Hello {'`, `'Hello {{}}'`
    /// and `'}'`. Values print as Java prints them (see `JavaText`): strings without quotes,
    /// `null` as `null`, objects as `{a=1, b=[]}`.
    static func format(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        guard arguments.count >= 1 else { throw arguments.invalid }
        let pieces: [FormatPiece]
        if case .string(_, let template) = arguments.written[0] {
            pieces = template
        } else {
            pieces = FormatPiece.pieces(try arguments.string(0))
        }
        let placeholders = pieces.filter { $0 == .placeholder }.count
        guard !pieces.contains(.strayBrace), placeholders == arguments.count - 1 else { throw arguments.invalid }
        var result = ""
        var next = 1
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .placeholder:
                result += JavaText.string(of: arguments[next])
                next += 1
            case .strayBrace: break
            }
        }
        return .string(result)
    }

    /// `States.StringToJson(string)`: "The interpreter applies a JSON parser to the Value and
    /// returns its parsed JSON form." Recorded on AWS: a string that is empty or only
    /// whitespace gives `null`, as Jackson reads an empty document (docs/errors.md).
    static func stringToJson(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(1)
        let text = try arguments.string(0)
        if text.unicodeScalars.allSatisfy({ [" ", "\t", "\n", "\r"].contains($0) }) { return .null }
        guard let value = try? JSONValue.parse(text) else { throw arguments.invalid }
        return value
    }

    /// `States.JsonToString(path)`: "The interpreter returns a string which is a JSON text
    /// representing the data identified by the Path", compact: `{"name":"Foo","year":2020}`.
    static func jsonToString(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(1)
        return .string(arguments[0].compactString())
    }

    /// `States.StringSplit(string, delimiters)`: "split a string into an array of values".
    ///
    /// AWS splits like Java's `StringTokenizer`: every character of the second argument is a
    /// delimiter, and empty pieces are dropped. Recorded from AWS: `'1+2,3.4'` split by
    /// `'.+,'` is `["1","2","3","4"]`; `'a,,b'` by `','` is `["a","b"]`; `''` gives `[]`
    /// (conformance case `States.StringSplit.ts`, SSP-02 to SSP-07).
    static func stringSplit(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(2)
        let text = try arguments.string(0)
        let delimiters = Set(try arguments.string(1).unicodeScalars)
        var pieces: [JSONValue] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if delimiters.contains(scalar) {
                if !current.isEmpty { pieces.append(.string(String(current))) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(.string(String(current))) }
        return .array(pieces)
    }

    /// `States.JsonMerge(object1, object2, false)`: "if the same key exists in both JSON
    /// objects, the latter object's key overrides the same key in the first object.
    /// Additionally, objects nested within a JSON object aren't merged".
    ///
    /// "Currently, Step Functions only supports the shallow merging mode; therefore, you must
    /// specify the boolean value as false": `true` fails. AWS was recorded accepting a
    /// non-boolean third argument (`'false'`) as shallow (`States.JsonMerge.ts`, JMG-13).
    static func jsonMerge(_ arguments: IntrinsicArguments) throws(IntrinsicFailure) -> JSONValue {
        try arguments.expectCount(3)
        var merged = try arguments.object(0)
        let other = try arguments.object(1)
        guard arguments[2] != .bool(true) else { throw arguments.invalid }
        for (key, value) in other { merged[key] = value }
        return .object(merged)
    }
}
