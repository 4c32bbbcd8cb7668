import JSONValue

/// A function error as Lambda returns it (`FunctionError: Unhandled`).
public struct FunctionError: Sendable, Equatable {
    public var errorType: String
    public var errorMessage: String
    public var requestId: String
    public var stackTrace: [String]

    /// `{"errorType", "errorMessage", "requestId", "stackTrace"}`, the payload Invoke returns.
    public var payload: JSONValue {
        .object([
            "errorType": .string(errorType),
            "errorMessage": .string(errorMessage),
            "requestId": .string(requestId),
            "stackTrace": .array(stackTrace.map { .string($0) }),
        ])
    }
}

/// An error of the Lambda service itself rather than of the function's code: the call did
/// not run the function. Step Functions sees these as `Lambda.<name>`.
public struct LambdaServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `Lambda.ResourceNotFoundException`, `Lambda.TooManyRequestsException`, ...
    public var name: String
    public var message: String
    public var description: String { "\(name): \(message)" }

    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }

    /// The HTTP status Lambda answers the call with, which the SDK's message names.
    public var statusCode: Int {
        switch name {
        case "Lambda.ResourceNotFoundException": 404
        case "Lambda.TooManyRequestsException": 429
        case "Lambda.InvalidParameterValueException": 400
        case "Lambda.RequestEntityTooLargeException": 413
        default: 500
        }
    }

    static func resourceNotFound(_ arn: String) -> LambdaServiceError {
        LambdaServiceError(name: "Lambda.ResourceNotFoundException", message: "Function not found: \(arn):$LATEST")
    }

    /// A function whose own files cannot be used (its sidecar is not valid JSON, or sets a
    /// timeout past 900 s). Lambda's name for a function configuration it cannot use is
    /// InvalidParameterValueException, a client error with HTTP status 400: "One of the
    /// parameters in the request is not valid", which the Lambda API reference illustrates
    /// with "an IAM role for AWS Lambda to assume in the UploadFunction or the
    /// UpdateFunctionConfiguration API, that AWS Lambda is unable to assume". It is not among
    /// the Lambda errors Step Functions recommends retrying, and it is not
    /// ResourceNotFoundException: the function is there. The message carries the located
    /// problems, one after the other.
    static func invalidConfiguration(_ problems: String) -> LambdaServiceError {
        LambdaServiceError(name: "Lambda.InvalidParameterValueException",
                           message: "The function's configuration is not valid: "
                               + problems.split(separator: "\n").joined(separator: "; "))
    }

    /// A synchronous request over Lambda's 6 MB payload limit, refused before the function
    /// runs (HTTP 413).
    static let requestTooLarge = LambdaServiceError(
        name: "Lambda.RequestEntityTooLargeException",
        message: "Request must be smaller than \(PayloadLimits.synchronousRequest) bytes for the InvokeFunction operation")

    /// An asynchronous (Event) request over Lambda's 1 MB payload limit.
    static func eventTooLarge(bytes: Int) -> LambdaServiceError {
        LambdaServiceError(name: "Lambda.RequestEntityTooLargeException",
                           message: "\(bytes) byte payload is too large for the Event invocation type (limit \(PayloadLimits.asynchronousRequest) bytes)")
    }

    /// Past a function's reserved concurrency Lambda throttles the call: "Rate Exceeded."
    static let tooManyRequests = LambdaServiceError(name: "Lambda.TooManyRequestsException", message: "Rate Exceeded.")
}

/// The error names and messages Lambda itself gives (docs/lambda.md#error-names).
enum LambdaRuntimeError {
    /// What a plain `error("text")` (or any error that is not a named error) is called.
    static let unnamed = "Error"

    static func timedOut(requestId: String, seconds: Double) -> (type: String, message: String) {
        ("Sandbox.Timedout", "RequestId: \(requestId) Error: Task timed out after \(twoDecimals(seconds)) seconds")
    }

    /// Lambda reports a function killed for memory as Runtime.OutOfMemory with the
    /// runtime's exit message.
    static func outOfMemory(requestId: String) -> (type: String, message: String) {
        ("Runtime.OutOfMemory", "RequestId: \(requestId) Error: Runtime exited with error: signal: killed")
    }

    /// Worded as Lambda's Python runtime words it: "Syntax error in module 'm': <parser message>".
    static func syntax(module: String, message: String) -> (type: String, message: String) {
        ("Runtime.UserCodeSyntaxError", "Syntax error in module '\(module)': \(message)")
    }

    /// Python's wording: "Handler 'lambda_handler' missing on module 'lambda_function'".
    static func handlerNotFound(module: String, handler: String) -> (type: String, message: String) {
        ("Runtime.HandlerNotFound", "Handler '\(handler)' missing on module '\(module)'")
    }

    static func marshal(_ reason: String) -> (type: String, message: String) {
        ("Runtime.MarshalError", "Unable to marshal response: \(reason)")
    }

    /// Lambda's words for a response over its 6 MB limit (docs/lambda.md#payload-and-log-limits).
    static func responseTooLarge(bytes: Int) -> (type: String, message: String) {
        ("Function.ResponseSizeTooLarge",
         "Response payload size (\(bytes) bytes) exceeded maximum allowed payload size (\(PayloadLimits.synchronousResponse) bytes).")
    }
}

/// `3.004` → `"3.00"`, as Lambda prints durations in seconds and milliseconds.
func twoDecimals(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
