import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run` on seed 003's machine, the AWS "retry and catch API responses" tutorial, with the
/// four status codes the tutorial runs. Statuses, outputs, errors, causes and event sequences
/// are those of docs/history.md and of the moto peer's recording of the same machine
/// (transcribed below).
final class RunSeedMachineTests: RunTestCase {
    static let functionArn = "arn:aws:lambda:us-east-1:123456789012:function:MockAPIFunction"

    /// The peer's recording, input `{"statuscode":"200"}`: 9 events.
    static let succeededSequence = [
        "ExecutionStarted",
        "TaskStateEntered [Call API]",
        "LambdaFunctionScheduled",
        "LambdaFunctionStarted",
        "LambdaFunctionSucceeded",
        "TaskStateExited [Call API]",
        "PassStateEntered [OK]",
        "PassStateExited [OK]",
        "ExecutionSucceeded",
    ]

    /// The peer's recording, input `{"statuscode":"429"}`: 24 events; docs/history.md: "three failed
    /// calls (the first and two retries), the Catch to `Wait and Try Later`, `Change to 200`, a
    /// fourth successful call, `OK`, `ExecutionSucceeded`".
    static let throttledSequence = [
        "ExecutionStarted",
        "TaskStateEntered [Call API]",
        "LambdaFunctionScheduled",
        "LambdaFunctionStarted",
        "LambdaFunctionFailed",
        "LambdaFunctionScheduled",
        "LambdaFunctionStarted",
        "LambdaFunctionFailed",
        "LambdaFunctionScheduled",
        "LambdaFunctionStarted",
        "LambdaFunctionFailed",
        "TaskStateExited [Call API]",
        "WaitStateEntered [Wait and Try Later]",
        "WaitStateExited [Wait and Try Later]",
        "PassStateEntered [Change to 200]",
        "PassStateExited [Change to 200]",
        "TaskStateEntered [Call API]",
        "LambdaFunctionScheduled",
        "LambdaFunctionStarted",
        "LambdaFunctionSucceeded",
        "TaskStateExited [Call API]",
        "PassStateEntered [OK]",
        "PassStateExited [OK]",
        "ExecutionSucceeded",
    ]

    /// The peer's recording, inputs 503 and 500: 8 events, ending in the Fail state the Catch chose.
    static func failedSequence(failState: String) -> [String] {
        [
            "ExecutionStarted",
            "TaskStateEntered [Call API]",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionFailed",
            "TaskStateExited [Call API]",
            "FailStateEntered [\(failState)]",
            "ExecutionFailed",
        ]
    }

    // MARK: - The four status codes, virtual clock

    func testStatus200Succeeds() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, status: 0)
        assertDescribe(run, status: "SUCCEEDED", output: "The request has succeeded.")
        XCTAssertEqual(run.describe["input"], .string(#"{"statuscode":"200"}"#))
        XCTAssertEqual(run.events.count, 9)
        XCTAssertEqual(run.events.map(\.summary), Self.succeededSequence)
        assertLinearHistory(run.events)

        // The Task's call and its answer: the function's "200 OK" is the Task's output.
        let scheduled = try XCTUnwrap(run.events.first { $0.type == "LambdaFunctionScheduled" })
        XCTAssertEqual(scheduled.details?["resource"], .string(Self.functionArn))
        XCTAssertEqual(try scheduled.details?["input"]?.stringValue.map(JSONValue.parse), ["statuscode": "200"])
        let succeeded = try XCTUnwrap(run.events.first { $0.type == "LambdaFunctionSucceeded" })
        XCTAssertEqual(try succeeded.details?["output"]?.stringValue.map(JSONValue.parse), "200 OK")
        XCTAssertEqual(try run.events.last?.details?["output"]?.stringValue.map(JSONValue.parse), "The request has succeeded.")
    }

    func testStatus429RetriesTwiceThenCatchesWaitsAndSucceeds() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, status: 0)
        assertDescribe(run, status: "SUCCEEDED", output: "The request has succeeded.")
        XCTAssertEqual(run.events.count, 24)
        XCTAssertEqual(run.events.map(\.summary), Self.throttledSequence)
        assertLinearHistory(run.events)

        // Three failed calls with the function's error (docs/lambda.md: Error = errorType,
        // Cause = the payload as a JSON string), all with the execution's input.
        let failures = run.events.filter { $0.type == "LambdaFunctionFailed" }
        XCTAssertEqual(failures.map(\.id), [5, 8, 11])
        for failure in failures {
            XCTAssertEqual(failure.details?["error"], "TooManyRequestsException")
            let cause = try JSONValue.parse(try XCTUnwrap(failure.details?["cause"]?.stringValue))
            XCTAssertEqual(cause["errorType"], "TooManyRequestsException")
            XCTAssertEqual(cause["errorMessage"], "429 Too Many Requests")
        }
        let calls = run.events.filter { $0.type == "LambdaFunctionScheduled" }
        XCTAssertEqual(try calls.map { try JSONValue.parse(try XCTUnwrap($0.details?["input"]?.stringValue)) },
                       [["statuscode": "429"], ["statuscode": "429"], ["statuscode": "429"], ["statuscode": "200"]])
        XCTAssertTrue(calls.allSatisfy { $0.details?["resource"] == .string(Self.functionArn) })

        // The Catch's output replaces the input (ResultPath `$`): {"Error", "Cause"}.
        let caught = try JSONValue.parse(try XCTUnwrap(run.events[11].details?["output"]?.stringValue))
        XCTAssertEqual(caught.objectValue.map { Array($0.keys) }, ["Error", "Cause"])
        XCTAssertEqual(caught["Error"], "TooManyRequestsException")
        XCTAssertEqual(try run.events[15].details?["output"]?.stringValue.map(JSONValue.parse), ["statuscode": "200"])

        // Retry waits 1 s then 2 s (IntervalSeconds 1, BackoffRate 2.0), the Wait state 1 s; the
        // virtual clock moves the history's time on by exactly that much.
        let t = run.events.map(\.timestamp)
        XCTAssertEqual(t[5] - t[4], 1, accuracy: 0.002, "first retry after 1 s")
        XCTAssertEqual(t[8] - t[7], 2, accuracy: 0.002, "second retry after 2 s")
        XCTAssertEqual(t[13] - t[12], 1, accuracy: 0.002, "Wait and Try Later waits 1 s")
        XCTAssertGreaterThanOrEqual(t[23] - t[0], 3.999)
        XCTAssertLessThan(t[23] - t[0], 4.1, "nothing else takes virtual time")
        let start = try XCTUnwrap(run.describe["startDate"]?.doubleValue), stop = try XCTUnwrap(run.describe["stopDate"]?.doubleValue)
        XCTAssertEqual(stop - start, 4, accuracy: 0.01)
    }

    func testStatus503FailsAsServerUnavailable() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"503"}"#, status: 1)
        assertDescribe(run, status: "FAILED", error: "ServerUnavailable", cause: "The server is currently unable to handle the request.")
        XCTAssertEqual(run.events.count, 8)
        XCTAssertEqual(run.events.map(\.summary), Self.failedSequence(failState: "Server Unavailable"))
        assertLinearHistory(run.events)
        XCTAssertEqual(run.events[4].details?["error"], "ServerUnavailableException")
        XCTAssertEqual(run.events.last?.details?["error"], "ServerUnavailable")
        XCTAssertEqual(run.events.last?.details?["cause"], "The server is currently unable to handle the request.")
    }

    func testStatus500IsCaughtByStatesALL() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"500"}"#, status: 1)
        assertDescribe(run, status: "FAILED", error: "An error of unknown type occurred", cause: "Unknown error!")
        XCTAssertEqual(run.events.count, 8)
        XCTAssertEqual(run.events.map(\.summary), Self.failedSequence(failState: "Catch All"))
        assertLinearHistory(run.events)
        XCTAssertEqual(run.events[4].details?["error"], "UnknownException")
        XCTAssertEqual(run.events.last?.details?["error"], "An error of unknown type occurred")
        XCTAssertEqual(run.events.last?.details?["cause"], "Unknown error!")
    }

    /// The examples/ files the README's commands use, through `--input-file`.
    func testInputFile() throws {
        try workspace.copy(fromRepository: "examples/statuscode-503.json")
        let result = try host("run", Self.apiMachine, "--input-file", "examples/statuscode-503.json", "--virtual-clock", "--output", "json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let describe = try JSONValue.parse(result.stdout)
        XCTAssertEqual(describe["status"], "FAILED")
        XCTAssertEqual(describe["input"], .string(#"{"statuscode":"503"}"#))
        XCTAssertEqual(describe["error"], "ServerUnavailable")
        XCTAssertNil(describe["history"], "the history only with --history")
    }

    /// What one process wrote, another reads: the stored history is the one `run` printed.
    func testTheStoredHistoryIsThePrintedOne() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, name: "throttled", status: 0)
        let stored = try storedHistory("throttled")
        XCTAssertEqual(stored.map(\.summary), Self.throttledSequence)
        XCTAssertEqual(stored.map(\.id), run.events.map(\.id))
        XCTAssertEqual(stored.map(\.previousEventId), run.events.map(\.previousEventId))
        XCTAssertEqual(stored.map(\.timestamp), run.events.map(\.timestamp))
        XCTAssertEqual(stored.map(\.details), run.events.map(\.details))
    }

    /// `--output text`: a summary a person reads, ending with the status and the output.
    func testTextOutput() throws {
        let result = try host("run", Self.apiMachine, "--input", #"{"statuscode":"200"}"#, "--virtual-clock", "--output", "text")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("SUCCEEDED"), result.stdout)
        XCTAssertTrue(result.stdout.contains("The request has succeeded."), result.stdout)
        XCTAssertFalse(result.stdout.contains("\u{1B}["), "no colour off a terminal: \(result.stdout.debugDescription)")
    }

    // MARK: - Real time

    /// Without `--virtual-clock` the retries and the Wait really wait: 1 + 2 + 1 s.
    func testStatus429WaitsInRealTime() throws {
        let started = Date()
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, virtualClock: false, status: 0)
        let elapsed = Date().timeIntervalSince(started)
        // A correctness bound, not a speed one: the process must have waited.
        XCTAssertGreaterThanOrEqual(elapsed, 3.9)
        XCTAssertLessThan(elapsed, 30, "far more than 4 s of waiting")
        assertDescribe(run, status: "SUCCEEDED", output: "The request has succeeded.")
        XCTAssertEqual(run.events.map(\.summary), Self.throttledSequence)
        let t = run.events.map(\.timestamp)
        XCTAssertGreaterThanOrEqual(t[5] - t[4], 0.999)
        XCTAssertGreaterThanOrEqual(t[8] - t[7], 1.999)
        XCTAssertGreaterThanOrEqual(t[13] - t[12], 0.999)
        XCTAssertGreaterThanOrEqual(t[23] - t[0], 3.99)
    }
}
