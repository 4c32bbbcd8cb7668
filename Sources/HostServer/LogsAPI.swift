import JSONValue
import Workspace

/// CloudWatch Logs' operations (AWS JSON 1.1, `X-Amz-Target: Logs_20140328.<Operation>`).
struct LogsAPI: Sendable {
    let service: CloudWatchLogs

    func handle(_ request: AWSRequest) async throws(ServiceError) -> JSONValue {
        switch request.operation {
        case "DescribeLogGroups":
            let page = try service.describeLogGroups(prefix: try request.optionalString("logGroupNamePrefix"),
                                                     limit: try request.optionalInt("limit"), nextToken: try request.optionalString("nextToken"))
            return StepFunctionsAPI.page(page, "logGroups") { $0 }
        case "DescribeLogStreams":
            let orderBy = try request.optionalString("orderBy") ?? "LogStreamName"
            guard orderBy == "LogStreamName" || orderBy == "LastEventTime" else {
                throw ServiceError(.invalidParameter, "1 validation error detected: Value '\(orderBy)' at 'orderBy' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [LogStreamName, LastEventTime]")
            }
            let page = try service.describeLogStreams(
                group: try request.string("logGroupName"), prefix: try request.optionalString("logStreamNamePrefix"),
                orderByLastEvent: orderBy == "LastEventTime", descending: try request.optionalBool("descending") ?? false,
                limit: try request.optionalInt("limit"), nextToken: try request.optionalString("nextToken"))
            return StepFunctionsAPI.page(page, "logStreams") { $0 }
        case "GetLogEvents":
            let page = try service.getLogEvents(
                group: try request.string("logGroupName"), stream: try request.string("logStreamName"),
                start: try request.optionalMilliseconds("startTime"), end: try request.optionalMilliseconds("endTime"),
                nextToken: try request.optionalString("nextToken"), limit: try request.optionalInt("limit"),
                startFromHead: try request.optionalBool("startFromHead") ?? false)
            return ["events": .array(page.events), "nextForwardToken": .string(page.nextForwardToken),
                    "nextBackwardToken": .string(page.nextBackwardToken)]
        case "FilterLogEvents":
            let page = try service.filterLogEvents(
                group: try request.string("logGroupName"), streams: try request.optionalStrings("logStreamNames"),
                streamPrefix: try request.optionalString("logStreamNamePrefix"), start: try request.optionalMilliseconds("startTime"),
                end: try request.optionalMilliseconds("endTime"), filterPattern: try request.optionalString("filterPattern"),
                nextToken: try request.optionalString("nextToken"), limit: try request.optionalInt("limit"))
            var answer: JSONObject = ["events": .array(page.items), "searchedLogStreams": []]
            if let next = page.nextToken { answer["nextToken"] = .string(next) }
            return .object(answer)
        case "CreateLogGroup":
            try service.createLogGroup(try request.string("logGroupName"))
            return [:]
        case "CreateLogStream":
            try service.createLogStream(group: try request.string("logGroupName"), name: try request.string("logStreamName"))
            return [:]
        case "PutLogEvents":
            guard case .array(let items)? = request.body["logEvents"] else { throw AWSRequest.missing("logEvents") }
            var events: [(timestamp: Int64, message: String)] = []
            for item in items {
                guard let timestamp = item["timestamp"]?.intValue, let message = item["message"]?.stringValue else {
                    throw ServiceError(.serialization, "each log event needs a timestamp (milliseconds) and a message")
                }
                events.append((timestamp, message))
            }
            try service.putLogEvents(group: try request.string("logGroupName"), stream: try request.string("logStreamName"), events: events)
            return [:]
        case "PutRetentionPolicy":
            guard let days = try request.optionalInt("retentionInDays") else { throw AWSRequest.missing("retentionInDays") }
            try service.putRetentionPolicy(group: try request.string("logGroupName"), days: days)
            return [:]
        case "DeleteRetentionPolicy":
            try service.putRetentionPolicy(group: try request.string("logGroupName"), days: nil)
            return [:]
        case "DeleteLogGroup":
            try service.deleteLogGroup(try request.string("logGroupName"))
            return [:]
        default:
            throw ServiceError(.unknownOperation, "host does not offer Logs_20140328.\(request.operation)")
        }
    }
}
