/// Why an expression could not be parsed or evaluated, with JSONata's error code.
///
/// Codes are jsonata-js's (docs/jsonata.md lists the families): `S0xxx` syntax errors found
/// while parsing, `T0xxx`–`T2xxx` type errors, `D1xxx`–`D3xxx` dynamic errors, `U1001` a
/// bound (depth, steps or time) exceeded. `position` counts Unicode scalars from the start of
/// the expression and points just past the token at fault, as jsonata-js's does.
public struct JSONataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSONata error code, such as `S0202` or `T2001`.
    public var code: String
    /// Offset in Unicode scalars just past the token at fault, when known.
    public var position: Int?
    /// The token at fault (an operator, a function name), when known.
    public var token: String?
    /// The offending value as JSON text, when the error names one.
    public var value: String?
    /// The second value of a comparison error.
    var value2: String?
    /// The 1-based argument position of a signature error.
    var index: Int?
    /// For `$error`, `$assert` and a few others: the whole message.
    var fixedMessage: String?

    init(_ code: String, position: Int? = nil, token: String? = nil, value: String? = nil, value2: String? = nil,
         index: Int? = nil, message: String? = nil) {
        self.code = code
        self.position = position
        self.token = token
        self.value = value
        self.value2 = value2
        self.index = index
        self.fixedMessage = message
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

    /// Fills in the position and token when the error has none yet, as jsonata-js does while
    /// an error passes out through function calls and operators.
    func located(_ position: Int?, token: String? = nil) -> JSONataError {
        var copy = self
        if copy.position == nil { copy.position = position }
        if copy.token == nil { copy.token = token }
        return copy
    }
}
