import JSONValue

/// An `InputPath`, `OutputPath` or `ResultPath` field, which has three meanings.
public enum PathField: Sendable {
    /// The field is not there: it acts as `$`.
    case absent
    /// The field is JSON `null`. "If the value of InputPath is null, that means that the raw
    /// input is discarded, and the effective input for the state is an empty JSON object, {}."
    /// For `ResultPath`, null means the result is discarded and the state's input is kept.
    case null
    /// The field is a path.
    case path(JSONPath)

    /// The path, or nil when the field is absent or null.
    public var path: JSONPath? {
        if case .path(let path) = self { return path }
        return nil
    }

    /// Whether the field is JSON null.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The path's text as written; `"$"` when absent, nil when null.
    public var text: String? {
        switch self {
        case .absent: "$"
        case .null: nil
        case .path(let path): path.text
        }
    }
}

/// A value that a definition can give in several forms: a fixed value (`"TimeoutSeconds": 30`),
/// a path field (`"TimeoutSecondsPath": "$.timeout"`), an intrinsic function (only `ErrorPath`
/// and `CausePath` accept one) or, in JSONata states, an expression (`"{% $t %}"`).
public enum Dynamic<Value: Sendable>: Sendable {
    /// The value written in the definition.
    case value(Value)
    /// A reference path into the state's (effective) input, from the `...Path` field.
    case path(JSONPath)
    /// An intrinsic function call, from `ErrorPath` or `CausePath`.
    case intrinsic(IntrinsicCall)
    /// A JSONata expression, the whole `{% ... %}` string as written.
    case jsonata(String)

    /// The fixed value, when the definition gives one.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

/// A JSON template that builds a value at run time: `Assign`, a Map's `ItemSelector`, Task
/// `Credentials`, an ItemReader's parameters.
public enum Payload: Sendable {
    /// A JSONPath payload template: keys ending in `.$` take paths or intrinsic functions.
    case template(PayloadTemplate)
    /// A JSONata template: strings written `{% ... %}` are expressions, everything else is literal.
    case jsonata(JSONValue)
}

extension String {
    /// "JSONata syntax: "{% <JSONata expression> %}"": whether this string is one expression.
    var isJSONataExpression: Bool {
        utf8.count >= 4 && hasPrefix("{%") && hasSuffix("%}")
    }
}
