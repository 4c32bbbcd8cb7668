import JSONValue

/// The value of a payload template key ending in `.$`, or of a Fail state's `ErrorPath` and
/// `CausePath`: a path into the input (`$.a`), a path into the context object (`$$.a`), or an
/// intrinsic function call.
public enum PayloadExpression: Sendable, Equatable, CustomStringConvertible {
    case path(JSONPath)
    case intrinsic(IntrinsicCall)

    /// Reads a path when the text starts with `$`, otherwise an intrinsic function call.
    public static func parse(_ text: String) throws(PathSyntaxError) -> PayloadExpression {
        if text.hasPrefix("$") { return .path(try JSONPath.parse(text)) }
        return .intrinsic(try IntrinsicCall.parse(text))
    }

    /// The value: a definite path's node, an indefinite path's array of matches, or the
    /// call's result.
    ///
    /// `field` names the field in AWS's cause when a path finds nothing: `The JSONPath
    /// '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input
    /// '<input>'`, or for a Fail state `… specified for the field 'ErrorPath' …` (docs/errors.md).
    public func evaluate(
        input: JSONValue, context: JSONValue, field: String, services: IntrinsicServices = .system,
        variables: WorkflowVariables = WorkflowVariables()
    ) throws(StatesError) -> JSONValue {
        switch self {
        case .intrinsic(let call):
            return try call.evaluate(input: input, context: context, services: services, field: field, variables: variables)
        case .path(let path):
            guard let value = path.evaluate(input: input, context: context, variables: variables) else {
                throw IntrinsicFailure.pathNotFound(path).statesError(field: field, input: input)
            }
            return value
        }
    }

    /// The text as written.
    public var description: String {
        switch self {
        case .path(let path): path.text
        case .intrinsic(let call): call.text
        }
    }
}
