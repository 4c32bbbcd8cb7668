import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run`'s exit statuses: 0 SUCCEEDED, 1 FAILED, 3 TIMED_OUT, 4 ABORTED, and 2 when the
/// definition, the input or the command line is invalid, in which case nothing runs and no
/// `.host/` is created.
final class RunExitStatusTests: RunTestCase {
    // MARK: - 2: nothing runs

    func testInvalidInputJSON() throws {
        let result = try host("run", Self.apiMachine, "--input", "{bad")
        // The place: the option, line 1, column 2 (where a key should begin).
        assertUsageError(result, mentions: ["--input:1:2"])
        assertNoState()
    }

    func testInvalidJSONInAnInputFile() throws {
        try write("{\n  \"statuscode\": \n}\n", to: "input.json")
        let result = try host("run", Self.apiMachine, "--input-file", "input.json")
        // The value is missing where line 3's `}` stands.
        assertUsageError(result, mentions: ["input.json:3:1"])
        assertNoState()
    }

    func testMissingInputFile() throws {
        assertUsageError(try host("run", Self.apiMachine, "--input-file", "nowhere.json"), mentions: ["nowhere.json"])
        assertNoState()
    }

    func testInputAndInputFileTogether() throws {
        try write(#"{"statuscode":"200"}"#, to: "input.json")
        let result = try host("run", Self.apiMachine, "--input", "{}", "--input-file", "input.json")
        assertUsageError(result, mentions: ["--input", "--input-file"])
        assertNoState()
    }

    /// docs/history.md: execution names have no whitespace, none of `< > { } [ ] ? * " # % \ ^ |
    /// ~ \` $ & , ; : /`, no control characters, and 1 to 80 characters.
    func testBadExecutionNames() throws {
        for name in ["with space", "a/b", "a:b", "tab\there", "", String(repeating: "x", count: 81), "new\nline", "q?", "{x}"] {
            let result = try host("run", Self.apiMachine, "--name", name)
            assertUsageError(result, mentions: ["--name"])
        }
        assertNoState()
        // 80 characters and the allowed punctuation are fine.
        try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: String(repeating: "x", count: 80), status: 0)
        try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: "run-1_2.3+ok=@!", status: 0)
    }

    /// One line naming the file, in the `FILE: ...` form of the definition's diagnostics.
    func testMissingDefinition() throws {
        let result = try host("run", "machines/Nowhere.json")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("machines/Nowhere.json"), result.stderr)
        assertNoState()
    }

    /// A definition with mistakes: each is printed with its place, as `host validate` does.
    func testDefinitionWithErrors() throws {
        try write("""
            {
              "StartAt": "First",
              "States": {
                "First": { "Type": "Pass", "Next": "Nowhere" },
                "Call": { "Type": "Task", "End": true }
              }
            }
            """, to: "machines/Broken.json")
        let result = try host("run", "machines/Broken.json", "--input", "{}")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        // Line 4: `    "First": { "Type": "Pass", "Next": "Nowhere" },`, Nowhere in column 40.
        XCTAssertTrue(lines.contains { $0.hasPrefix("machines/Broken.json:4:40: error: ") && $0.contains("Nowhere") }, result.stderr)
        // Line 5: a Task without Resource, reported where its object starts (column 13).
        XCTAssertTrue(lines.contains { $0.hasPrefix("machines/Broken.json:5:13: error: ") && $0.contains("Resource") }, result.stderr)
        for line in lines {
            XCTAssertNotNil(Self.match(#"machines/Broken\.json:\d+:\d+: error: .+ \(at \$.*\)"#, line), line)
        }
        assertNoState()
    }

    /// StartExecution with a name in use: ExecutionAlreadyExists, and the first execution is
    /// left as it was.
    func testSameNameTwice() throws {
        try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: "once", status: 0)
        let second = try host("run", Self.apiMachine, "--input", #"{"statuscode":"503"}"#, "--name", "once", "--virtual-clock")
        assertUsageError(second, mentions: ["ExecutionAlreadyExists", "once"])

        let describe = try JSONValue.parse(try hostSucceeds("executions", "describe", "once").stdout)
        XCTAssertEqual(describe["status"], "SUCCEEDED")
        XCTAssertEqual(describe["input"], .string(#"{"statuscode":"200"}"#))
        XCTAssertEqual(try storedHistory("once").count, 9)
        // The second run called no function.
        let logs = try hostSucceeds("logs", "get", "/aws/lambda/MockAPIFunction")
        XCTAssertEqual(detailedEvents(logs.stdout).filter { $0.message.hasPrefix("START RequestId: ") }.count, 1, logs.stdout)
        // The same name on another machine is another execution.
        try runMachine(Self.errorHandlingMachine, name: "once", status: 0)
    }

    // MARK: - 3: TIMED_OUT

    static let longWait = """
        {
          "TimeoutSeconds": 5,
          "StartAt": "Sleep",
          "States": { "Sleep": { "Type": "Wait", "Seconds": 3600, "Next": "Done" }, "Done": { "Type": "Succeed" } }
        }
        """

    /// The top-level TimeoutSeconds ends the execution TIMED_OUT (docs/errors.md); with a
    /// virtual clock it does so at once, 5 s after the start by the history's time.
    func testExecutionTimeoutOnAVirtualClock() throws {
        try write(Self.longWait, to: "machines/Sleepy.json")
        let started = Date()
        let run = try runMachine("machines/Sleepy.json", name: "sleepy", status: 3)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "a virtual clock does not wait an hour")
        XCTAssertEqual(run.status, "TIMED_OUT")
        XCTAssertNil(run.describe["output"], "output is set only if the execution succeeds")
        XCTAssertEqual(run.types, ["ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"])
        assertLinearHistory(run.events)
        let t = run.events.map(\.timestamp)
        XCTAssertEqual(t[2] - t[0], 5, accuracy: 0.002, "TimeoutSeconds 5")
        XCTAssertEqual(try storedHistory("sleepy").last?.type, "ExecutionTimedOut")
        let describe = try JSONValue.parse(try hostSucceeds("executions", "describe", "sleepy").stdout)
        XCTAssertEqual(describe["status"], "TIMED_OUT")
    }

    func testExecutionTimeoutInRealTime() throws {
        try write(Self.longWait.replacingOccurrences(of: #""TimeoutSeconds": 5"#, with: #""TimeoutSeconds": 1"#), to: "machines/Sleepy.json")
        let started = Date()
        let run = try runMachine("machines/Sleepy.json", virtualClock: false, status: 3)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 1)
        XCTAssertLessThan(elapsed, 20)
        XCTAssertEqual(run.status, "TIMED_OUT")
        XCTAssertEqual(run.types.last, "ExecutionTimedOut")
    }

    // MARK: - 4: ABORTED

    /// What a `host run` interrupted with SIGINT did.
    struct Interrupted {
        var reason: Process.TerminationReason
        var status: Int32
        var stdout: String
        var stderr: String
        /// From the signal to the process's exit.
        var secondsAfterSignal: Double
    }

    /// Starts `host run MACHINE --name NAME --output json --history`, waits until another
    /// process sees its history reach an event of type `until` (by then Ctrl-C is the
    /// execution's to handle, and the state is running), then sends SIGINT, as Ctrl-C does, and
    /// waits for the process to end.
    func interruptRun(_ machine: String, name: String, until type: String,
                      file: StaticString = #filePath, line: UInt = #line) throws -> Interrupted {
        let (process, stdout, stderr) = try startHost(["run", machine, "--name", name, "--output", "json", "--history"])
        defer { if process.isRunning { process.terminate() } }
        let reached = try eventually {
            let history = try runHost(["executions", "history", name, "--output", "text"], in: workspace.root).stdout
            return history.contains("\t\(type)\t")
        }
        XCTAssertTrue(reached, "the history never showed \(type)", file: file, line: line)
        XCTAssertTrue(process.isRunning, "host run ended before the signal", file: file, line: line)
        let signalled = Date()
        kill(process.processIdentifier, SIGINT)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Interrupted(reason: process.terminationReason, status: process.terminationStatus,
                           stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                           secondsAfterSignal: Date().timeIntervalSince(signalled))
    }

    /// Ctrl-C stops the execution, not the process: ABORTED, recorded, exit 4.
    func testInterruptAbortsTheExecution() throws {
        try write("""
            {"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 600, "End": true}}}
            """, to: "machines/Sleepy.json")
        let run = try interruptRun("machines/Sleepy.json", name: "interrupted", until: "WaitStateEntered")
        XCTAssertLessThan(run.secondsAfterSignal, 10, "the Wait should stop at once")
        XCTAssertEqual(run.reason, .exit, "the process exits by itself rather than dying of SIGINT")
        XCTAssertEqual(run.status, 4, run.stderr)
        let describe = try JSONValue.parse(run.stdout)
        XCTAssertEqual(describe["status"], "ABORTED")
        let events = try XCTUnwrap(describe["history"]?["events"]?.arrayValue).map { try Self.event($0) }
        XCTAssertEqual(events.map(\.type), ["ExecutionStarted", "WaitStateEntered", "ExecutionAborted"])
        assertLinearHistory(events)

        // Another process sees it ended.
        let record = try JSONValue.parse(try hostSucceeds("executions", "describe", "interrupted").stdout)
        XCTAssertEqual(record["status"], "ABORTED")
        XCTAssertNotNil(record["stopDate"]?.doubleValue)
        XCTAssertEqual(try storedHistory("interrupted").last?.type, "ExecutionAborted")
        XCTAssertEqual(try hostSucceeds("executions", "list", "--status", "RUNNING").stdout, "")
    }

    // MARK: - Stopping during a function call

    /// A function that keeps its interpreter busy for 5 s (CPU time), well within its timeout.
    private func addBusyFunction() throws {
        try workspace.addFunction("Busy", """
            function handler(event, context)
              local start = os.clock()
              while os.clock() - start < 5 do end
              return "done"
            end
            """, configuration: #"{"timeout": 30}"#)
    }

    private static let busyMachine = """
        {"StartAt": "Call", %TIMEOUT%"States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Busy", "Next": "After"},
          "After": {"Type": "Pass", "End": true}}}
        """

    /// StopExecution "stops an execution": Ctrl-C during a function call should end the
    /// execution then, not when the function returns (here after 5 s), and record nothing of
    /// the call after the stop.
    func testInterruptDuringAFunctionCallStopsAtOnce() throws {
        try addBusyFunction()
        try write(Self.busyMachine.replacingOccurrences(of: "%TIMEOUT%", with: ""), to: "machines/Busy.json")
        let run = try interruptRun("machines/Busy.json", name: "busy", until: "LambdaFunctionStarted")
        XCTAssertEqual(run.status, 4, run.stderr)
        XCTAssertLessThan(run.secondsAfterSignal, 2, "the execution should stop without waiting for the function")
        let types = try XCTUnwrap(try JSONValue.parse(run.stdout)["history"]?["events"]?.arrayValue).map { try Self.event($0).type }
        XCTAssertEqual(types.last, "ExecutionAborted")
        XCTAssertFalse(types.contains("LambdaFunctionSucceeded"), "nothing happens after the stop: \(types)")
        XCTAssertFalse(types.contains("TaskStateExited"), "nothing happens after the stop: \(types)")
    }

    /// "If provided, this is the maximum number of seconds the state machine is allowed to run"
    /// (ASL): a function call in progress (here 5 s long) does not hold the execution past its
    /// TimeoutSeconds (1 s).
    func testExecutionTimeoutDuringAFunctionCall() throws {
        try addBusyFunction()
        try write(Self.busyMachine.replacingOccurrences(of: "%TIMEOUT%", with: #""TimeoutSeconds": 1, "#), to: "machines/Busy.json")
        let started = Date()
        let run = try runMachine("machines/Busy.json", virtualClock: false, status: 3)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "the execution should end at its TimeoutSeconds")
        XCTAssertEqual(run.types.last, "ExecutionTimedOut")
        XCTAssertFalse(run.types.contains("LambdaFunctionSucceeded"), "nothing happens after the timeout: \(run.types)")
        let t = run.events.map(\.timestamp)
        XCTAssertLessThan(t[t.count - 1] - t[0], 1.5, "ExecutionTimedOut 1 s after the start")
    }
}
