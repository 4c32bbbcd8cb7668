import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run MACHINE --test-case NAME` with AWS's `LambdaSQSIntegration` example of Step
/// Functions Local's mocked service integrations: AWS's mock file unchanged, the machine with
/// `SQSState` as a Lambda Task (Tests/Fixtures/LambdaSQSIntegration, docs/testing.md).
final class MockedRunTests: RunTestCase {
    static let fixtures = "Tests/Fixtures/LambdaSQSIntegration/"
    /// AWS's mocked responses, as the guide gives them.
    static let lambdaSuccess: JSONValue = ["StatusCode": 200, "Payload": ["StatusCode": 200, "body": "Hello from Lambda!"]]
    static let sqsSuccess: JSONValue = [
        "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51",
    ]

    override func setUpWithError() throws {
        try super.setUpWithError()
        let fixtures = Repository.root.appendingPathComponent(Self.fixtures)
        try write(String(contentsOf: fixtures.appendingPathComponent("LambdaSQSIntegration.json"), encoding: .utf8),
                  to: "machines/LambdaSQSIntegration.json")
        try write(String(contentsOf: fixtures.appendingPathComponent("MockConfigFile.json"), encoding: .utf8),
                  to: "workflow-tests/MockConfigFile.json")
        try write(String(contentsOf: fixtures.appendingPathComponent("SendMessage.lua"), encoding: .utf8), to: "functions/SendMessage.lua")
    }

    func run(_ testCase: String, status: Int32, extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let arguments = ["run", "LambdaSQSIntegration", "--test-case", testCase, "--virtual-clock", "--output", "json", "--history"] + extra
        let result = try runHost(arguments, in: workspace.root)
        XCTAssertEqual(result.status, status, "stderr: \(result.stderr)", file: file, line: line)
        let describe = try JSONValue.parse(result.stdout)
        let history = try XCTUnwrap(describe["history"]?["events"]?.arrayValue, result.stdout, file: file, line: line)
        return Run(result: result, describe: describe, events: try history.map { try Self.event($0) })
    }

    /// HappyPath: "the output of LambdaState and SQSState is the mock data", and "the output
    /// from LambdaState is passed onto SQSState as input"; the function is never called.
    func testHappyPathReturnsTheMockedResponses() throws {
        let run = try run("HappyPath", status: 0)
        assertDescribe(run, status: "SUCCEEDED", output: Self.sqsSuccess)
        let sqsEntered = try XCTUnwrap(run.events.first { $0.type == "TaskStateEntered" && $0.stateName == "SQSState" })
        XCTAssertEqual(sqsEntered.details?["input"]?.stringValue.flatMap { try? JSONValue.parse($0) }, Self.lambdaSuccess)
        // A mocked lambda:invoke records the Task events a real one does (docs/history.md).
        XCTAssertEqual(run.types.filter { $0.hasPrefix("Task") && !$0.contains("State") },
                       ["TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskScheduled", "TaskStarted", "TaskSucceeded"])
        assertNoLogGroup("/aws/lambda/HelloWorldFunction")
        assertNoLogGroup("/aws/lambda/SendMessage")
    }

    /// RetryPath: invocation 0 throws Lambda.ResourceNotReadyException, 1-2 throw
    /// Lambda.TimeoutException, 3 returns; the retrier (IntervalSeconds 2, BackoffRate 2,
    /// MaxAttempts 3) waits 2, 4 and 8 s between them.
    func testRetryPathThrowsPerInvocationThenSucceeds() throws {
        let run = try run("RetryPath", status: 0)
        assertDescribe(run, status: "SUCCEEDED", output: Self.sqsSuccess)
        let failed = run.events.filter { $0.type == "TaskFailed" }
        XCTAssertEqual(failed.map { $0.details?["error"]?.stringValue },
                       ["Lambda.ResourceNotReadyException", "Lambda.TimeoutException", "Lambda.TimeoutException"])
        XCTAssertEqual(failed.map { $0.details?["cause"]?.stringValue },
                       ["Lambda resource is not ready.", "Lambda timed out.", "Lambda timed out."])
        let scheduled = run.events.filter { $0.type == "TaskScheduled" }.map(\.timestamp)
        XCTAssertEqual(scheduled.count, 5, "four attempts of LambdaState, one of SQSState")
        for (index, interval) in [2.0, 4.0, 8.0].enumerated() {
            XCTAssertEqual(scheduled[index + 1] - scheduled[index], interval, accuracy: 0.05, "retry \(index + 1)")
        }
    }

    /// HybridPath: LambdaState is mocked; SQSState, which the test case does not name, calls
    /// its function for real.
    func testHybridPathCallsTheStateItDoesNotMock() throws {
        let run = try run("HybridPath", status: 0)
        XCTAssertEqual(run.status, "SUCCEEDED")
        XCTAssertEqual(run.output?["Payload"], [
            "MessageId": "sent-by-lua", "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue",
        ])
        XCTAssertEqual(run.output?["StatusCode"], 200)
        let log = try hostSucceeds("logs", "get", "/aws/lambda/SendMessage", "--since", "1h").stdout
        XCTAssertTrue(log.contains("sending to https://sqs.us-east-1.amazonaws.com/123456789012/myQueue"), log)
        assertNoLogGroup("/aws/lambda/HelloWorldFunction")
    }

    /// A mock for a Task whose Resource is a function's ARN: `Return` is the Task's result, and
    /// `Throw` reaches Catch by its name (seed 001's machine).
    func testMockedFunctionArnTaskIsCaught() throws {
        try write("""
            {"StateMachines": {"TestErrorHandling": {"TestCases": {"Fails": {"Test": "Thrown"}, "Passes": {"Test": "Returned"}}}},
             "MockedResponses": {
               "Thrown": {"0": {"Throw": {"Error": "TestError", "Cause": "mocked"}}},
               "Returned": {"0": {"Return": {"mocked": true}}}}}
            """, to: "mocks.json")
        let failing = try runHost(["run", "TestErrorHandling", "--test-case", "Fails", "--mock-config", "mocks.json", "--output", "json", "--history"],
                                  in: workspace.root)
        XCTAssertEqual(failing.status, 0, failing.stderr)
        let described = try JSONValue.parse(failing.stdout)
        XCTAssertEqual(described["output"]?.stringValue, #""handled error""#)
        let events = try XCTUnwrap(described["history"]?["events"]?.arrayValue).map { try Self.event($0) }
        let lambdaFailed = try XCTUnwrap(events.first { $0.type == "LambdaFunctionFailed" })
        XCTAssertEqual(lambdaFailed.details?["error"], "TestError")
        XCTAssertEqual(lambdaFailed.details?["cause"], "mocked")
        let passing = try runHost(["run", "TestErrorHandling", "--test-case", "Passes", "--mock-config", "mocks.json", "--output", "json"],
                                  in: workspace.root)
        XCTAssertEqual(passing.status, 0, passing.stderr)
        XCTAssertEqual(try JSONValue.parse(passing.stdout)["output"]?.stringValue.flatMap { try? JSONValue.parse($0) }, ["mocked": true])
        assertNoLogGroup("/aws/lambda/Test")
    }

    // MARK: - Refused before anything runs

    func testUnknownTestCaseIsRefused() throws {
        let result = try host("run", "LambdaSQSIntegration", "--test-case", "SadPath")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("workflow-tests/MockConfigFile.json: the state machine 'LambdaSQSIntegration' has no test case 'SadPath'"),
                      result.stderr)
        XCTAssertEqual(try host("executions", "list").stdout.contains("LambdaSQSIntegration"), false)
    }

    func testMalformedMockFileIsRefusedAtItsPlace() throws {
        try write("{\n  \"StateMachines\": {\n    \"LambdaSQSIntegration\": {\"TestCases\": {\"X\": {\"LambdaState\": \"Missing\"}}}\n  },\n  \"MockedResponses\": {}\n}\n",
                  to: "bad.json")
        let result = try host("run", "LambdaSQSIntegration", "--test-case", "X", "--mock-config", "bad.json")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("bad.json:3:65: 'Missing' is not in MockedResponses"), result.stderr)
        try write("{\"StateMachines\": {,}}", to: "broken.json")
        let broken = try host("run", "LambdaSQSIntegration", "--test-case", "X", "--mock-config", "broken.json")
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.hasPrefix("broken.json:1:20: "), broken.stderr)
    }

    func testMockOfAStateTheMachineDoesNotHaveIsRefused() throws {
        try write("""
            {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"X": {"LambdaStat": "R", "SQSState": "R"}}}},
             "MockedResponses": {"R": {"0": {"Return": 1}}}}
            """, to: "typo.json")
        let result = try host("run", "LambdaSQSIntegration", "--test-case", "X", "--mock-config", "typo.json")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("typo.json:1:65: the test case 'X' mocks the state 'LambdaStat', which machines/LambdaSQSIntegration.json does not have"),
                      result.stderr)
    }

    /// Fails the test when `group` exists: a mocked function is never invoked.
    func assertNoLogGroup(_ group: String, file: StaticString = #filePath, line: UInt = #line) {
        let groups = (try? host("logs", "groups").stdout) ?? ""
        XCTAssertFalse(groups.contains(group), "\(group) exists: \(groups)", file: file, line: line)
    }
}
