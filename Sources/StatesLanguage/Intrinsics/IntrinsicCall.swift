import JSONValue

/// A call of one of the intrinsic functions, `States.Format('Hello {}', $.name)`, as written
/// in a payload template value (`"greeting.$": "States.Format(…)"`) or a Fail state's
/// `ErrorPath` / `CausePath`.
///
/// Arguments are string literals in single quotes (escapes `\'`, `\{`, `\}`, `\\`), numbers,
/// `true`, `false`, `null`, paths into the input (`$.a`) or the context object (`$$.a`), and
/// nested calls. "You can nest up to 10 intrinsic functions within a field" (Intrinsic
/// functions, AWS Developer Guide).
public struct IntrinsicCall: Sendable, Equatable, CustomStringConvertible {
    /// The function called.
    public let function: IntrinsicFunction
    /// The arguments, in order.
    let arguments: [IntrinsicArgument]
    /// The call as written.
    public let text: String

    /// The deepest nesting of calls a field may have.
    public static let maximumNesting = 10

    /// Parses a whole call; nothing may follow its closing parenthesis.
    public static func parse(_ text: String) throws(PathSyntaxError) -> IntrinsicCall {
        var parser = IntrinsicParser(text)
        return try parser.parseWhole()
    }

    /// Evaluates the call against the effective input and the context object, with the system's
    /// random numbers and UUIDs.
    ///
    /// Failures are `States.Runtime`, as AWS reports them: `Invalid arguments in
    /// States.ArrayRange`, or, for a path that finds nothing, `The JSONPath '$.x' could not be
    /// found in the input '<input>'`.
    public func evaluate(input: JSONValue, context: JSONValue, variables: WorkflowVariables = WorkflowVariables()) throws(StatesError) -> JSONValue {
        try evaluate(input: input, context: context, services: .system, field: nil, variables: variables)
    }

    /// Evaluates the call; `field` (such as `value.$` or `CausePath`) names the field in the
    /// cause of a path that finds nothing, and `services` supplies randomness.
    public func evaluate(
        input: JSONValue, context: JSONValue, services: IntrinsicServices, field: String?, variables: WorkflowVariables = WorkflowVariables()
    ) throws(StatesError) -> JSONValue {
        let environment = IntrinsicEnvironment(input: input, context: context, variables: variables, services: services)
        do throws(IntrinsicFailure) {
            return try value(in: environment)
        } catch {
            throw error.statesError(field: field, input: input)
        }
    }

    public var description: String { text }

    public static func == (lhs: IntrinsicCall, rhs: IntrinsicCall) -> Bool { lhs.text == rhs.text }
}

/// The 18 intrinsic functions of the Amazon States Language.
public enum IntrinsicFunction: String, Sendable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"
}

/// One argument of a call.
indirect enum IntrinsicArgument: Sendable, Equatable {
    /// A number, `true`, `false` or `null`.
    case literal(JSONValue)
    /// A string in single quotes: its value, and its text as a `States.Format` template,
    /// where an escaped brace (`\{`) is a plain character.
    case string(String, template: [FormatPiece])
    /// A path into the input or, with `$$`, the context object.
    case path(JSONPath)
    /// A nested call.
    case call(IntrinsicCall)
}

/// A piece of a `States.Format` template.
enum FormatPiece: Sendable, Equatable {
    case text(String)
    /// `{}`.
    case placeholder
    /// A `{` or `}` that is not part of `{}` and not escaped, which makes the call fail.
    case strayBrace
}

/// What evaluating an intrinsic call needs besides its arguments.
struct IntrinsicEnvironment {
    let input: JSONValue
    let context: JSONValue
    let variables: WorkflowVariables
    let services: IntrinsicServices
}

/// Why a call failed, before it becomes AWS's `States.Runtime` cause.
enum IntrinsicFailure: Error {
    /// A definite path found nothing.
    case pathNotFound(JSONPath)
    /// Wrong argument count, type or value for the function.
    case invalidArguments(IntrinsicFunction)

    /// The error AWS reports: `States.Runtime` with its cause text.
    func statesError(field: String?, input: JSONValue) -> StatesError {
        switch self {
        case .pathNotFound(let path):
            let place = field.map { " specified for the field '\($0)'" } ?? ""
            return StatesError(ErrorName.runtime, cause: "The JSONPath '\(path.text)'\(place) could not be found in the input '\(input.compactString())'")
        case .invalidArguments(let function):
            return StatesError(ErrorName.runtime, cause: "Invalid arguments in \(function.rawValue)")
        }
    }
}
