import Foundation
import JSONValue
import TestSupport
import XCTest

/// The integrations demo of `.ci/demo`, as the repository ships it (docs/integrations.md):
/// `machines/demo.json` reads the orders of `buckets/demo-orders/orders.json`
/// (`aws-sdk:s3:getObject`), puts each in the table `demo-orders` (`dynamodb:putItem`), has
/// `machines/demo-summary.json` total them in a child execution it waits for
/// (`states:startExecution.sync`) and publishes the summary (`sns:publish`); `host tables scan`,
/// `host topics messages` and `host executions list` show what it did. The expected values are
/// worked out by hand from the three orders: 42 + 17.5 + 120 = 179.5.
final class IntegrationsDemoTests: RunTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for file in ["machines/demo.json", "machines/demo-summary.json", "buckets/demo-orders/orders.json", "tables/demo-orders.json",
                     "topics/demo-summary.json", "examples/demo.json"] {
            try workspace.copy(fromRepository: file)
        }
    }

    func testTheDemoStoresTotalsAndPublishesTheOrders() throws {
        let input = try String(contentsOf: workspace.root.appendingPathComponent("examples/demo.json"), encoding: .utf8)
        let run = try runMachine("machines/demo.json", input: input, status: 0)
        XCTAssertEqual(run.output?["totals"], ["count": 3, "total": 179.5])
        let child = try XCTUnwrap(run.output?["child"]?.stringValue)
        XCTAssertTrue(child.hasPrefix("arn:aws:states:us-east-1:123456789012:execution:demo-summary:"), child)
        // The .sync Task's events name its resource with the pattern (docs/history.md).
        let scheduled = run.events.filter { $0.type == "TaskScheduled" }.map { $0.details?["resource"]?.stringValue ?? "" }
        XCTAssertEqual(scheduled, ["getObject", "putItem", "putItem", "putItem", "startExecution.sync", "publish"])

        let scan = try JSONValue.parse(try hostSucceeds("tables", "scan", "demo-orders").stdout)
        XCTAssertEqual(scan["Count"], 3)
        XCTAssertEqual(Set(scan["Items"]?.arrayValue?.compactMap { $0["total"]?["N"]?.stringValue } ?? []), ["42", "17.5", "120"])
        let messages = try hostSucceeds("topics", "messages", "demo-summary").stdout
        XCTAssertTrue(messages.contains("3 orders stored in demo-orders, totalling 179.5"), messages)
        // The child is an execution of its own, listed beside its parent.
        let listed = try hostSucceeds("executions", "list").stdout
        let childName = String(child.split(separator: ":").last ?? "")
        XCTAssertTrue(listed.split(separator: "\n").contains { $0.hasPrefix("\(childName)\tSUCCEEDED\tdemo-summary") }, listed)
        let childInput = try JSONValue.parse(try hostSucceeds("executions", "describe", childName).stdout)["input"]?.stringValue
        // "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID" carries the parent's ARN into the child's input.
        XCTAssertEqual(try JSONValue.parse(try XCTUnwrap(childInput))["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"],
                       run.describe["executionArn"])
    }
}
