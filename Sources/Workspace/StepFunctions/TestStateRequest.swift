import JSONValue

/// TestState's request as the API and the aws CLI take it: JSON given as text ("TestState",
/// Step Functions API reference). Both front ends fill it; the Step Functions service checks it.
public struct TestStateRequest: Sendable {
    /// One state, or a whole machine with `stateName`.
    public var definition: String
    public var input: String?
    public var stateName: String?
    /// `INFO` (the default), `DEBUG` or `TRACE`.
    public var inspectionLevel: String?
    /// A JSON object: the workflow variables the state sees.
    public var variables: String?
    /// A JSON object: members of the context object (`$$`).
    public var context: String?
    /// `{"result": TEXT}` or `{"errorOutput": {"error", "cause"}}`, with `fieldValidationMode`.
    public var mock: JSONValue?
    /// `{"retrierRetryCount", "errorCausedByState", "mapIterationFailureCount", "mapItemReaderData"}`.
    public var stateConfiguration: JSONValue?
    /// The IAM role AWS would run the state with; host has no IAM, and gives it to `$$.Execution.RoleArn`.
    public var roleArn: String?
    public var revealSecrets: Bool?

    public init(definition: String, input: String? = nil, stateName: String? = nil, inspectionLevel: String? = nil,
                variables: String? = nil, context: String? = nil, mock: JSONValue? = nil, stateConfiguration: JSONValue? = nil,
                roleArn: String? = nil, revealSecrets: Bool? = nil) {
        self.definition = definition
        self.input = input
        self.stateName = stateName
        self.inspectionLevel = inspectionLevel
        self.variables = variables
        self.context = context
        self.mock = mock
        self.stateConfiguration = stateConfiguration
        self.roleArn = roleArn
        self.revealSecrets = revealSecrets
    }
}

/// How much TestState answers ("inspectionLevel").
public enum InspectionLevel: String, Sendable, CaseIterable {
    /// "Shows the final state output."
    case info = "INFO"
    /// "Shows the final state output along with the input and output data processing result."
    case debug = "DEBUG"
    /// As DEBUG, with the HTTP request and response of an HTTP Task (which host does not run).
    case trace = "TRACE"
}

/// The members of the context object a TestState request may give, by object
/// ("Context object", Step Functions Developer Guide). `Map` is not among them: recorded on AWS,
/// "'Map' field is not supported when mocking a Context object".
enum TestStateContext {
    static let members: [String: Set<String>] = [
        "Execution": ["Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount"],
        "State": ["EnteredTime", "Name", "RetryCount"],
        "StateMachine": ["Id", "Name"],
        "Task": ["Token"],
    ]

    /// The object, once each member is one the context object has.
    static func check(_ value: JSONValue) throws(ServiceError) -> JSONObject {
        guard case .object(let object) = value else { throw invalid("it must be a JSON object") }
        for (key, member) in object {
            if key == "Map" { throw invalid("'Map' field is not supported when mocking a Context object") }
            guard let allowed = members[key] else { throw invalid("'\(key)' is not a field of the Context object") }
            guard case .object(let inner) = member else { throw invalid("'\(key)' must be a JSON object") }
            for name in inner.keys where !allowed.contains(name) {
                throw invalid("'\(key).\(name)' is not a field of the Context object")
            }
        }
        return object
    }

    static func invalid(_ detail: String) -> ServiceError {
        ServiceError(.validation, "Invalid Context object provided: \(detail)")
    }
}
