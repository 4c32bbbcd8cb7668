/// What a Task's `Resource` names, as `host` reads it.
public enum TaskResource: Sendable, Equatable {
    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`: the function is called with
    /// the state's effective input, and its result is the state's result (the Lambda events).
    case function(arn: String)
    /// `arn:aws:states:::lambda:invoke`: the Task's parameters are Lambda's Invoke request, and
    /// its result is Invoke's response (the Task events).
    case lambdaInvoke
    /// `arn:aws:states:::lambda:invoke.waitForTaskToken`: the callback pattern. The function is
    /// invoked with the parameters, which carry `$$.Task.Token`; the Task's result is what
    /// SendTaskSuccess gives for that token, or its error what SendTaskFailure gives.
    case lambdaInvokeWaitForTaskToken
    /// A request-response service integration that `host` runs over its own services
    /// (docs/integrations.md): the parameters are the API's request, the result its response.
    /// `type` and `action` are what the Task events name it by (`dynamodb`/`putItem`,
    /// `aws-sdk:s3`/`getObject`, `states`/`startExecution.sync:2`): the action carries the
    /// integration pattern's suffix, as the events do.
    case integration(type: String, action: String)
    /// Any other resource: another service integration (`arn:aws:states:::SERVICE:ACTION`, with
    /// `.sync` or `.waitForTaskToken` patterns among them), or an activity. `type` and `action`
    /// are what the Task events would name it by.
    case other(type: String, action: String)

    /// The integrations `host` runs, by the Task events' resource type: the optimized
    /// DynamoDB, SNS, EventBridge and Step Functions ones (with the patterns each runs), and
    /// AWS SDK ones over the local buckets and tables.
    public static let integrations: [String: Set<String>] = [
        "dynamodb": ["getItem", "putItem", "updateItem", "deleteItem"],
        "sns": ["publish"],
        "events": ["putEvents", "putEvents.waitForTaskToken"],
        "states": ["startExecution", "startExecution.sync", "startExecution.sync:2", "startExecution.waitForTaskToken"],
        "aws-sdk:s3": ["getObject", "putObject", "listObjectsV2"],
        "aws-sdk:dynamodb": ["query", "scan", "batchWriteItem", "transactWriteItems"],
    ]

    public init(_ resource: String) {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[2] == "lambda", parts[5] == "function" {
            self = .function(arn: resource)
        } else if parts.count >= 6, parts[2] == "states" {
            if parts.count == 7, parts[3...4].allSatisfy(\.isEmpty), parts[5] == "lambda" {
                if parts[6] == "invoke" { self = .lambdaInvoke; return }
                if parts[6] == "invoke.waitForTaskToken" { self = .lambdaInvokeWaitForTaskToken; return }
            }
            // "arn:aws:states:::aws-sdk:serviceName:apiAction.[serviceIntegrationPattern]"
            // (AWS SDK service integrations): its events name `aws-sdk:serviceName`.
            let isSDK = parts[5] == "aws-sdk" && parts.count >= 8
            let type = isSDK ? "aws-sdk:\(parts[6])" : parts[5].split(separator: ".").first.map(String.init) ?? parts[5]
            // `startExecution.sync:2` spans two of the ARN's colon-separated parts.
            let last = parts.dropFirst(isSDK ? 7 : 6).joined(separator: ":")
            let action = last.split(separator: ".").first.map(String.init) ?? ""
            if parts[3...4].allSatisfy(\.isEmpty), Self.integrations[type]?.contains(last) == true {
                self = .integration(type: type, action: last)
            } else {
                self = .other(type: type, action: action)
            }
        } else {
            self = .other(type: resource, action: "")
        }
    }

    /// Whether `host` runs this resource: Lambda functions, by ARN or through `lambda:invoke`,
    /// and the integrations of `integrations`.
    public var isRunnable: Bool {
        if case .other = self { return false }
        return true
    }

    /// Whether the Task waits for SendTaskSuccess or SendTaskFailure of its `$$.Task.Token`
    /// (the `.waitForTaskToken` pattern).
    public var waitsForTaskToken: Bool {
        switch self {
        case .lambdaInvokeWaitForTaskToken: true
        case .integration(_, let action): action.hasSuffix(".waitForTaskToken")
        default: false
        }
    }
}
