import Engine
import Foundation
import JSONValue
import Store
import TestSupport
import Workspace
import XCTest

/// A workspace keeps each Map Run a Distributed Map starts, with its counts as DescribeMapRun
/// reports them (docs/distributed-map.md), and its STANDARD children under its ARN.
final class MapRunTests: XCTestCase {
    private var folder: TemporaryWorkspace!
    private var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        // Items that are "fail" fail their child; up to 40% of the items may fail.
        try """
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Items", "ToleratedFailurePercentage": 40,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "fail", "Next": "Fail"}], "Default": "Done"},
                  "Fail": {"Type": "Fail", "Error": "ItemFailed"},
                  "Done": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """.write(to: machines.appendingPathComponent("fan.json"), atomically: true, encoding: .utf8)
        workspace = Workspace(root: folder.root, storage: .memory(MemoryStore()))
    }

    override func tearDownWithError() throws {
        try workspace?.close()
    }

    /// Of 5 items 2 fail: 2 / 5 is 40%, which 40 tolerates ("the total number of failed or
    /// timed out items divided by the total number of items"), so the Map Run succeeds with 3
    /// succeeded and 2 failed.
    func testTheMapRunIsStoredWithItsCounts() async throws {
        let parentArn = "arn:aws:states:us-east-1:123456789012:execution:fan:parent"
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:fan", name: "parent",
            input: #"["a", "fail", "b", "fail", "c"]"#)
        let result = try await XCTUnwrap(running).result.get()
        XCTAssertEqual(result.status, .succeeded)

        let page = try workspace.stepFunctions.listMapRuns(executionArn: parentArn)
        XCTAssertNil(page.nextToken)
        let listed = try XCTUnwrap(page.items.first)
        XCTAssertEqual(page.items.count, 1)
        let mapRun = try workspace.stepFunctions.describeMapRun(arn: listed.progress.mapRunArn).progress
        XCTAssertEqual(mapRun.status, .succeeded)
        XCTAssertEqual(mapRun.executionArn, parentArn)
        XCTAssertEqual(mapRun.stateMachineArn, "arn:aws:states:us-east-1:123456789012:stateMachine:fan/Items")
        XCTAssertEqual(mapRun.toleratedFailurePercentage, 40)
        XCTAssertEqual(mapRun.maxConcurrency, 0)
        let expected = MapRunCounts(pending: 0, running: 0, succeeded: 3, failed: 2, timedOut: 0, aborted: 0, total: 5)
        XCTAssertEqual(mapRun.executionCounts, expected)
        XCTAssertEqual(mapRun.itemCounts, expected)
        XCTAssertNotNil(mapRun.stopDate)

        let children = try workspace.stepFunctions.listExecutions(mapRunArn: mapRun.mapRunArn).items
        XCTAssertEqual(children.map(\.status).sorted(), ["FAILED", "FAILED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
        XCTAssertEqual(Set(children.map(\.mapRunArn)), [mapRun.mapRunArn])
        let child = try await workspace.stepFunctions.describeExecution(arn: try XCTUnwrap(children.first).executionArn)
        XCTAssertEqual(child.mapRunArn, mapRun.mapRunArn)
        let parent = try await workspace.stepFunctions.describeExecution(arn: parentArn)
        XCTAssertNil(parent.mapRunArn)
    }

    func testAnUnknownMapRunIsResourceNotFoundAndAnotherArnInvalid() {
        let unknown = "arn:aws:states:us-east-1:123456789012:mapRun:fan/Items:none"
        XCTAssertThrowsError(try workspace.stepFunctions.describeMapRun(arn: unknown)) { error in
            XCTAssertEqual((error as? ServiceError)?.code, .resourceNotFound)
        }
        XCTAssertThrowsError(try workspace.stepFunctions.describeMapRun(arn: "arn:aws:states:us-east-1:123456789012:execution:fan:parent")) { error in
            XCTAssertEqual((error as? ServiceError)?.code, .invalidArn)
        }
    }
}
