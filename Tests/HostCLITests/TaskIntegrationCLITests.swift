import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run` of a machine that puts an item with `dynamodb:putItem`, reads it back with
/// `dynamodb:getItem` and publishes it with `sns:publish` (docs/integrations.md); `host tables
/// get` and `host topics messages` show what the Tasks wrote.
final class TaskIntegrationCLITests: RunTestCase {
    static let machine = """
        {"StartAt": "Put", "States": {
          "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {"TableName": "Orders", "Item": {"id": {"S.$": "$.id"}, "total": {"N.$": "States.Format('{}', $.total)"}}},
                  "ResultPath": null, "Next": "Get"},
          "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                  "Parameters": {"TableName": "Orders", "Key": {"id": {"S.$": "$.id"}}},
                  "ResultSelector": {"total.$": "$.Item.total.N"}, "ResultPath": "$.stored", "Next": "Publish"},
          "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                      "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders",
                                     "Message.$": "States.Format('order {} totals {}', $.id, $.stored.total)"},
                      "End": true}}}
        """

    override func setUpWithError() throws {
        try super.setUpWithError()
        try write(#"{"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"#,
                  to: "tables/Orders.json")
        try write(#"{"Type": "sns"}"#, to: "topics/orders.json")
        try write(Self.machine, to: "machines/orders.json")
    }

    func testPutGetAndPublish() throws {
        let run = try runMachine("machines/orders.json", input: #"{"id": "o-1", "total": 42}"#, status: 0)
        let messageId = try XCTUnwrap(run.output?["MessageId"]?.stringValue, "\(run.describe)")
        XCTAssertEqual(run.output?.objectValue?.count, 1)
        // Each Task: TaskScheduled, TaskStarted, TaskSucceeded, naming its service and action.
        let tasks = run.events.filter { ["TaskScheduled", "TaskStarted", "TaskSucceeded"].contains($0.type) }
        XCTAssertEqual(tasks.map(\.type), Array(repeating: ["TaskScheduled", "TaskStarted", "TaskSucceeded"], count: 3).flatMap { $0 })
        XCTAssertEqual(tasks.filter { $0.type == "TaskScheduled" }.map { "\($0.details?["resourceType"]?.stringValue ?? ""):\($0.details?["resource"]?.stringValue ?? "")" },
                       ["dynamodb:putItem", "dynamodb:getItem", "sns:publish"])
        let gotten = try XCTUnwrap(tasks.filter { $0.type == "TaskSucceeded" }[1].details?["output"]?.stringValue)
        XCTAssertEqual(try JSONValue.parse(gotten), ["Item": ["id": ["S": "o-1"], "total": ["N": "42"]]])

        let item = try JSONValue.parse(try hostSucceeds("tables", "get", "Orders", "o-1").stdout)
        XCTAssertEqual(item, ["Item": ["id": ["S": "o-1"], "total": ["N": "42"]]])
        let messages = try hostSucceeds("topics", "messages", "orders", "--output", "json").stdout
        XCTAssertTrue(messages.contains(messageId), messages)
        XCTAssertTrue(messages.contains("order o-1 totals 42"), messages)
    }

    /// A second run with the same id and a condition that the item is new fails with
    /// DynamoDB's error name, and the table keeps the first item.
    func testAFailedConditionFailsTheExecution() throws {
        try write(Self.machine.replacingOccurrences(of: #""TableName": "Orders", "Item""#,
                                                    with: #""TableName": "Orders", "ConditionExpression": "attribute_not_exists(id)", "Item""#),
                  to: "machines/once.json")
        try runMachine("machines/once.json", input: #"{"id": "o-2", "total": 1}"#, status: 0)
        let second = try runMachine("machines/once.json", input: #"{"id": "o-2", "total": 2}"#, status: 1)
        XCTAssertEqual(second.describe["error"], "DynamoDB.ConditionalCheckFailedException")
        let item = try JSONValue.parse(try hostSucceeds("tables", "get", "Orders", "o-2").stdout)
        XCTAssertEqual(item["Item"]?["total"], ["N": "1"])
    }

    /// The validation of the request: a misspelt field is an error at its place.
    func testValidateLocatesAMisspeltField() throws {
        try write("""
            {"StartAt": "Put", "States": {
              "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                      "Parameters": {"TableName": "Orders", "Itme": {}}, "End": true}}}
            """, to: "machines/typo.json")
        let result = try host("validate", "machines/typo.json")
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("machines/typo.json:3:") && $0.contains("error: The field 'Item' is required.") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("machines/typo.json:3:") && $0.contains("error: The field 'Itme' is not supported by Step Functions. Did you mean 'Item'?") },
                      result.stdout)
    }
}
