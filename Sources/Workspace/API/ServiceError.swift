/// An error of one of the workspace's services, as the AWS API it copies answers it: an error
/// code the SDKs turn into their exception (`ExecutionDoesNotExist`), a message, and the HTTP
/// status the API uses. Both front ends render it: the CLI as `host: CODE: message`, the
/// server as AWS's JSON error (`{"__type": CODE, "message": ...}`).
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// An AWS error code and the HTTP status that goes with it.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public var httpStatus: Int

        public init(_ rawValue: String, httpStatus: Int = 400) {
            self.rawValue = rawValue
            self.httpStatus = httpStatus
        }

        public var description: String { rawValue }
    }
}

/// Step Functions' errors (API reference, "Common Errors" and each operation's "Errors"):
/// every one is a client error, HTTP 400.
extension ServiceError.Code {
    public static let executionDoesNotExist = Self("ExecutionDoesNotExist")
    public static let executionAlreadyExists = Self("ExecutionAlreadyExists")
    public static let executionLimitExceeded = Self("ExecutionLimitExceeded")
    public static let stateMachineDoesNotExist = Self("StateMachineDoesNotExist")
    public static let stateMachineAlreadyExists = Self("StateMachineAlreadyExists")
    public static let stateMachineDeleting = Self("StateMachineDeleting")
    public static let stateMachineTypeNotSupported = Self("StateMachineTypeNotSupported")
    public static let invalidDefinition = Self("InvalidDefinition")
    public static let invalidArn = Self("InvalidArn")
    public static let invalidName = Self("InvalidName")
    public static let invalidExecutionInput = Self("InvalidExecutionInput")
    public static let invalidOutput = Self("InvalidOutput")
    public static let invalidToken = Self("InvalidToken")
    public static let taskDoesNotExist = Self("TaskDoesNotExist")
    public static let taskTimedOut = Self("TaskTimedOut")
    public static let resourceNotFound = Self("ResourceNotFound")
    public static let tooManyTags = Self("TooManyTags")
    public static let validation = Self("ValidationException")
    public static let conflict = Self("ConflictException")
    /// The body is not the JSON the operation takes.
    public static let serialization = Self("SerializationException")
    public static let unknownOperation = Self("UnknownOperationException")
    /// Something broke inside host (the store could not be written): a server error.
    public static let internalFailure = Self("InternalFailure", httpStatus: 500)
}

/// Lambda's errors (API reference, "Invoke": "Errors"), with their HTTP statuses.
extension ServiceError.Code {
    public static let lambdaResourceNotFound = Self("ResourceNotFoundException", httpStatus: 404)
    public static let lambdaTooManyRequests = Self("TooManyRequestsException", httpStatus: 429)
    public static let lambdaInvalidParameterValue = Self("InvalidParameterValueException")
    public static let lambdaInvalidRequestContent = Self("InvalidRequestContentException")
    public static let lambdaRequestTooLarge = Self("RequestTooLargeException", httpStatus: 413)
    public static let lambdaService = Self("ServiceException", httpStatus: 500)
}

/// CloudWatch Logs' and EventBridge's errors (all HTTP 400).
extension ServiceError.Code {
    public static let resourceNotFoundException = Self("ResourceNotFoundException")
    public static let resourceAlreadyExists = Self("ResourceAlreadyExistsException")
    public static let invalidParameter = Self("InvalidParameterException")
    public static let invalidEventPattern = Self("InvalidEventPatternException")
}
