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
/// ListObjectsV2 over its buckets and DynamoDB's Query, Scan, BatchWriteItem and
/// TransactWriteItems over its tables; EventBridge's PutEvents on its bus and Step Functions'
/// StartExecution of its machines. The parameters are the API's request, the result its
/// response, and a service's error is named `<Service>.<Code>`.
struct ServiceTaskIntegrations: ServiceIntegrations {
    let tables: TableService
    let topics: TopicService
    let buckets: BucketService
    let events: PutEventsIntegration
    let executions: StartExecutionIntegration

    var mapRunBuckets: (any MapRunBuckets)? { BucketsForMapRuns(service: buckets) }

    func call(_ call: ServiceCall) async -> ServiceCallResult {
        switch (call.resourceType, call.resource) {
        case ("dynamodb", let action):
            return Self.answer(tables.perform(Self.operation(action), call.parameters), service: .dynamoDB)
        case ("states", _) where call.action == "startExecution":
            return await executions.call(call)
        case ("events", _) where call.action == "putEvents":
            return events.call(call)
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

extension Workspace {
    /// How Task states reach this workspace's services other than Lambda (docs/integrations.md).
    public func serviceIntegrations() throws(StoreError) -> any ServiceIntegrations {
        let stores = try stores()
        let topics = TopicService(messageStore: stores.topics, root: root, now: now, deliver: TopicService.lambdaDelivery(
            deadLetters: stores.events, now: now, host: { [weak self] in try? self?.functionHost() }))
        return ServiceTaskIntegrations(
            tables: TableService(items: stores.tables, root: root, now: now), topics: topics, buckets: buckets(),
            events: PutEventsIntegration(eventBridge: { [weak self] in self?.eventBridge }),
            executions: StartExecutionIntegration(stepFunctions: { [weak self] in self?.stepFunctions }, clock: clock,
                                                  callbacks: { [weak self] in self?.callbacks }))
    }
}
