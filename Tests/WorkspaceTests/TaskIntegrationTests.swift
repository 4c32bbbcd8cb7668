import Engine
import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// Task states that call the workspace's tables and topics directly (docs/integrations.md):
/// the requests and responses of the DynamoDB API reference's examples (GetItem, PutItem,
/// UpdateItem, DeleteItem: the `Thread` table) and of SNS's Publish, the Task events
/// (docs/history.md), and the errors named `DynamoDB.<Code>` ("Call DynamoDB APIs with Step
/// Functions": the optimized integration's prefix is `DynamoDB`) and `SNS.<Code>`.
final class TaskIntegrationTests: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    /// The DynamoDB API reference's examples post to forum threads, keyed by ForumName and Subject.
    static let thread = """
        {"KeySchema": [{"AttributeName": "ForumName", "KeyType": "HASH"}, {"AttributeName": "Subject", "KeyType": "RANGE"}],
         "AttributeDefinitions": [{"AttributeName": "ForumName", "AttributeType": "S"}, {"AttributeName": "Subject", "AttributeType": "S"}]}
        """

    /// PutItem's example request ("PutItem", DynamoDB API reference, Examples).
    static let putRequest = """
        {"TableName": "Thread",
         "Item": {"LastPostDateTime": {"S": "201303190422"}, "Tags": {"SS": ["Update", "Multiple Items", "HelpMe"]},
                  "ForumName": {"S": "Amazon DynamoDB"},
                  "Message": {"S": "I want to update multiple items in a single call. What's the best way to do that?"},
                  "Subject": {"S": "How do I update multiple items?"}, "LastPostedBy": {"S": "fred@example.com"}},
         "ConditionExpression": "ForumName <> :f and Subject <> :s",
         "ExpressionAttributeValues": {":f": {"S": "Amazon DynamoDB"}, ":s": {"S": "How do I update multiple items?"}}}
        """

    static let key = #"{"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "How do I update multiple items?"}}"#

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        for (folderName, file, text) in [("tables", "Thread.json", Self.thread), ("topics", "alerts.json", #"{"Type": "sns"}"#)] {
            let directory = folder.root.appendingPathComponent(folderName)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        workspace = Workspace(root: folder.root)
    }

    override func tearDownWithError() throws {
        try workspace.close()
        workspace = nil
        folder = nil
    }

    /// Runs a machine of one Task state with these parameters, and returns how it ended.
    private func runTask(_ resource: String, _ parameters: String, name: String = "t") async throws -> ExecutionResult {
        let text = #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)", "Parameters": \#(parameters), "End": true}}}"#
        return try await run(text, name: name)
    }

    private func run(_ text: String, name: String) async throws -> ExecutionResult {
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try text.write(to: machines.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)", name: UUID().uuidString)
        return try await XCTUnwrap(running).result.get()
    }

    private func output(_ result: ExecutionResult, file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        XCTAssertEqual(result.status, .succeeded, "\(result.error ?? ""): \(result.cause ?? "")", file: file, line: line)
        return result.output
    }

    // MARK: DynamoDB

    /// PutItem answers `{}` (no ReturnValues); GetItem with the example's projection answers
    /// the item's projected attributes in attribute-value form.
    func testPutThenGetAsTheAPIReferenceShowsThem() async throws {
        let put = try await runTask("arn:aws:states:::dynamodb:putItem", Self.putRequest)
        XCTAssertEqual(output(put), [:])
        let get = try await runTask("arn:aws:states:::dynamodb:getItem", """
            {"TableName": "Thread", "Key": \(Self.key), "ProjectionExpression": "LastPostDateTime, Message, Tags", "ConsistentRead": true}
            """)
        // The API reference lists the item's attributes in no particular order.
        let item = try XCTUnwrap(output(get)?["Item"]?.objectValue)
        XCTAssertEqual(output(get)?.objectValue?.keys.elements, ["Item"])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: item.map { ($0.key, $0.value) }), [
            "Tags": ["SS": ["Update", "Multiple Items", "HelpMe"]], "LastPostDateTime": ["S": "201303190422"],
            "Message": ["S": "I want to update multiple items in a single call. What's the best way to do that?"],
        ])
        // GetItem of an item that is not there: "If there is no matching item, GetItem does
        // not return any data and there will be no Item element in the response."
        let missing = try await runTask("arn:aws:states:::dynamodb:getItem", #"{"TableName": "Thread", "Key": {"ForumName": {"S": "x"}, "Subject": {"S": "y"}}}"#)
        XCTAssertEqual(output(missing), [:])
    }

    /// UpdateItem's example: `set LastPostedBy = :val1` if it was `:val2`, answering ALL_NEW.
    func testUpdateItemAnswersTheNewItem() async throws {
        _ = output(try await runTask("arn:aws:states:::dynamodb:putItem", Self.putRequest))
        let update = try await runTask("arn:aws:states:::dynamodb:updateItem", """
            {"TableName": "Thread", "Key": \(Self.key), "UpdateExpression": "set LastPostedBy = :val1",
             "ConditionExpression": "LastPostedBy = :val2",
             "ExpressionAttributeValues": {":val1": {"S": "alice@example.com"}, ":val2": {"S": "fred@example.com"}},
             "ReturnValues": "ALL_NEW"}
            """)
        let attributes = output(update)?["Attributes"]
        XCTAssertEqual(attributes?["LastPostedBy"], ["S": "alice@example.com"])
        XCTAssertEqual(attributes?["ForumName"], ["S": "Amazon DynamoDB"])
        XCTAssertEqual(attributes?.objectValue?.count, 6)
    }

    /// DeleteItem's example: deleted if it has no Replies, answering the old item (ALL_OLD).
    func testDeleteItemAnswersTheOldItem() async throws {
        _ = output(try await runTask("arn:aws:states:::dynamodb:putItem", Self.putRequest))
        let delete = try await runTask("arn:aws:states:::dynamodb:deleteItem", """
            {"TableName": "Thread", "Key": \(Self.key), "ConditionExpression": "attribute_not_exists(Replies)", "ReturnValues": "ALL_OLD"}
            """)
        XCTAssertEqual(output(delete)?["Attributes"]?["LastPostedBy"], ["S": "fred@example.com"])
        XCTAssertEqual(try workspace.tables().items(of: "Thread"), [])
    }

    /// The same PutItem a second time fails its condition: `DynamoDB.ConditionalCheckFailedException`,
    /// DynamoDB's message ("The conditional request failed") and what the SDK says of the call.
    func testAFailedConditionIsDynamoDBsError() async throws {
        _ = output(try await runTask("arn:aws:states:::dynamodb:putItem", Self.putRequest))
        let again = try await runTask("arn:aws:states:::dynamodb:putItem", Self.putRequest)
        XCTAssertEqual(again.status, .failed)
        XCTAssertEqual(again.error, "DynamoDB.ConditionalCheckFailedException")
        let cause = again.cause ?? ""
        XCTAssertTrue(cause.hasPrefix("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: "), cause)
        XCTAssertTrue(cause.hasSuffix("; Proxy: null)"), cause)
        // The TaskFailed event names the resource with the error (docs/history.md).
        let failed = try XCTUnwrap(again.history.first { $0.type == .taskFailed })
        XCTAssertEqual(failed.details?["resourceType"], "dynamodb")
        XCTAssertEqual(failed.details?["resource"], "putItem")
        XCTAssertEqual(failed.details?["error"], "DynamoDB.ConditionalCheckFailedException")
    }

    /// A table the workspace does not declare: "Requested resource not found".
    func testAMissingTableIsResourceNotFound() async throws {
        let result = try await runTask("arn:aws:states:::dynamodb:getItem", #"{"TableName": "Nowhere", "Key": {"id": {"S": "a"}}}"#)
        XCTAssertEqual(result.error, "DynamoDB.ResourceNotFoundException")
        XCTAssertTrue(result.cause?.hasPrefix("Requested resource not found") == true, result.cause ?? "")
        XCTAssertTrue(result.cause?.contains("Error Code: ResourceNotFoundException;") == true, result.cause ?? "")
    }

    /// A key of the wrong shape: "The provided key element does not match the schema".
    func testAWrongKeyIsAValidationException() async throws {
        let result = try await runTask("arn:aws:states:::dynamodb:getItem", #"{"TableName": "Thread", "Key": {"ForumName": {"S": "a"}}}"#)
        XCTAssertEqual(result.error, "DynamoDB.ValidationException")
        XCTAssertTrue(result.cause?.hasPrefix("The provided key element does not match the schema (Service: AmazonDynamoDBv2; Status Code: 400;") == true,
                      result.cause ?? "")
    }

    /// A service's error is caught by its name, as any Task error is.
    func testTheErrorIsCaughtByName() async throws {
        let text = """
            {"StartAt": "Put", "States": {
              "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                      "Parameters": {"TableName": "Thread", "Item": {"ForumName": {"S": "f"}, "Subject": {"S": "s"}},
                                     "ConditionExpression": "attribute_not_exists(ForumName)"},
                      "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "ResultPath": "$.error", "Next": "Exists"}],
                      "Next": "Put"},
              "Exists": {"Type": "Pass", "Parameters": {"caught.$": "$.error.Error"}, "End": true}}}
            """
        // The first Put succeeds and loops to the second, whose condition fails.
        let result = try await run(text, name: "caught")
        XCTAssertEqual(output(result), ["caught": "DynamoDB.ConditionalCheckFailedException"])
    }

    /// The Task events: TaskScheduled with the request, TaskStarted, TaskSucceeded with the
    /// response, each naming `dynamodb` and the action (docs/history.md).
    func testTheTaskEvents() async throws {
        let result = try await runTask("arn:aws:states:::dynamodb:putItem", Self.putRequest)
        let events = result.history.filter { [.taskScheduled, .taskStarted, .taskSucceeded].contains($0.type) }
        XCTAssertEqual(events.map(\.type), [.taskScheduled, .taskStarted, .taskSucceeded])
        let scheduled = try XCTUnwrap(events.first?.details)
        XCTAssertEqual(scheduled["resourceType"], "dynamodb")
        XCTAssertEqual(scheduled["resource"], "putItem")
        XCTAssertEqual(scheduled["region"], "us-east-1")
        XCTAssertEqual(try JSONValue.parse(scheduled["parameters"]?.stringValue ?? ""), try JSONValue.parse(Self.putRequest))
        XCTAssertEqual(events[1].details, ["resourceType": "dynamodb", "resource": "putItem"])
        XCTAssertEqual(events[2].details?["output"], "{}")
    }

    // MARK: Mocks

    /// A test case's mocked responses answer an integration's Task as they answer a Lambda
    /// Task (docs/testing.md): the first call throws the mocked error, which the Retry takes,
    /// the second returns the mocked item; the table is never read.
    func testAMockedIntegrationTakesItsMock() async throws {
        let tests = folder.root.appendingPathComponent("workflow-tests")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        try #"""
            {"StateMachines": {"mocked": {"TestCases": {"Throttled": {"Get": "ThrottledThenItem"}}}},
             "MockedResponses": {"ThrottledThenItem": {
               "0": {"Throw": {"Error": "DynamoDB.ProvisionedThroughputExceededException", "Cause": "slow down"}},
               "1": {"Return": {"Item": {"ForumName": {"S": "mocked"}}}}}}}
            """#.write(to: tests.appendingPathComponent("MockConfigFile.json"), atomically: true, encoding: .utf8)
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try #"""
            {"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
              "Parameters": {"TableName": "Thread", "Key": {"ForumName": {"S": "x"}, "Subject": {"S": "y"}}},
              "Retry": [{"ErrorEquals": ["DynamoDB.ProvisionedThroughputExceededException"], "IntervalSeconds": 1}], "End": true}}}
            """#.write(to: machines.appendingPathComponent("mocked.json"), atomically: true, encoding: .utf8)
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:mocked#Throttled", name: "mocked")
        let result = try await XCTUnwrap(running).result.get()
        XCTAssertEqual(output(result), ["Item": ["ForumName": ["S": "mocked"]]])
        XCTAssertEqual(result.history.filter { $0.type == .taskFailed }.map { $0.details?["error"] },
                       ["DynamoDB.ProvisionedThroughputExceededException"])
    }

    // MARK: SNS

    /// The example of "Call Amazon SNS with Step Functions": a message with attributes to a
    /// topic; Publish answers its MessageId, and the topic keeps the message.
    func testPublishAnswersTheMessageId() async throws {
        let result = try await runTask("arn:aws:states:::sns:publish", """
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message": "disk full", "Subject": "ops",
             "MessageAttributes": {"my_attribute_no_1": {"DataType": "String", "StringValue": "value of my_attribute_no_1"}}}
            """)
        let messageId = try XCTUnwrap(output(result)?["MessageId"]?.stringValue)
        XCTAssertEqual(output(result)?.objectValue?.count, 1)
        let stored = try workspace.topics().publishedMessages(topic: "alerts")
        XCTAssertEqual(stored.map(\.messageId), [messageId])
        XCTAssertEqual(stored.first?.message, "disk full")
        XCTAssertEqual(stored.first?.subject, "ops")
    }

    /// A Message given as JSON (a callback's token, say) is published as its JSON text.
    func testAnObjectMessageIsPublishedAsItsText() async throws {
        let result = try await runTask("arn:aws:states:::sns:publish", #"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message": {"Input": 1}}"#)
        _ = output(result)
        XCTAssertEqual(try workspace.topics().publishedMessages(topic: "alerts").map(\.message), [#"{"Input":1}"#])
    }

    /// A topic the workspace does not declare: SNS's NotFound (HTTP 404), `SNS.NotFoundException`.
    func testAMissingTopicIsNotFound() async throws {
        let result = try await runTask("arn:aws:states:::sns:publish", #"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:nowhere", "Message": "m"}"#)
        XCTAssertEqual(result.error, "SNS.NotFoundException")
        XCTAssertTrue(result.cause?.hasPrefix("Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: ") == true,
                      result.cause ?? "")
    }

    /// An empty message: SNS's InvalidParameter (HTTP 400), `SNS.InvalidParameterException`.
    func testAnEmptyMessageIsAnInvalidParameter() async throws {
        let result = try await runTask("arn:aws:states:::sns:publish", #"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message": ""}"#)
        XCTAssertEqual(result.error, "SNS.InvalidParameterException")
        XCTAssertTrue(result.cause?.hasPrefix("Invalid parameter: Empty message (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter;") == true,
                      result.cause ?? "")
    }
}
