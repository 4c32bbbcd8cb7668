import Foundation
import JSONValue
import Workspace
import XCTest

/// PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, PutTargets,
/// ListTargetsByRule and RemoveTargets, as docs/eventbridge.md describes them.
final class EventBridgeRuleTests: EventBridgeTestCase {
    func testARuleIsPutDescribedAndReplacedWhole() throws {
        let arn = try bridge.putRule(name: "orders", eventPattern: Self.pattern, description: "Orders",
                                     roleArn: "arn:aws:iam::123456789012:role/events")
        XCTAssertEqual(arn, "arn:aws:events:us-east-1:123456789012:rule/orders")
        XCTAssertEqual(try bridge.describeRule(name: "orders").json, [
            "Name": "orders", "Arn": .string(arn), "EventPattern": .string(Self.pattern), "State": "ENABLED",
            "Description": "Orders", "RoleArn": "arn:aws:iam::123456789012:role/events", "EventBusName": "default",
            "CreatedBy": "123456789012",
        ])
        XCTAssertEqual(try bridge.putTargets(rule: "orders", targets: [target("t1", function: "audit")]), [])

        // "If you omit arguments in PutRule, the old values for those arguments are not kept":
        // the description and role go; the targets stay.
        XCTAssertEqual(try bridge.putRule(name: "orders", eventPattern: #"{"source": ["web"]}"#, state: "DISABLED"), arn)
        XCTAssertEqual(try bridge.describeRule(name: "orders").json, [
            "Name": "orders", "Arn": .string(arn), "EventPattern": #"{"source": ["web"]}"#, "State": "DISABLED",
            "EventBusName": "default", "CreatedBy": "123456789012",
        ])
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "orders").items, [target("t1", function: "audit")])

        try bridge.setRuleState(name: "orders", enabled: true)
        XCTAssertEqual(try bridge.describeRule(name: "orders").state, "ENABLED")
        try bridge.setRuleState(name: "orders", enabled: false)
        XCTAssertEqual(try bridge.describeRule(name: "orders").state, "DISABLED")
    }

    func testAFileRuleIsDescribedButChangedOnlyThroughItsFile() throws {
        XCTAssertEqual(try bridge.describeRule(name: "from-file").json, [
            "Name": "from-file", "Arn": "arn:aws:events:us-east-1:123456789012:rule/from-file",
            "EventPattern": #"{"source":["files"]}"#, "State": "ENABLED", "Description": "from a file", "EventBusName": "default",
            "CreatedBy": "123456789012",
        ])
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "from-file").items, [
            target("file-target", function: "audit", ["InputPath": "$.detail"]),
        ])
        let attempts: [(String, () throws(ServiceError) -> Void)] = [
            ("PutRule", { () throws(ServiceError) in _ = try self.bridge.putRule(name: "from-file", eventPattern: Self.pattern) }),
            ("PutTargets", { () throws(ServiceError) in _ = try self.bridge.putTargets(rule: "from-file", targets: [self.target("t", function: "audit")]) }),
            ("RemoveTargets", { () throws(ServiceError) in _ = try self.bridge.removeTargets(rule: "from-file", ids: ["file-target"]) }),
            ("DisableRule", { () throws(ServiceError) in try self.bridge.setRuleState(name: "from-file", enabled: false) }),
            ("DeleteRule", { () throws(ServiceError) in try self.bridge.deleteRule(name: "from-file") }),
        ]
        for (operation, attempt) in attempts {
            let error = serviceError(attempt)
            XCTAssertEqual(error?.code, .validation, operation)
            XCTAssertTrue(error?.message.contains("defined by rules/from-file.json") ?? false, "\(operation): \(String(describing: error))")
        }
        XCTAssertEqual(try bridge.describeRule(name: "from-file").state, "ENABLED")
        XCTAssertEqual(try workspace.stores().rules.rules(), [], "nothing was stored")
    }

    func testListRulesPagesThroughFilesAndStoredRulesByName() throws {
        for name in ["b1", "a2", "a1"] { _ = try bridge.putRule(name: name, eventPattern: Self.pattern) }
        let first = try bridge.listRules(limit: 2)
        XCTAssertEqual(first.items.map(\.name), ["a1", "a2"])
        let second = try bridge.listRules(limit: 2, nextToken: try XCTUnwrap(first.nextToken))
        XCTAssertEqual(second.items.map(\.name), ["b1", "from-file"])
        XCTAssertNil(second.nextToken)
        XCTAssertEqual(try bridge.listRules(namePrefix: "a").items.map(\.name), ["a1", "a2"])
        XCTAssertEqual(try bridge.listRules().items.first?.listItem, [
            "Name": "a1", "Arn": "arn:aws:events:us-east-1:123456789012:rule/a1", "EventPattern": .string(Self.pattern),
            "State": "ENABLED", "EventBusName": "default",
        ])
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.listRules(limit: 0) }?.message,
                       "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.listRules(limit: 101) }?.code, .validation)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.listRules(nextToken: "not a token") }?.code, .validation)
    }

    func testPutRuleRefusesWhatHostDoesNotRunAndStoresNothing() throws {
        let refusals: [(ServiceError.Code, String, () throws(ServiceError) -> String)] = [
            (.validation, "host does not run scheduled rules", { () throws(ServiceError) in
                try self.bridge.putRule(name: "nightly", eventPattern: nil, scheduleExpression: "rate(5 minutes)") }),
            (.validation, "host does not run scheduled rules", { () throws(ServiceError) in
                try self.bridge.putRule(name: "nightly", eventPattern: Self.pattern, scheduleExpression: "cron(0 20 * * ? *)") }),
            (.validation, "Parameter(s) EventPattern or ScheduleExpression must be specified.", { () throws(ServiceError) in
                try self.bridge.putRule(name: "empty", eventPattern: nil) }),
            (.validation, "1 validation error detected: Value 'my rule' at 'name' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"#, { () throws(ServiceError) in
                try self.bridge.putRule(name: "my rule", eventPattern: Self.pattern) }),
            (.validation, "Member must have length less than or equal to 64", { () throws(ServiceError) in
                try self.bridge.putRule(name: String(repeating: "r", count: 65), eventPattern: Self.pattern) }),
            (.validation, "host does not keep tags of rules", { () throws(ServiceError) in
                try self.bridge.putRule(name: "tagged", eventPattern: Self.pattern, tags: ["team": "shop"]) }),
            (.validation, "at 'state' failed to satisfy constraint", { () throws(ServiceError) in
                try self.bridge.putRule(name: "odd", eventPattern: Self.pattern, state: "ON") }),
            (.resourceNotFoundException, "Event bus orders does not exist.", { () throws(ServiceError) in
                try self.bridge.putRule(name: "elsewhere", eventPattern: Self.pattern, eventBusName: "orders") }),
            (.invalidEventPattern, "Event pattern is not valid. Reason: ", { () throws(ServiceError) in
                try self.bridge.putRule(name: "bad", eventPattern: #"{"source": "shop"}"#) }),
        ]
        for (code, message, attempt) in refusals {
            let error = serviceError(attempt)
            XCTAssertEqual(error?.code, code, message)
            XCTAssertTrue(error?.message.contains(message) ?? false, "\(String(describing: error)) should say \(message)")
        }
        XCTAssertEqual(try workspace.stores().rules.rules(), [])
        // A pattern's problems are each placed in its text.
        let error = serviceError { () throws(ServiceError) in try self.bridge.putRule(name: "bad", eventPattern: #"{"source": []}"#) }
        XCTAssertEqual(error?.message, "Event pattern is not valid. Reason: Empty arrays are not allowed (at 1:12, $.source)")
        // The default bus answers to its name and its ARN.
        XCTAssertNoThrow(try bridge.putRule(name: "ok", eventPattern: Self.pattern,
                                            eventBusName: "arn:aws:events:us-east-1:123456789012:event-bus/default"))
    }

    func testDeleteRuleWaitsUntilItsTargetsAreRemoved() throws {
        _ = try bridge.putRule(name: "orders", eventPattern: Self.pattern)
        _ = try bridge.putTargets(rule: "orders", targets: [target("t1", function: "audit"), target("t2", function: "audit")])
        let refused = serviceError { () throws(ServiceError) in try self.bridge.deleteRule(name: "orders") }
        XCTAssertEqual(refused, ServiceError(.validation, "Rule can't be deleted since it has targets."))
        XCTAssertEqual(try bridge.describeRule(name: "orders").name, "orders")

        XCTAssertEqual(try bridge.removeTargets(rule: "orders", ids: ["t1", "ghost"]).map { [$0.targetId, $0.errorCode, $0.errorMessage] },
                       [["ghost", "ResourceNotFoundException", "Rule 'orders' does not have a target with the Id 'ghost'."]])
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "orders").items.map { $0["Id"] }, ["t2"])
        XCTAssertEqual(try bridge.removeTargets(rule: "orders", ids: ["t2"]), [])
        try bridge.deleteRule(name: "orders")
        let gone = ServiceError(.resourceNotFoundException, "Rule orders does not exist on EventBus default.")
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.describeRule(name: "orders") }, gone)
        // "If you call delete rule multiple times for the same rule, all calls will succeed."
        XCTAssertNoThrow(try bridge.deleteRule(name: "orders"))
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.setRuleState(name: "orders", enabled: true) }, gone)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.listTargetsByRule(rule: "orders") }, gone)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.removeTargets(rule: "orders", ids: ["t1"]) }, gone)
        XCTAssertEqual(serviceError { () throws(ServiceError) in
            try self.bridge.putTargets(rule: "orders", targets: [self.target("t", function: "audit")]) }, gone)
    }

    func testPutTargetsAnswersTargetsHostCannotDeliverToInFailedEntries() throws {
        _ = try bridge.putRule(name: "orders", eventPattern: Self.pattern)
        let failures = try bridge.putTargets(rule: "orders", targets: [
            target("good", function: "audit", ["RetryPolicy": ["MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60]]),
            target("ghost", function: "ghost"),
            ["Id": "queue", "Arn": "arn:aws:sqs:us-east-1:123456789012:orders"],
            target("dead-letters", function: "audit", ["DeadLetterConfig": ["Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"]]),
            target("path", function: "audit", ["InputPath": "detail"]),
        ])
        XCTAssertEqual(failures.map(\.targetId), ["ghost", "queue", "dead-letters", "path"])
        XCTAssertEqual(failures.map(\.errorCode), ["ResourceNotFoundException", "ValidationException", "ValidationException", "ValidationException"])
        XCTAssertEqual(failures[0].errorMessage,
                       "Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost (there is no functions/ghost.lua)")
        XCTAssertTrue(failures[1].errorMessage.hasPrefix("host delivers events to functions only"), failures[1].errorMessage)
        XCTAssertTrue(failures[2].errorMessage.hasPrefix("host does not run DeadLetterConfig"), failures[2].errorMessage)
        XCTAssertEqual(failures[3].errorMessage, "InputPath must be a JSONPath such as $.detail (at $.InputPath)")
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "orders").items.map { $0["Id"] }, ["good"])

        // The same Id replaces its target.
        XCTAssertEqual(try bridge.putTargets(rule: "orders", targets: [target("good", function: "broken")]), [])
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "orders").items, [target("good", function: "broken")])

        // "Each rule can have up to five (5) targets": a request past that adds none.
        let six = (1...5).map { target("t\($0)", function: "audit") }
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.putTargets(rule: "orders", targets: six) },
                       ServiceError(.limitExceeded, "The requested resource exceeds the maximum number allowed."))
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "orders").items.count, 1)
        XCTAssertEqual(try bridge.putTargets(rule: "orders", targets: Array(six.prefix(4))), [])
        let page = try bridge.listTargetsByRule(rule: "orders", limit: 3)
        XCTAssertEqual(page.items.map { $0["Id"] }, ["good", "t1", "t2"])
        XCTAssertEqual(try bridge.listTargetsByRule(rule: "orders", nextToken: try XCTUnwrap(page.nextToken)).items.map { $0["Id"] }, ["t3", "t4"])

        // Mistakes of the request's form refuse it whole.
        XCTAssertEqual(serviceError { () throws(ServiceError) in
            try self.bridge.putTargets(rule: "orders", targets: [["Id": "x", "Arn": "audit"]]) },
            ServiceError(.validation, "Parameter audit is not valid. Reason: Provided Arn is not in correct format."))
        XCTAssertEqual(serviceError { () throws(ServiceError) in
            try self.bridge.putTargets(rule: "orders", targets: [["Arn": "arn:aws:lambda:us-east-1:123456789012:function:audit"]]) },
            ServiceError(.validation, "1 validation error detected: Value null at 'targets.1.member.id' failed to satisfy constraint: Member must not be null"))
        XCTAssertEqual(serviceError { () throws(ServiceError) in
            try self.bridge.putTargets(rule: "orders", targets: (1...11).map { self.target("n\($0)", function: "audit") }) }?.code, .validation)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.putTargets(rule: "orders", targets: []) }?.code, .validation)
    }
}
