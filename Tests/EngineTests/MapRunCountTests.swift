import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// A Map Run's counts as DescribeMapRun reports them (MapRunItemCounts, MapRunExecutionCounts:
/// "pending" is what has not started yet, "running" what is in progress, then one count per
/// way a child ended; "total" all of them), worked out by hand for Map Runs whose children run
/// one at a time (MaxConcurrency 1), so that every step is known.
final class MapRunCountTests: XCTestCase {
    /// Items that are `"fail"` fail their child; the others succeed.
    private func run(_ fields: String, input: JSONValue) async throws -> (ExecutionResult, ChildRecorder) {
        let machine = try StateMachine.parse("""
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Count", "MaxConcurrency": 1, \(fields)
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "fail", "Next": "Fail"}], "Default": "Done"},
                  "Fail": {"Type": "Fail", "Error": "ItemFailed"},
                  "Done": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """).get()
        let children = ChildRecorder()
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"), input: input,
                                  clock: VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000)), invoker: NoFunctions(),
                                  mapRuns: children)
        return (await execution.run(), children)
    }

    /// (pending, running, succeeded, failed, timedOut, aborted) of the execution counts.
    private func tally(_ progress: MapRunProgress) -> [Int] {
        let c = progress.executionCounts
        return [c.pending, c.running, c.succeeded, c.failed, c.timedOut, c.aborted]
    }

    /// Five items, two of which fail, with two failures tolerated: the Map Run succeeds with
    /// 3 succeeded and 2 failed of 5.
    func testSuccessesAndToleratedFailures() async throws {
        let (result, children) = try await run(#""ToleratedFailureCount": 2,"#, input: ["a", "fail", "b", "fail", "c"])
        XCTAssertEqual(result.status, .succeeded)
        let changes = children.mapRunChanges
        // At the start all 5 are pending; then after each child's end, one fewer is pending.
        XCTAssertEqual(changes.map(tally), [
            [5, 0, 0, 0, 0, 0],
            [4, 0, 1, 0, 0, 0],
            [3, 0, 1, 1, 0, 0],
            [2, 0, 2, 1, 0, 0],
            [1, 0, 2, 2, 0, 0],
            [0, 0, 3, 2, 0, 0],
        ])
        let ended = try XCTUnwrap(children.mapRunsEnded.first)
        XCTAssertEqual(children.mapRunsEnded.count, 1)
        XCTAssertEqual(ended.status, .succeeded)
        XCTAssertEqual(ended.executionCounts, MapRunCounts(pending: 0, running: 0, succeeded: 3, failed: 2, timedOut: 0, aborted: 0, total: 5))
        // One item a child: the item counts are the execution counts.
        XCTAssertEqual(ended.itemCounts, ended.executionCounts)
        XCTAssertEqual(ended.maxConcurrency, 1)
        XCTAssertEqual(ended.toleratedFailureCount, 2)
        XCTAssertEqual(ended.toleratedFailurePercentage, 0)
        XCTAssertNotNil(ended.stopDate)

        let started = try XCTUnwrap(result.history.first { $0.type == .mapRunStarted })
        XCTAssertEqual(ended.mapRunArn, started.details?["mapRunArn"]?.stringValue)
        XCTAssertEqual(ended.executionArn, "arn:aws:states:us-east-1:123456789012:execution:M:e")
        XCTAssertEqual(ended.stateMachineArn, "arn:aws:states:us-east-1:123456789012:stateMachine:M/Count")
        XCTAssertEqual(ended.startDate, started.timestamp)
    }

    /// A percentage is "failed or timed out items divided by the total number of items": 2 of
    /// 4 is 50%, which 50 tolerates.
    func testAToleratedPercentage() async throws {
        let (result, children) = try await run(#""ToleratedFailurePercentage": 50,"#, input: ["fail", "a", "fail", "b"])
        XCTAssertEqual(result.status, .succeeded)
        let ended = try XCTUnwrap(children.mapRunsEnded.first)
        XCTAssertEqual(ended.status, .succeeded)
        XCTAssertEqual(ended.toleratedFailurePercentage, 50)
        XCTAssertEqual(ended.toleratedFailureCount, 0)
        XCTAssertEqual(tally(ended), [0, 0, 2, 2, 0, 0])
        XCTAssertEqual(ended.executionCounts.total, 4)
    }

    /// One failure tolerated, and the second fails the Map Run: the fourth item never starts,
    /// so it stays pending.
    func testAFailedMapRunLeavesWhatNeverStartedPending() async throws {
        let (result, children) = try await run(#""ToleratedFailureCount": 1,"#, input: ["fail", "a", "fail", "b"])
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.ExceedToleratedFailureThreshold")
        let ended = try XCTUnwrap(children.mapRunsEnded.first)
        XCTAssertEqual(ended.status, .failed)
        XCTAssertEqual(tally(ended), [1, 0, 1, 2, 0, 0])
        XCTAssertEqual(ended.executionCounts.total, 4)
    }
}
