import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run` on seed 001's machine: a Task calls `Test`, which raises `TestError` on
/// `{"fail": true}`; a Catch calls the handler `Error` (log group `/aws/lambda/Error`), and the
/// Pass state `FailState` outputs "handled error". Expected values are the seed's own.
final class RunErrorHandlingTests: RunTestCase {
    /// Seed 001: "Run a state machine execution which will return success ... The last event
    /// should look something like: `"type": "ExecutionSucceeded", "id": 9, "previousEventId": 8,
    /// "executionSucceededEventDetails": {"output": "\"success\""}`".
    func testSuccess() throws {
        let run = try runMachine(Self.errorHandlingMachine, status: 0)
        assertDescribe(run, status: "SUCCEEDED", output: "success")
        XCTAssertEqual(run.events.count, 9)
        XCTAssertEqual(run.events.map(\.summary), [
            "ExecutionStarted",
            "TaskStateEntered [Test]",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionSucceeded",
            "TaskStateExited [Test]",
            "PassStateEntered [SuccessState]",
            "PassStateExited [SuccessState]",
            "ExecutionSucceeded",
        ])
        assertLinearHistory(run.events)
        let last = try XCTUnwrap(run.events.last)
        XCTAssertEqual(last.type, "ExecutionSucceeded")
        XCTAssertEqual(last.id, 9)
        XCTAssertEqual(last.previousEventId, 8)
        XCTAssertEqual(last.details?["output"], #""success""#)
    }

    /// Seed 001, `{"name": "test", "input": "{\"fail\": true}"}`: "The last 2 events should look
    /// something like" PassStateExited (id 13, previousEventId 12, name FailState, output
    /// "\"handled error\"") and ExecutionSucceeded (id 14, previousEventId 13, the same output);
    /// and "You should see `called error_handler` as an event" in /aws/lambda/Error.
    func testCaughtErrorIsHandled() throws {
        let run = try runMachine(Self.errorHandlingMachine, input: #"{"fail": true}"#, name: "test", status: 0)
        assertDescribe(run, status: "SUCCEEDED", output: "handled error")
        XCTAssertEqual(run.describe["name"], "test")
        XCTAssertEqual(run.describe["executionArn"], "arn:aws:states:us-east-1:123456789012:execution:TestErrorHandling:test")
        XCTAssertEqual(run.events.count, 14)
        XCTAssertEqual(run.events.map(\.summary), [
            "ExecutionStarted",
            "TaskStateEntered [Test]",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionFailed",
            "TaskStateExited [Test]",
            "TaskStateEntered [ErrorHandler]",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionSucceeded",
            "TaskStateExited [ErrorHandler]",
            "PassStateEntered [FailState]",
            "PassStateExited [FailState]",
            "ExecutionSucceeded",
        ])
        assertLinearHistory(run.events)
        XCTAssertEqual(run.events[4].details?["error"], "TestError")

        let lastTwo = Array(run.events.suffix(2))
        XCTAssertEqual(lastTwo.map(\.type), ["PassStateExited", "ExecutionSucceeded"])
        XCTAssertEqual(lastTwo.map(\.id), [13, 14])
        XCTAssertEqual(lastTwo.map(\.previousEventId), [12, 13])
        XCTAssertEqual(lastTwo[0].details?["name"], "FailState")
        XCTAssertEqual(lastTwo[0].details?["output"], #""handled error""#)
        XCTAssertEqual(lastTwo[1].details?["output"], #""handled error""#)

        // The handler got the Catch's {"Error", "Cause"} and printed its line.
        let handlerCall = run.events[7]
        let handlerInput = try JSONValue.parse(try XCTUnwrap(handlerCall.details?["input"]?.stringValue))
        XCTAssertEqual(handlerInput["Error"], "TestError")
        XCTAssertEqual(handlerCall.details?["resource"], "arn:aws:lambda:us-east-1:123456789012:function:Error")
        let logs = try hostSucceeds("logs", "get", "/aws/lambda/Error")
        let messages = detailedEvents(logs.stdout).map(\.message)
        XCTAssertTrue(messages.contains("called error_handler"), logs.stdout)
        XCTAssertEqual(messages.filter { $0.hasPrefix("START RequestId: ") }.count, 1, "one call of the handler: \(logs.stdout)")
    }

    /// The success path never calls the handler: its log group stays empty.
    func testSuccessDoesNotCallTheHandler() throws {
        try runMachine(Self.errorHandlingMachine, input: #"{"fail": false}"#, status: 0)
        let logs = try host("logs", "get", "/aws/lambda/Error")
        XCTAssertFalse(logs.stdout.contains("called error_handler"), logs.stdout)
        let test = try hostSucceeds("logs", "get", "/aws/lambda/Test")
        XCTAssertEqual(detailedEvents(test.stdout).filter { $0.message.hasPrefix("START RequestId: ") }.count, 1, test.stdout)
    }
}
