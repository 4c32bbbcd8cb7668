import Engine
import JSONValue
import StatesLanguage
import Workspace

/// Step Functions' operations (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`):
/// each reads its request's fields, calls the workspace's Step Functions service and writes
/// its answer in the API's shape.
struct StepFunctionsAPI: Sendable {
    let service: StepFunctions

    func handle(_ request: AWSRequest) async throws(ServiceError) -> JSONValue {
        switch request.operation {
        case "ListStateMachines":
            let page = try service.listStateMachines(maxResults: try request.optionalInt("maxResults"),
                                                     nextToken: try request.optionalString("nextToken"))
            return Self.page(page, "stateMachines") { $0.listItem }
        case "DescribeStateMachine":
            return try service.describeStateMachine(arn: try request.string("stateMachineArn")).json
        case "CreateStateMachine":
            try refuseUnused(request, ["loggingConfiguration", "tracingConfiguration", "publish", "versionDescription", "encryptionConfiguration"])
            let machine = try service.createStateMachine(
                name: try request.string("name"), definition: try request.string("definition"), roleArn: try request.string("roleArn"),
                type: try request.optionalString("type") ?? "STANDARD", tags: try request.tags("tags"))
            return ["stateMachineArn": .string(machine.stateMachineArn), "creationDate": ExecutionDescription.epochSeconds(machine.creationDate)]
        case "UpdateStateMachine":
            try refuseUnused(request, ["loggingConfiguration", "tracingConfiguration", "publish", "versionDescription", "encryptionConfiguration"])
            let date = try service.updateStateMachine(arn: try request.string("stateMachineArn"), definition: try request.optionalString("definition"),
                                                      roleArn: try request.optionalString("roleArn"))
            return ["updateDate": ExecutionDescription.epochSeconds(date)]
        case "DeleteStateMachine":
            try service.deleteStateMachine(arn: try request.string("stateMachineArn"))
            return [:]
        case "ValidateStateMachineDefinition":
            return Self.validation(of: try request.string("definition"))
        case "StartExecution":
            try refuseUnused(request, ["traceHeader"])
            let (started, _) = try await service.startExecution(stateMachineArn: try request.string("stateMachineArn"),
                                                          name: try request.optionalString("name"), input: try request.optionalString("input"))
            return started.json
        case "StartSyncExecution":
            try refuseUnused(request, ["traceHeader"])
            if let included = try request.optionalString("includedData"), included != "ALL_DATA" {
                throw ServiceError(.validation, "host does not encrypt definitions: includedData '\(included)' is not served (ALL_DATA is)")
            }
            return try await service.startSyncExecution(stateMachineArn: try request.string("stateMachineArn"),
                                                        name: try request.optionalString("name"), input: try request.optionalString("input")).json
        case "StopExecution":
            let date = try await service.stopExecution(arn: try request.string("executionArn"), error: try request.optionalString("error"),
                                                       cause: try request.optionalString("cause"))
            return ["stopDate": ExecutionDescription.epochSeconds(date)]
        case "DescribeExecution":
            return try await service.describeExecution(arn: try request.string("executionArn")).json
        case "ListExecutions":
            let status = try request.optionalString("statusFilter").map { text throws(ServiceError) in
                guard let status = ExecutionStatus(rawValue: text) else {
                    throw ServiceError(.validation, "1 validation error detected: Value '\(text)' at 'statusFilter' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [\(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))]")
                }
                return status
            }
            let (maxResults, nextToken) = (try request.optionalInt("maxResults"), try request.optionalString("nextToken"))
            // "You can specify either a mapRunArn or a stateMachineArn, but not both."
            let page: Page<ExecutionSummary>
            switch (try request.optionalString("stateMachineArn"), try request.optionalString("mapRunArn")) {
            case (let machine?, nil):
                page = try service.listExecutions(stateMachineArn: machine, statusFilter: status, maxResults: maxResults, nextToken: nextToken)
            case (nil, let mapRun?):
                page = try service.listExecutions(mapRunArn: mapRun, statusFilter: status, maxResults: maxResults, nextToken: nextToken)
            case (_?, _?):
                throw ServiceError(.validation, "You can specify either a mapRunArn or a stateMachineArn, but not both")
            case (nil, nil):
                throw ServiceError(.validation, "You must specify either a mapRunArn or a stateMachineArn")
            }
            return Self.page(page, "executions") { $0.json }
        case "ListMapRuns":
            let page = try service.listMapRuns(executionArn: try request.string("executionArn"), maxResults: try request.optionalInt("maxResults"),
                                               nextToken: try request.optionalString("nextToken"))
            return Self.page(page, "mapRuns") { $0.listItem }
        case "DescribeMapRun":
            return try service.describeMapRun(arn: try request.string("mapRunArn")).json
        case "GetExecutionHistory":
            let page = try service.getExecutionHistory(
                arn: try request.string("executionArn"), maxResults: try request.optionalInt("maxResults"),
                nextToken: try request.optionalString("nextToken"), reverseOrder: try request.optionalBool("reverseOrder") ?? false,
                includeExecutionData: try request.optionalBool("includeExecutionData") ?? true)
            return Self.page(page, "events") { $0 }
        case "DescribeStateMachineForExecution":
            return try service.describeStateMachineForExecution(arn: try request.string("executionArn")).json
        case "TagResource":
            try service.tagResource(arn: try request.string("resourceArn"), tags: try request.tags("tags"))
            return [:]
        case "UntagResource":
            try service.untagResource(arn: try request.string("resourceArn"), keys: try request.optionalStrings("tagKeys") ?? [])
            return [:]
        case "ListTagsForResource":
            let tags = try service.tags(of: try request.string("resourceArn"))
            return ["tags": .array(tags.sorted { $0.key < $1.key }.map { ["key": .string($0.key), "value": .string($0.value)] })]
        case "TestState":
            let request = TestStateRequest(
                definition: try request.string("definition"), input: try request.optionalString("input"),
                stateName: try request.optionalString("stateName"), inspectionLevel: try request.optionalString("inspectionLevel"),
                variables: try request.optionalString("variables"), context: try request.optionalString("context"),
                mock: request.body["mock"], stateConfiguration: request.body["stateConfiguration"],
                roleArn: try request.optionalString("roleArn"), revealSecrets: try request.optionalBool("revealSecrets"))
            return try await service.testState(request).json
        case "SendTaskSuccess":
            try service.sendTaskSuccess(token: try request.string("taskToken"), output: try request.string("output"))
            return [:]
        case "SendTaskFailure":
            try service.sendTaskFailure(token: try request.string("taskToken"), error: try request.optionalString("error"),
                                        cause: try request.optionalString("cause"))
            return [:]
        case "SendTaskHeartbeat":
            try service.sendTaskHeartbeat(token: try request.string("taskToken"))
            return [:]
        default:
            throw ServiceError(.unknownOperation, "host does not offer AWSStepFunctions.\(request.operation)")
        }
    }

    /// Fields of a request that would change what AWS does, and host does not do, are refused
    /// rather than ignored (an empty or disabled setting is no change).
    private func refuseUnused(_ request: AWSRequest, _ fields: [String]) throws(ServiceError) {
        for field in fields {
            guard let value = request.body[field], !Self.isOff(value) else { continue }
            throw ServiceError(.validation, "host does not run '\(field)' (\(value.compactString()))")
        }
    }

    private static func isOff(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false): true
        case .string(let text): text.isEmpty
        case .object(let members): members.isEmpty || members["level"] == "OFF" || members["enabled"] == false
        default: false
        }
    }

    static func page<Item>(_ page: Page<Item>, _ key: String, _ json: (Item) -> JSONValue) -> JSONValue {
        var object: JSONObject = [key: .array(page.items.map(json))]
        if let next = page.nextToken { object["nextToken"] = .string(next) }
        return .object(object)
    }

    /// ValidateStateMachineDefinition's answer: `result` OK or FAIL, and `diagnostics`, each
    /// with AWS's severity, code, message and location (a JSON pointer into the definition).
    /// What AWS accepts and host does not run is a WARNING.
    static func validation(of definition: String) -> JSONValue {
        let diagnostics: [Diagnostic]
        let valid: Bool
        switch StateMachine.parse(definition) {
        case .success(let machine): (diagnostics, valid) = (machine.unsupported, true)
        case .failure(let errors): (diagnostics, valid) = (errors.diagnostics, false)
        }
        return [
            "result": valid ? "OK" : "FAIL",
            "diagnostics": .array(diagnostics.map { diagnostic in
                [
                    "severity": diagnostic.severity == .error ? "ERROR" : "WARNING",
                    "code": diagnostic.severity == .error ? "SCHEMA_VALIDATION_FAILED" : "HOST_UNSUPPORTED",
                    "message": .string("\(diagnostic.location?.description ?? "1:1"): \(diagnostic.message)"),
                    "location": .string(pointer(diagnostic.path)),
                ]
            }),
            "truncated": false,
        ]
    }

    /// `/States/Call API/Next`.
    static func pointer(_ path: [JSONPathComponent]) -> String {
        path.isEmpty ? "/" : path.map { component in
            switch component {
            case .key(let key): "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            case .index(let index): "/\(index)"
            }
        }.joined()
    }
}
