/// Why an expression could not be parsed or evaluated, with JSONata's error code.
///
/// Codes are jsonata-js's (docs/jsonata.md lists the families): `S0xxx` syntax errors found
/// while parsing, `T0xxx`–`T2xxx` type errors, `D1xxx`–`D3xxx` dynamic errors, `U1001` a
/// bound (depth, steps or time) exceeded. `position` counts Unicode scalars from the start of
/// the expression and points just past the token at fault, as jsonata-js's does.
public struct JSONataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fields, boxed: the error stays one word wide, which keeps the evaluator's stack
    /// frames small (every call site of a typed-throwing function reserves room for one).
    private final class Fields: @unchecked Sendable {
        var code: String
        var position: Int?
        var token: String?
        var value: String?
        var value2: String?
        var index: Int?
        var fixedMessage: String?

        init(code: String, position: Int?, token: String?, value: String?, value2: String?, index: Int?, fixedMessage: String?) {
            (self.code, self.position, self.token, self.value) = (code, position, token, value)
            (self.value2, self.index, self.fixedMessage) = (value2, index, fixedMessage)
        }

        func copy() -> Fields {
            Fields(code: code, position: position, token: token, value: value, value2: value2, index: index, fixedMessage: fixedMessage)
        }
    }

    private var fields: Fields

    /// Changes a field, copying the fields first when another error shares them.
    private mutating func update(_ change: (Fields) -> Void) {
        if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
        change(fields)
    }

    /// The JSONata error code, such as `S0202` or `T2001`.
    public var code: String {
        get { fields.code }
        set { update { $0.code = newValue } }
    }
    /// Offset in Unicode scalars just past the token at fault, when known.
    public var position: Int? {
        get { fields.position }
        set { update { $0.position = newValue } }
    }
    /// The token at fault (an operator, a function name), when known.
    public var token: String? {
        get { fields.token }
        set { update { $0.token = newValue } }
    }
    /// The offending value as JSON text, when the error names one.
    public var value: String? { fields.value }
    /// The second value of a comparison error.
    var value2: String? { fields.value2 }
    /// The 1-based argument position of a signature error.
    var index: Int? { fields.index }
    /// For `$error`, `$assert` and a few others: the whole message.
    var fixedMessage: String? { fields.fixedMessage }

    init(_ code: String, position: Int? = nil, token: String? = nil, value: String? = nil, value2: String? = nil,
         index: Int? = nil, message: String? = nil) {
        fields = Fields(code: code, position: position, token: token, value: value, value2: value2, index: index, fixedMessage: message)
    }

    /// The message in jsonata-js's wording, with the token and values filled in.
    public var message: String {
        fixedMessage ?? ErrorMessages.text(self)
    }

    /// `S0202 at 12: Expected ")", got "]"`.
    public var description: String {
        if let position { return "\(code) at \(position): \(message)" }
        return "\(code): \(message)"
    }

    public static func == (a: JSONataError, b: JSONataError) -> Bool {
        a.code == b.code && a.position == b.position && a.token == b.token && a.value == b.value
            && a.value2 == b.value2 && a.index == b.index && a.fixedMessage == b.fixedMessage
    }

    /// Fills in the position and token when the error has none yet, as jsonata-js does while
    /// an error passes out through function calls and operators.
    func located(_ position: Int?, token: String? = nil) -> JSONataError {
        guard (self.position == nil && position != nil) || (self.token == nil && token != nil) else { return self }
        var copy = self
        if copy.position == nil { copy.position = position }
        if copy.token == nil { copy.token = token }
        return copy
    }
}
