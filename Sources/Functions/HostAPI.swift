import JSONValue
import LuaSandbox

/// One host API call a function makes, after its name is resolved: what IAM would check.
public struct HostAPIRequest: Sendable {
    /// The calling function.
    public var function: String
    /// IAM's service prefix: `states`, `dynamodb`, `sns`, `iot`, `s3`.
    public var service: String
    /// The API operation: `GetExecutionHistory`, `UpdateItem`, `Publish`, `ListObjectsV2`.
    public var action: String
    /// The ARN the action is on.
    public var resource: String
    /// The request, in the API's own shape.
    public var parameters: JSONValue

    /// IAM's name for the action where it is not the operation's: S3's ListObjectsV2 needs
    /// `s3:ListBucket`, HeadObject `s3:GetObject` (Service Authorization Reference, "Actions
    /// defined by Amazon S3").
    public var permission: String? = nil

    /// `states:GetExecutionHistory`
    public var iamAction: String { "\(service):\(permission ?? action)" }
}

/// The host APIs functions may call; the workspace implements them over its executions,
/// tables and topics. Errors come back as the API's named errors.
public protocol HostServices: Sendable {
    func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError>
}

/// How a script's `aws.client(service).action(params)` maps to an API call: the client names
/// of boto3 (`stepfunctions`, `dynamodb`, `sns`, `iot-data`), methods in snake_case.
enum HostAPI {
    /// boto3 client name → IAM service prefix.
    static let services = ["stepfunctions": "states", "dynamodb": "dynamodb", "sns": "sns", "iot-data": "iot", "s3": "s3"]

    /// Resolves `stepfunctions:get_execution_history` with its parameters into the action and
    /// the resource IAM checks; a message when the call names nothing the host offers.
    static func resolve(_ operation: String, parameters: JSONValue, function: String, region: String,
                        account: String) -> Result<HostAPIRequest, HostCallError> {
        let parts = operation.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let service = services[parts[0]] else {
            return .failure(HostCallError(errorType: "UnknownServiceError",
                                          errorMessage: "Unknown service: '\(parts.first ?? operation)'. Valid service names are: \(services.keys.sorted().joined(separator: ", "))"))
        }
        let action = parts[1].split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        func field(_ name: String) -> String? { parameters[name]?.stringValue }
        let resource: String?
        var permission: String?
        switch (service, action) {
        case ("states", "DescribeExecution"), ("states", "GetExecutionHistory"):
            resource = field("executionArn")
        case ("states", "DescribeStateMachine"):
            resource = field("stateMachineArn")
        case ("dynamodb", "GetItem"), ("dynamodb", "PutItem"), ("dynamodb", "UpdateItem"), ("dynamodb", "DeleteItem"),
             ("dynamodb", "Query"), ("dynamodb", "Scan"):
            resource = field("TableName").map { "arn:aws:dynamodb:\(region):\(account):table/\($0)" }
        case ("sns", "Publish"):
            resource = field("TopicArn") ?? field("TargetArn")
        case ("iot", "Publish"):
            resource = field("topic").map { "arn:aws:iot:\(region):\(account):topic/\($0)" }
        case ("s3", "GetObject"), ("s3", "HeadObject"), ("s3", "PutObject"), ("s3", "DeleteObject"):
            // An object's ARN has neither region nor account: arn:aws:s3:::bucket/key.
            resource = field("Bucket").flatMap { bucket in field("Key").map { "arn:aws:s3:::\(bucket)/\($0)" } }
            if action == "HeadObject" { permission = "GetObject" }
        case ("s3", "ListObjectsV2"):
            resource = field("Bucket").map { "arn:aws:s3:::\($0)" }
            permission = "ListBucket"
        default:
            return .failure(HostCallError(errorType: "UnknownOperationException",
                                          errorMessage: "The host offers no operation '\(parts[1])' for '\(parts[0])'."))
        }
        guard let resource else {
            return .failure(HostCallError(errorType: "ValidationException",
                                          errorMessage: "\(action) needs the parameter that names its resource."))
        }
        return .success(HostAPIRequest(function: function, service: service, action: action, resource: resource,
                                       parameters: parameters, permission: permission))
    }
}
