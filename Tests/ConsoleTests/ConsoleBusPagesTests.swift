@testable import Console
import Foundation
import HTTPTypes
import JSONValue
import TestSupport
import Workspace
import XCTest

/// `/rules`, `/events`, `/tables/NAME` and `/topics/NAME` (docs/console.md): what the workspace's
/// event bus, tables and topics keep, shown as text, each linked to the functions it reaches.
final class ConsoleBusPagesTests: ConsoleTestCase {
    static let hostile = "<img src=x onerror=alert(1)>"
    static let escaped = "&lt;img src=x onerror=alert(1)&gt;"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try folder.copy(fromRepository: "functions/Test.lua")
        try folder.addFunction("Echo", "function handler(event, context)\n  return event\nend\n")
        for (path, text) in [
            // Seed 001's Test function fails when the event says so: every delivery of this rule fails.
            ("rules/orders-to-test.json", #"""
            {"EventPattern": {"source": ["shop"], "detail-type": ["Order placed"]},
             "Targets": [{"Id": "always-fails", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:Test", "Input": "{\"fail\": true}",
                          "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60}}]}
            """#),
            ("rules/other.json", #"{"EventPattern": {"source": ["elsewhere"]}, "State": "DISABLED", "Targets": [{"Id": "e", "Arn": "Echo"}]}"#),
            ("tables/orders.json", #"{"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"#),
            ("topics/alerts.json", #"{"Type": "sns", "Subscriptions": [{"Protocol": "lambda", "Endpoint": "Echo"}]}"#),
        ] {
            let url = folder.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func testAnEventItsMatchingRuleAndItsDeadLetter() async throws {
        _ = try workspace.eventBridge.putEvents([
            PutEventsEntry(source: "shop", detailType: "Order placed", detail: #"{"note": "\#(Self.hostile)"}"#),
        ])
        let eventId = try XCTUnwrap(workspace.eventBridge.storedEvents().last?.id)
        await workspace.drainEvents()
        let console = Console(workspace: workspace, credentials: nil)

        let events = try await send(console, .get, "/events")
        XCTAssertEqual(events.status, .ok)
        let row = try XCTUnwrap(section(of: events.body, from: #"<tr id="event-\#(eventId)">"#, to: "</tr>"), events.body)
        XCTAssertTrue(row.contains("<td>shop</td><td>Order placed</td>"), row)
        XCTAssertTrue(row.contains(#"<a href="/rules#rule-orders-to-test">orders-to-test</a>"#), "the rule it matched, not the disabled one")
        XCTAssertFalse(row.contains(">other<"))
        XCTAssertTrue(row.contains(Self.escaped) && !row.contains(Self.hostile), "the event's detail as text")
        let letters = try XCTUnwrap(section(of: events.body, from: #"<table class="dead-letters">"#, to: "</table>"))
        XCTAssertTrue(letters.contains(#"<a href="/rules#rule-orders-to-test">orders-to-test</a>"#), letters)
        XCTAssertTrue(letters.contains(#"<a href="/functions/Test">always-fails</a>"#), "the target's Id, linked to its function")
        XCTAssertTrue(letters.contains("<td>1</td>"), "MaximumRetryAttempts 0: one attempt")
        XCTAssertTrue(letters.contains("TestError: the event asked for a failure"), letters)

        let rules = try await send(console, .get, "/rules")
        XCTAssertEqual(rules.status, .ok)
        let rule = try XCTUnwrap(section(of: rules.body, from: #"id="rule-orders-to-test""#, to: "</section>"))
        XCTAssertTrue(rule.contains(#"<span class="badge st-SUCCEEDED">ENABLED</span>"#), rule)
        XCTAssertTrue(rule.contains("rules/orders-to-test.json"))
        XCTAssertTrue(rule.contains("&quot;source&quot;: [\n    &quot;shop&quot;\n  ]"), "the pattern pretty-printed: \(rule)")
        XCTAssertTrue(rule.contains(#"<a href="/functions/Test">arn:aws:lambda:us-east-1:123456789012:function:Test</a>"#))
        XCTAssertTrue(rule.contains(#"<a href="/events#dead-letters">1</a>"#))
        XCTAssertTrue(rules.body.contains(#"<span class="badge st-ABORTED">DISABLED</span>"#))
        XCTAssertTrue(rules.body.contains(#"<td>e</td><td><a href="/functions/Echo">Echo</a></td>"#), "a file's target named by the function's name")
    }

    func testATablesItemsArePagedInKeyOrderAsText() async throws {
        let tables = try workspace.tables()
        for index in 0..<30 {
            let item: JSONValue = ["id": ["S": .string(String(format: "o-%02d", index))], "note": ["S": .string(Self.hostile)]]
            _ = try tables.perform("PutItem", ["TableName": "orders", "Item": item]).get()
        }
        let console = Console(workspace: workspace, credentials: nil)
        let first = try await send(console, .get, "/tables/orders")
        XCTAssertEqual(first.status, .ok, first.body)
        XCTAssertTrue(first.body.contains("<tr><td>id</td><td>HASH (Partition key)</td><td>S</td></tr>"), first.body)
        XCTAssertTrue(first.body.contains("Items returned: 25,"))
        XCTAssertTrue(first.body.contains("<tr><td>o-00</td>"))
        XCTAssertFalse(first.body.contains("<tr><td>o-25</td>"))
        XCTAssertTrue(first.body.contains(Self.escaped) && !first.body.contains(Self.hostile))
        let next = try XCTUnwrap(section(of: first.body, from: #"<a href="/tables/orders?start="#, to: "\""))
        let second = try await send(console, .get, "/tables/orders?start=" + next)
        XCTAssertTrue(second.body.contains("Items returned: 5,"), second.body)
        XCTAssertTrue(second.body.contains("<tr><td>o-25</td>"))
        XCTAssertFalse(second.body.contains("<tr><td>o-24</td>"))

        let bad = try await send(console, .get, "/tables/orders?start=%7Bnot")
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.contains(#"<p class="error" role="alert" id="items-error">ExclusiveStartKey is not JSON"#), bad.body)
    }

    func testATopicsSubscriptionsAndMessagesAsText() async throws {
        let arn = "arn:aws:sns:us-east-1:123456789012:alerts"
        _ = try workspace.topics().perform("sns", "Publish", ["TopicArn": .string(arn), "Subject": "Alert", "Message": .string(Self.hostile)]).get()
        await workspace.drainEvents()
        let console = Console(workspace: workspace, credentials: nil)
        let page = try await send(console, .get, "/topics/alerts")
        XCTAssertEqual(page.status, .ok, page.body)
        XCTAssertTrue(page.body.contains("<code>\(arn)</code>"))
        XCTAssertTrue(page.body.contains(#"<td>lambda</td><td><a href="/functions/Echo">Echo</a></td>"#), page.body)
        let messages = try XCTUnwrap(section(of: page.body, from: #"<table class="messages">"#, to: "</table>"))
        XCTAssertTrue(messages.contains("<td>Alert</td><td><pre class=\"message\">\(Self.escaped)</pre></td>"), messages)
        XCTAssertFalse(page.body.contains(Self.hostile))
        let list = try await send(console, .get, "/topics")
        XCTAssertTrue(list.body.contains(#"<a href="/topics/alerts">alerts</a></td>"#), list.body)
    }

    func testAnUnknownTableOrTopicIsNotFoundAndSaysWhich() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        for (path, message) in [("/tables/" + pathSegment(Self.hostile), "No table is named \(Self.escaped): tables/\(Self.escaped).json does not exist."),
                                ("/tables/missing", "No table is named missing: tables/missing.json does not exist."),
                                ("/topics/missing", "No topic is named missing: topics/missing.json does not exist.")] {
            let answer = try await send(console, .get, path)
            XCTAssertEqual(answer.status, .notFound, path)
            XCTAssertTrue(answer.body.contains(message), answer.body)
            XCTAssertFalse(answer.body.contains(Self.hostile))
        }
    }
}
