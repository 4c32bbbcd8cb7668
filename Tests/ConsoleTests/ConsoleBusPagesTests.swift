@testable import Console
import Foundation
import HTTPTypes
import JSONValue
import TestSupport
import Workspace
import XCTest

/// `/rules` and `/events` (docs/console.md): what the workspace's event bus keeps, shown as text,
/// each linked to the functions it reaches.
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
}
