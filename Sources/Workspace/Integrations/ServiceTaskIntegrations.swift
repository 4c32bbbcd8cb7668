import Engine
import Foundation
import JSONValue
import LuaSandbox
import Services
import StatesLanguage
import Store

/// The Task integrations `host` runs, over the workspace's services (docs/integrations.md):
/// DynamoDB's optimized GetItem, PutItem, UpdateItem and DeleteItem over its tables, and SNS's
/// Publish over its topics. The parameters are the API's request, the result its response,
/// and a service's error is named `<Service>.<Code>`.
struct ServiceTaskIntegrations: ServiceIntegrations {
    let tables: TableService
    let topics: TopicService

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        switch (call.resourceType, call.resource) {
        case ("dynamodb", let action):
            return Self.answer(tables.perform(Self.operation(action), call.parameters), service: .dynamoDB)
        case ("sns", "publish"):
            return Self.answer(topics.perform("sns", "Publish", Self.snsRequest(call.parameters)), service: .sns)
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
        }
    }
}

extension Workspace {
    /// How Task states reach this workspace's services other than Lambda (docs/integrations.md).
    public func serviceIntegrations() throws(StoreError) -> any ServiceIntegrations {
        let stores = try stores()
        let topics = TopicService(messageStore: stores.topics, root: root, now: now, deliver: TopicService.lambdaDelivery(
            deadLetters: stores.events, now: now, host: { [weak self] in try? self?.functionHost() }))
        return ServiceTaskIntegrations(tables: TableService(items: stores.tables, root: root, now: now), topics: topics)
    }
}
