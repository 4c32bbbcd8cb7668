import JSONValue
import StatesLanguage

/// A call of a service integration other than Lambda's, as a Task state makes it
/// (docs/integrations.md).
public struct ServiceCall: Sendable, Equatable {
    /// What the Task events name the service by: `dynamodb`, `sns`, `aws-sdk:s3`.
    public var resourceType: String
    /// What they name the action by: `putItem`, `publish`, `getObject`.
    public var resource: String
    /// The Task's effective parameters: the API's request.
    public var parameters: JSONValue
    /// The Task's `TimeoutSeconds` or `HeartbeatSeconds`, the shorter, when it has one.
    public var timeoutSeconds: Int?
    /// The Task state that makes the call: a test case's mocks answer by it (docs/testing.md).
    public var state: String?
    /// A callback Task's token (`$$.Task.Token`), for the `.waitForTaskToken` pattern.
    public var taskToken: String?
    /// The execution that makes the call.
    public var executionArn: String?

    public init(resourceType: String, resource: String, parameters: JSONValue, timeoutSeconds: Int? = nil, state: String? = nil,
                taskToken: String? = nil, executionArn: String? = nil) {
        self.resourceType = resourceType
        self.resource = resource
        self.parameters = parameters
        self.timeoutSeconds = timeoutSeconds
        self.state = state
        self.taskToken = taskToken
        self.executionArn = executionArn
    }

    /// The action without its integration pattern: `startExecution` of `startExecution.sync:2`.
    public var action: String { resource.split(separator: ".").first.map(String.init) ?? resource }

    /// The integration pattern: `""` (request-response), `sync`, `sync:2` or `waitForTaskToken`.
    public var pattern: String {
        guard let dot = resource.firstIndex(of: ".") else { return "" }
        return String(resource[resource.index(after: dot)...])
    }
}

/// What a service integration answered, named as Step Functions sees it.
public enum ServiceCallResult: Sendable, Equatable {
    /// The API's response: the Task's result.
    case success(JSONValue)
    /// The service's error (`DynamoDB.ConditionalCheckFailedException`, ...) or the Task's own.
    case failure(StatesError)
    /// The Task's own time limit passed first.
    case timedOut
}

/// How Task states reach services other than Lambda; the workspace connects it to its
/// services, below which the engine does not reach (docs/design.md).
public protocol ServiceIntegrations: Sendable {
    func call(_ call: ServiceCall) async -> ServiceCallResult
    /// The buckets a Distributed Map's ItemReader and ResultWriter reach (docs/distributed-map.md).
    var mapRunBuckets: (any MapRunBuckets)? { get }
}
