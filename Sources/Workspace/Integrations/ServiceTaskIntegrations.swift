import Engine
import Foundation
import JSONValue
import LuaSandbox
import Services
import StatesLanguage
import Store

/// The Task integrations `host` runs, over the workspace's services (docs/integrations.md):
/// DynamoDB's optimized GetItem, PutItem, UpdateItem and DeleteItem over its tables, and SNS's
/// Publish over its topics; and the AWS SDK integrations of S3's GetObject, PutObject and
/// ListObjectsV2 over its buckets and DynamoDB's Query and Scan over its tables. The parameters
/// are the API's request, the result its response, and a service's error is named
/// `<Service>.<Code>`.
struct ServiceTaskIntegrations: ServiceIntegrations {
    let tables: TableService
    let topics: TopicService
    let buckets: BucketService

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        switch (call.resourceType, call.resource) {
        case ("dynamodb", let action):
            return Self.answer(tables.perform(Self.operation(action), call.parameters), service: .dynamoDB)
        case ("sns", "publish"):
            return Self.answer(topics.perform("sns", "Publish", Self.snsRequest(call.parameters)), service: .sns)
        case ("aws-sdk:dynamodb", let action):
            return Self.answer(tables.perform(Self.operation(action), call.parameters), service: .dynamoDBSDK)
        case ("aws-sdk:s3", let action):
            do {
                return .success(try buckets.perform(Self.operation(action), Self.s3Request(call.parameters)))
            } catch {
                return .failure(IntegrationService.s3Error(error))
            }
        default:
            return .failure(StatesError(ErrorName.runtime, cause: "host does not run the resource 'arn:aws:states:::\(call.resourceType):\(call.resource)'."))
        }
    }

    /// `putItem` → `PutItem`: the API's operation a resource's action names.
    static func operation(_ action: String) -> String {
        action.prefix(1).uppercased() + action.dropFirst()
    }

    /// SNS's request as the Task gives it. A `Message` that is not a string (an object
    /// carrying `$$.Task.Token`, say) is sent as its JSON text, the only form Publish takes.
    static func snsRequest(_ parameters: JSONValue) -> JSONValue {
        guard case .object(var members) = parameters, let message = members["Message"], message.stringValue == nil,
              message != .null else { return parameters }
        members["Message"] = .string(message.compactString())
        return .object(members)
    }

    /// S3's request as the Task gives it: a PutObject `Body` that is not a string is sent as
    /// its JSON text (docs/integrations.md).
    static func s3Request(_ parameters: JSONValue) -> JSONValue {
        guard case .object(var members) = parameters, let body = members["Body"], body.stringValue == nil, body != .null else {
            return parameters
        }
        members["Body"] = .string(body.compactString())
        return .object(members)
    }

    static func answer(_ result: Result<JSONValue, HostCallError>, service: IntegrationService) -> ServiceCallResult {
        switch result {
        case .success(let response): .success(response)
        case .failure(let error): .failure(service.error(error))
        }
    }
}

/// A service a Task reaches, with how Step Functions names its errors.
enum IntegrationService {
    case dynamoDB
    case sns
    /// DynamoDB through the AWS SDK integration, whose errors are `DynamoDb.<Code>`.
    case dynamoDBSDK

    /// The service's error as the Task fails with it: `DynamoDB.ConditionalCheckFailedException`
    /// (the optimized integration's prefix, "Call DynamoDB APIs with Step Functions"),
    /// `SNS.NotFoundException`; its cause is the service's message followed by what the SDK
    /// says of the call (service, status code, error code, request id), as `lambda:invoke`'s
    /// are (docs/integrations.md). A request the service's API cannot take (a missing or
    /// unknown member) fails the Task with `States.Runtime`: no call is made.
    func error(_ error: HostCallError) -> StatesError {
        if error.errorType == "ParamValidationError" {
            return StatesError(ErrorName.runtime, cause: error.errorMessage)
        }
        let code = error.errorType
        let name = code.hasSuffix("Exception") ? code : code + "Exception"
        let (prefix, sdkService, wireCode, status) = wire(code)
        let requestId = UUID().uuidString.lowercased()
        if self == .dynamoDBSDK {
            return StatesError("\(prefix).\(name)", cause: Self.sdkCause(error.errorMessage, service: sdkService, status: status, requestId: requestId))
        }
        return StatesError("\(prefix).\(name)", cause: "\(error.errorMessage) (Service: \(sdkService); Status Code: \(status); Error Code: \(wireCode); Request ID: \(requestId); Proxy: null)")
    }

    /// The error's prefix, the SDK's name of the service, the error code on the wire and its
    /// HTTP status.
    private func wire(_ code: String) -> (prefix: String, sdkService: String, code: String, status: Int) {
        switch self {
        case .dynamoDB:
            // DynamoDB's codes are its exception names; InternalServerError is a 500 (DynamoDB
            // API reference, "Common Errors").
            return ("DynamoDB", "AmazonDynamoDBv2", code, code == "InternalServerError" ? 500 : 400)
        case .sns:
            // SNS's query protocol names its errors without the suffix: NotFound (404),
            // InvalidParameter (400), InternalError (500) (SNS API reference, Publish, Errors).
            let bare = code.hasSuffix("Exception") ? String(code.dropLast("Exception".count)) : code
            return ("SNS", "AmazonSNS", bare, bare == "NotFound" ? 404 : bare == "InternalError" ? 500 : 400)
        case .dynamoDBSDK:
            return ("DynamoDb", "DynamoDb", code, code == "InternalServerError" ? 500 : 400)
        }
    }

    /// An S3 error through the AWS SDK integration: `S3.<Code>Exception`, "even if the suffix
    /// is not already part of the error name the service provides" (AWS SDK service
    /// integrations: `S3.NoSuchKeyException`). What host refuses to carry out, or a request
    /// the API cannot take, makes no call and fails with `States.Runtime`.
    static func s3Error(_ error: BucketError) -> StatesError {
        if error.code == "ParamValidationError" || error.code == "NotImplemented" || error.code == "UnknownOperationException" {
            return StatesError(ErrorName.runtime, cause: error.message)
        }
        let name = error.code.hasSuffix("Exception") ? error.code : error.code + "Exception"
        return StatesError("S3.\(name)", cause: sdkCause(error.message, service: "S3", status: error.httpStatus,
                                                         requestId: UUID().uuidString.prefix(16).uppercased()))
    }

    /// The cause of an AWS SDK integration's error: the service's message and what the SDK
    /// (for Java 2.x) says of the call (docs/integrations.md, unsure).
    static func sdkCause(_ message: String, service: String, status: Int, requestId: some StringProtocol) -> String {
        "\(message) (Service: \(service), Status Code: \(status), Request ID: \(requestId))"
    }
}

extension Workspace {
    /// How Task states reach this workspace's services other than Lambda (docs/integrations.md).
    public func serviceIntegrations() throws(StoreError) -> any ServiceIntegrations {
        let stores = try stores()
        let topics = TopicService(messageStore: stores.topics, root: root, now: now, deliver: TopicService.lambdaDelivery(
            deadLetters: stores.events, now: now, host: { [weak self] in try? self?.functionHost() }))
        return ServiceTaskIntegrations(tables: TableService(items: stores.tables, root: root, now: now), topics: topics,
                                       buckets: buckets())
    }
}
