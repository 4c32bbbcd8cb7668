import JSONValue
import Workspace

/// EventBridge's operations (AWS JSON 1.1, `X-Amz-Target: AWSEvents.<Operation>`): each reads
/// its request's fields, calls the workspace's EventBridge service and writes its answer in the
/// API's shape.
struct EventsAPI: Sendable {
    let service: EventBridge

    func handle(_ request: AWSRequest) async throws(ServiceError) -> JSONValue {
        let bus = try request.optionalString("EventBusName")
        switch request.operation {
        case "PutRule":
            let arn = try service.putRule(
                name: try request.string("Name"), eventPattern: try request.optionalString("EventPattern"),
                scheduleExpression: try request.optionalString("ScheduleExpression"), state: try request.optionalString("State"),
                description: try request.optionalString("Description"), roleArn: try request.optionalString("RoleArn"),
                eventBusName: bus, tags: try request.tags("Tags", keyName: "Key", valueName: "Value"))
            return ["RuleArn": .string(arn)]
        case "DescribeRule":
            return try service.describeRule(name: try request.string("Name"), eventBusName: bus).json
        case "ListRules":
            let page = try service.listRules(namePrefix: try request.optionalString("NamePrefix"), limit: try request.optionalInt("Limit"),
                                             nextToken: try request.optionalString("NextToken"), eventBusName: bus)
            return Self.page(page, "Rules") { $0.listItem }
        case "DeleteRule":
            // Force is for rules managed by AWS services; host has none, so it changes nothing.
            _ = try request.optionalBool("Force")
            try service.deleteRule(name: try request.string("Name"), eventBusName: bus)
            return [:]
        case "EnableRule", "DisableRule":
            try service.setRuleState(name: try request.string("Name"), enabled: request.operation == "EnableRule", eventBusName: bus)
            return [:]
        case "PutTargets":
            guard case .array(let targets)? = request.body["Targets"] else {
                if let other = request.body["Targets"], other != .null { throw AWSRequest.wrongType("Targets", other, "a list of targets") }
                throw AWSRequest.missing("Targets")
            }
            for target in targets where target.objectValue == nil { throw AWSRequest.wrongType("Targets", target, "a list of targets") }
            let failures = try service.putTargets(rule: try request.string("Rule"), targets: targets, eventBusName: bus)
            return TargetFailure.answer(failures)
        case "ListTargetsByRule":
            let page = try service.listTargetsByRule(rule: try request.string("Rule"), limit: try request.optionalInt("Limit"),
                                                     nextToken: try request.optionalString("NextToken"), eventBusName: bus)
            return Self.page(page, "Targets") { $0 }
        case "RemoveTargets":
            _ = try request.optionalBool("Force")  // as DeleteRule's
            guard let ids = try request.optionalStrings("Ids") else { throw AWSRequest.missing("Ids") }
            return TargetFailure.answer(try service.removeTargets(rule: try request.string("Rule"), ids: ids, eventBusName: bus))
        case "TestEventPattern":
            let matched = try service.testEventPattern(try request.string("EventPattern"), event: try request.string("Event"))
            return ["Result": .bool(matched)]
        case "PutEvents":
            if let endpoint = try request.optionalString("EndpointId"), !endpoint.isEmpty {
                throw ServiceError(.validation, "host does not run global endpoints: give PutEvents no EndpointId")
            }
            guard case .array(let items)? = request.body["Entries"] else { throw AWSRequest.missing("Entries") }
            var entries: [PutEventsEntry] = []
            for item in items { entries.append(try Self.entry(item)) }
            return PutEventsResultEntry.answer(try service.putEvents(entries))
        default:
            throw ServiceError(.unknownOperation, "host does not offer AWSEvents.\(request.operation)")
        }
    }

    /// One of PutEvents' `Entries`, read as the service reads it: a member of the wrong type is
    /// SerializationException.
    static func entry(_ item: JSONValue) throws(ServiceError) -> PutEventsEntry {
        guard case .object(let members) = item else { throw AWSRequest.wrongType("Entries", item, "a list of entries") }
        let entry = AWSRequest(operation: "PutEvents", body: members)
        let time: Double?
        switch members["Time"] {
        case nil, .null?: time = nil
        case let value? where value.doubleValue != nil: time = value.doubleValue
        case let other?: throw AWSRequest.wrongType("Time", other, "a timestamp (epoch seconds)")
        }
        return PutEventsEntry(source: try entry.optionalString("Source"), detailType: try entry.optionalString("DetailType"),
                              detail: try entry.optionalString("Detail"), resources: try entry.optionalStrings("Resources") ?? [],
                              time: time, eventBusName: try entry.optionalString("EventBusName"),
                              traceHeader: try entry.optionalString("TraceHeader"))
    }

    /// `{KEY: [...], "NextToken": ...}`: EventBridge's members are capitalised.
    static func page<Item>(_ page: Page<Item>, _ key: String, _ json: (Item) -> JSONValue) -> JSONValue {
        var object: JSONObject = [key: .array(page.items.map(json))]
        if let next = page.nextToken { object["NextToken"] = .string(next) }
        return .object(object)
    }
}
