import Foundation
import Functions
import JSONValue
import Store
import TestSupport
import Workspace
import XCTest

/// A message delivered to a subscribed function that fails is not dropped: it goes to the
/// workspace's dead-letter list with the reason, as an event a rule could not deliver does.
final class TopicDeliveryTests: XCTestCase {
    var folder: TemporaryWorkspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        let topics = folder.root.appendingPathComponent("topics")
        try FileManager.default.createDirectory(at: topics, withIntermediateDirectories: true)
        try #"{"Type": "sns", "Subscriptions": [{"Protocol": "lambda", "Endpoint": "notify"}, {"Protocol": "lambda", "Endpoint": "ghost"}, {"Protocol": "lambda", "Endpoint": "audit"}]}"#
            .write(to: topics.appendingPathComponent("alerts.json"), atomically: true, encoding: .utf8)
        try folder.addFunction("publisher", """
            function handler(event)
              return aws.client("sns").publish({TopicArn = "arn:aws:sns:us-east-1:123456789012:alerts", Message = event.message})
            end
            """, configuration: #"""
            {"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:alerts"}]}}
            """#)
        try folder.addFunction("notify", """
            local Unreachable = exception("PagerUnreachable")
            function handler(event) error(Unreachable("no pager for " .. event.Records[1].Sns.Message)) end
            """)
        try folder.addFunction("audit", "function handler(event) return 'recorded' end")
    }

    override func tearDown() { folder = nil }

    func testFailedDeliveriesAreDeadLetteredWithTheirReason() throws {
        let workspace = Workspace(root: folder.root)
        let invocation = try workspace.functionHost().invoke("publisher", event: ["message": "disk full"])
        guard case .success(let answer) = invocation.outcome, let messageId = answer["MessageId"]?.stringValue else {
            return XCTFail("publish failed: \(invocation.outcome)")
        }
        // Closing the workspace waits for the deliveries in the background.
        try workspace.close()
        let letters = try workspace.stores().events.deadLetters().sorted { $0.target < $1.target }
        XCTAssertEqual(letters.map(\.target), ["ghost", "notify"], "audit ran without error: \(letters)")
        for letter in letters {
            XCTAssertEqual(letter.eventId, messageId)
            XCTAssertEqual(letter.rule, "arn:aws:sns:us-east-1:123456789012:alerts")
            XCTAssertEqual(letter.attempts, 1)
        }
        XCTAssertEqual(letters.first?.reason,
                       "Lambda.ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost:$LATEST")
        XCTAssertEqual(letters.last?.reason, "PagerUnreachable: no pager for disk full")
    }

    func testTheFunctionHostIsMadeOnce() throws {
        let workspace = Workspace(root: folder.root)
        defer { try? workspace.close() }
        XCTAssertTrue(try workspace.functionHost() === workspace.functionHost())
    }
}
