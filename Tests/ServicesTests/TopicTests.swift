import Foundation
import Functions
import JSONValue
import LuaSandbox
import Store
import Synchronization
import TestSupport
import Services
import XCTest

/// SNS and IoT topics: declarations, Publish's answers and errors, stored messages, and
/// delivery to Lambda subscribers in the event shape Lambda receives from SNS.
final class TopicTests: XCTestCase {
    var workspace: TemporaryWorkspace!
    var database: HostDatabase!
    var topics: TopicService!
    let delivered = Deliveries()
    /// 2019-01-02T12:45:07.000Z, the Timestamp of the documentation's example event.
    static let now = Date(timeIntervalSince1970: 1_546_433_107)

    override func setUpWithError() throws {
        workspace = try TemporaryWorkspace()
        try declare("status", #"{"Type": "sns", "Subscriptions": [{"Protocol": "lambda", "Endpoint": "arn:aws:lambda:us-east-1:123456789012:function:notify"}, {"Protocol": "lambda", "Endpoint": "audit"}]}"#)
        try declare("iot-status", #"{"Type": "iot"}"#)
        try declare("quiet", #"{"Type": "sns"}"#)
        database = try HostDatabase(directory: workspace.root.appendingPathComponent(".host"))
        let delivered = self.delivered
        topics = TopicService(messageStore: database, root: workspace.root, now: { Self.now },
                              deliver: { delivered.record($0.functionName, $0.event) },
                              makeMessageID: { UUID(uuidString: "95DF01B4-EE98-5CB9-9903-4C221D41EB5E")! })
    }

    override func tearDown() {
        topics = nil
        database = nil
        workspace = nil
    }

    func declare(_ name: String, _ text: String) throws {
        let folder = workspace.root.appendingPathComponent("topics")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
    }

    func publish(_ service: String, _ parameters: String) throws -> Result<JSONValue, HostCallError> {
        topics.perform(service, "Publish", try JSONValue.parse(parameters))
    }

    func testTheCatalogReadsBothKindsWithTheirARNs() throws {
        let list = try topics.catalog.list()
        XCTAssertEqual(list.map(\.name), ["iot-status", "quiet", "status"])
        XCTAssertEqual(list.map(\.arn), ["arn:aws:iot:us-east-1:123456789012:topic/iot-status", "arn:aws:sns:us-east-1:123456789012:quiet",
                                         "arn:aws:sns:us-east-1:123456789012:status"])
        let status = try XCTUnwrap(list.last)
        XCTAssertEqual(status.subscriptions.map(\.functionName), ["notify", "audit"])
        XCTAssertTrue(status.subscriptions[0].subscriptionArn.hasPrefix("arn:aws:sns:us-east-1:123456789012:status:"))
        // The same subscription keeps its ARN.
        XCTAssertEqual(try TopicCatalog(root: workspace.root).topic("status")?.subscriptions, status.subscriptions)
    }

    func testBadDeclarationsReportEveryProblemWithItsPlace() throws {
        XCTAssertThrowsError(try TopicCatalog.parse("""
            {"Type": "sqs",
             "Subscriptions": [{"Protocol": "email", "Endpoint": "a@example.com"}, {"Protocol": "lambda"}],
             "Policy": {}}
            """, name: "alerts", file: "topics/alerts.json")) { error in
            XCTAssertEqual((error as? CatalogError)?.problems, [
                "topics/alerts.json:3:2: error: unknown field 'Policy' (known: Type, Subscriptions)",
                "topics/alerts.json:1:10: error: 'Type' must be \"sns\" or \"iot\"",
                "topics/alerts.json:2:33: error: 'Protocol' must be \"lambda\": host delivers to functions only",
                "topics/alerts.json:2:72: error: 'Endpoint' must be a function's name or ARN",
            ])
        }
        XCTAssertThrowsError(try TopicCatalog.parse(#"{"Type": "iot", "Subscriptions": []}"#, name: "t", file: "topics/t.json"))
    }

    /// Publish answers `{"MessageId": …}`; each subscriber gets the event of "Using AWS
    /// Lambda with Amazon SNS": EventSource aws:sns, EventVersion 1.0, the message under Sns
    /// with Type Notification, the TopicArn, the Subject, and the attributes as Type/Value.
    func testPublishStoresTheMessageAndDeliversTheLambdaEvent() throws {
        let answer = try publish("sns", #"""
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:status", "Subject": "TestInvoke", "Message": "Hello from SNS!",
             "MessageAttributes": {"Test": {"DataType": "String", "StringValue": "TestString"}, "TestBinary": {"DataType": "Binary", "BinaryValue": "VGVzdEJpbmFyeQ=="}}}
            """#).get()
        XCTAssertEqual(answer, ["MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e"])
        let stored = try topics.messages(topic: "status")
        XCTAssertEqual(stored.map(\.message), ["Hello from SNS!"])
        XCTAssertEqual(stored.first?.subject, "TestInvoke")
        XCTAssertEqual(stored.first?.service, "sns")
        XCTAssertEqual(stored.first?.timestamp, 1_546_433_107_000)
        XCTAssertEqual(try stored.first?.attributes.map { try JSONValue.parse($0) }?["Test"], ["DataType": "String", "StringValue": "TestString"])

        let deliveries = delivered.withLock { $0 }
        XCTAssertEqual(deliveries.map(\.0), ["notify", "audit"])
        let record = try XCTUnwrap(deliveries.first?.1["Records"]?[0])
        let subscription = try XCTUnwrap(topics.catalog.topic("status")?.subscriptions.first?.subscriptionArn)
        XCTAssertEqual(record["EventSource"], "aws:sns")
        XCTAssertEqual(record["EventVersion"], "1.0")
        XCTAssertEqual(record["EventSubscriptionArn"], .string(subscription))
        let sns = try XCTUnwrap(record["Sns"])
        XCTAssertEqual(sns["Type"], "Notification")
        XCTAssertEqual(sns["MessageId"], "95df01b4-ee98-5cb9-9903-4c221d41eb5e")
        XCTAssertEqual(sns["TopicArn"], "arn:aws:sns:us-east-1:123456789012:status")
        XCTAssertEqual(sns["Subject"], "TestInvoke")
        XCTAssertEqual(sns["Message"], "Hello from SNS!")
        XCTAssertEqual(sns["Timestamp"], "2019-01-02T12:45:07.000Z")
        XCTAssertEqual(sns["SignatureVersion"], "1")
        XCTAssertEqual(sns["MessageAttributes"], ["Test": ["Type": "String", "Value": "TestString"],
                                                  "TestBinary": ["Type": "Binary", "Value": "VGVzdEJpbmFyeQ=="]])
        XCTAssertEqual(sns["UnsubscribeUrl"], .string("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=\(subscription)"))
    }

    /// A message without a Subject reaches Lambda with `"Subject": null`; a topic without
    /// subscriptions delivers to no one; MessageStructure json gives Lambda its own text.
    func testSubjectlessStructuredAndUnsubscribedMessages() throws {
        _ = try publish("sns", #"{"TargetArn": "arn:aws:sns:us-east-1:123456789012:quiet", "Message": "nobody listens"}"#).get()
        XCTAssertTrue(delivered.withLock { $0 }.isEmpty)
        _ = try publish("sns", #"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:status", "MessageStructure": "json", "Message": "{\"default\": \"plain\", \"lambda\": \"for functions\"}"}"#).get()
        let sns = delivered.withLock { $0 }.first?.1["Records"]?[0]?["Sns"]
        XCTAssertEqual(sns?["Subject"], .null)
        XCTAssertEqual(sns?["Message"], "for functions")
        XCTAssertEqual(sns?["MessageAttributes"], [:])
    }

    func testSNSErrors() throws {
        func assertFails(_ parameters: String, _ type: String, _ message: String, line: UInt = #line) throws {
            XCTAssertEqual(try publish("sns", parameters), .failure(HostCallError(errorType: type, errorMessage: message)), line: line)
        }
        try assertFails(#"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:missing", "Message": "m"}"#, "NotFoundException", "Topic does not exist")
        try assertFails(#"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:iot-status", "Message": "m"}"#, "NotFoundException", "Topic does not exist")
        try assertFails(#"{"TopicArn": "status", "Message": "m"}"#, "InvalidParameterException", "Invalid parameter: TopicArn")
        try assertFails(#"{"Message": "m"}"#, "InvalidParameterException", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
        try assertFails(#"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:status", "Message": ""}"#, "InvalidParameterException", "Invalid parameter: Empty message")
        try assertFails(#"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:status", "Message": "m", "Subject": "line\nbreak"}"#, "InvalidParameterException", "Invalid parameter: Subject")
        try assertFails(#"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:status", "Message": "m", "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "x"}}}"#,
                        "InvalidParameterException", "Invalid parameter: MessageAttributes Reason: Could not cast message attribute 'n' value to number.")
        try assertFails(#"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:status"}"#, "ParamValidationError",
                        "Parameter validation failed:\nMissing required parameter in input: \"Message\"")
        XCTAssertTrue(try topics.messages().isEmpty, "nothing is stored for a refused message")
        XCTAssertTrue(delivered.withLock { $0 }.isEmpty)
    }

    /// IoT Data's Publish answers nothing and accepts any topic name, declared or not.
    func testIoTPublishStoresUnderAnyTopic() throws {
        XCTAssertEqual(try publish("iot", #"{"topic": "iot-status", "qos": 1, "payload": "{\"status\": \"FAILED\"}"}"#).get(), [:])
        XCTAssertEqual(try publish("iot", #"{"topic": "devices/42/status", "payload": "up"}"#).get(), [:])
        let stored = try topics.messages()
        XCTAssertEqual(stored.map(\.topic), ["iot-status", "devices/42/status"])
        XCTAssertEqual(stored.map(\.service), ["iot", "iot"])
        XCTAssertEqual(stored.first?.message, #"{"status": "FAILED"}"#)
        XCTAssertEqual(stored.first?.attributes, #"{"qos":1}"#)
        XCTAssertEqual(try topics.messages(topic: "arn:aws:iot:us-east-1:123456789012:topic/devices/42/status").map(\.message), ["up"])
        XCTAssertEqual(try publish("iot", #"{"topic": "a/#", "payload": "x"}"#),
                       .failure(HostCallError(errorType: "InvalidRequestException", errorMessage: "Invalid topic name: 'a/#'")))
        XCTAssertEqual(try publish("iot", #"{"payload": "x"}"#),
                       .failure(HostCallError(errorType: "ParamValidationError", errorMessage: "Parameter validation failed:\nMissing required parameter in input: \"topic\"")))
        XCTAssertTrue(delivered.withLock { $0 }.isEmpty)
    }

    /// `messages(topic:after:)` follows a topic: each call passes the last id it saw.
    func testFollowingATopicByGrowingIds() throws {
        _ = try publish("sns", #"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:quiet", "Message": "one"}"#).get()
        let first = try topics.messages(topic: "quiet")
        XCTAssertEqual(first.map(\.message), ["one"])
        _ = try publish("sns", #"{"TopicArn": "arn:aws:sns:us-east-1:123456789012:quiet", "Message": "two"}"#).get()
        _ = try publish("iot", #"{"topic": "quiet", "payload": "an MQTT topic of the same name"}"#).get()
        XCTAssertEqual(try topics.messages(topic: "quiet", after: first.last?.id).map(\.message), ["two"])
        XCTAssertEqual(try topics.messages(topic: "arn:aws:sns:us-east-1:123456789012:quiet").count, 2)
        XCTAssertEqual(try topics.messages(after: first.last?.id).count, 2)
    }

    /// The repository's own workspace declares valid topics.
    func testTheRepositoryTopicsAreValid() throws {
        let list = try TopicCatalog(root: Repository.root).list()
        XCTAssertEqual(Set(list.map(\.name)), ["demo-summary", "iot-status", "status"])
    }
}

/// What the service delivered, to whom.
final class Deliveries: Sendable {
    private let list = Mutex<[(String, JSONValue)]>([])

    func record(_ function: String, _ event: JSONValue) { list.withLock { $0.append((function, event)) } }

    func withLock<T>(_ body: ([(String, JSONValue)]) -> T) -> T { list.withLock { body($0) } }
}
