import Foundation
import JSONValue
import TestSupport
import XCTest

/// The commands' conveniences: `host --version`; `--input-file -` and `--event-file -` read
/// standard input; `host run NAME` finds `machines/NAME.json`; a machine path inside a
/// workspace finds that workspace from anywhere; `executions list --max-items N`; `history
/// --output text` with timestamps; `logs get --execution NAME`; `logs get Name` suggests
/// `/aws/lambda/Name`; a name that several executions have is an error listing their ARNs.
final class CommandLineTests: RunTestCase {
    func testVersion() throws {
        let result = try runHost(["--version"], in: workspace.root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertNotNil(Self.match(#"host \d+\.\d+\.\d+ \(Lua \d+\.\d+\.\d+\)\n"#, result.stdout), result.stdout)
    }

    func testInputAndEventFromStandardInput() throws {
        try write(#"{"statuscode": "200"}"#, to: "input.json")
        let input = workspace.root.appendingPathComponent("input.json")
        let run = try host(["run", Self.apiMachine, "--input-file", "-", "--output", "json", "--name", "piped"], standardInput: input)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try JSONValue.parse(run.stdout)["input"], .string(#"{"statuscode":"200"}"#))
        let invoke = try host(["invoke", "MockAPIFunction", "--event-file", "-"], standardInput: input)
        XCTAssertEqual(invoke.status, 0, invoke.stderr)
        XCTAssertEqual(invoke.stdout, "\"200 OK\"\n")
        // Bad JSON on standard input says where.
        try write("{\n  \"statuscode\": \n}\n", to: "bad.json")
        let bad = try host(["run", Self.apiMachine, "--input-file", "-"], standardInput: workspace.root.appendingPathComponent("bad.json"))
        assertUsageError(bad, mentions: ["standard input:3:1"])
    }

    func testRunByName() throws {
        let result = try host("run", "MyAPIStateMachine", "--input", #"{"statuscode":"200"}"#, "--output", "json", "--name", "by-name")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try JSONValue.parse(result.stdout)["stateMachineArn"],
                       "arn:aws:states:us-east-1:123456789012:stateMachine:MyAPIStateMachine")
        // From a folder below the workspace's root too, and for graph.
        let deeper = workspace.root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: deeper, withIntermediateDirectories: true)
        XCTAssertEqual(try host("run", "MyAPIStateMachine", "--input", #"{"statuscode":"200"}"#, in: deeper).status, 0)
        XCTAssertTrue(try hostSucceeds("graph", "TestErrorHandling", in: deeper).stdout.hasPrefix("digraph \"TestErrorHandling\""))
        assertUsageError(try host("run", "NoSuchMachine"), mentions: ["NoSuchMachine", "machines/NoSuchMachine.json"])
    }

    /// Run from a folder outside any workspace, a machine's path finds its own workspace: the
    /// execution and its functions' logs go to that workspace's `.host/`.
    func testAMachinePathFindsItsWorkspaceFromAnywhere() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("host-test-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let machine = workspace.root.appendingPathComponent(Self.apiMachine).path
        let result = try host("run", machine, "--input", #"{"statuscode":"200"}"#, "--name", "remote", "--output", "json", in: elsewhere)
        XCTAssertEqual(result.status, 0, result.stderr)
        assertNoState(in: elsewhere)
        XCTAssertEqual(try hostSucceeds("executions", "list").stdout.split(separator: "\t").first, "remote")
        XCTAssertTrue(try hostSucceeds("logs", "groups").stdout.contains("/aws/lambda/MockAPIFunction"))
    }

    func testListMaxItems() throws {
        for name in ["one", "two", "three"] {
            try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: name, status: 0)
        }
        let text = try hostSucceeds("executions", "list", "--max-items", "2").stdout
        XCTAssertEqual(text.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) }, ["three", "two"])
        let json = try JSONValue.parse(try hostSucceeds("executions", "list", "--max-items", "1", "--output", "json").stdout)
        XCTAssertEqual(json["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["three"])
        assertUsageError(try host("executions", "list", "--max-items", "0"), mentions: ["--max-items"])
    }

    /// `ID<TAB>PREVIOUS<TAB>TIMESTAMP<TAB>TYPE<TAB>DETAILS`, the timestamp in ISO 8601 with
    /// milliseconds: the event's `timestamp`.
    func testHistoryAsTextHasTimestamps() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, name: "timed", status: 0)
        let text = try hostSucceeds("executions", "history", "timed", "--output", "text").stdout
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.count, run.events.count)
        for (row, event) in zip(rows, run.events) {
            XCTAssertEqual(row.count, 5, "\(row)")
            XCTAssertEqual(row[0], String(event.id))
            XCTAssertEqual(row[1], String(event.previousEventId))
            XCTAssertEqual(row[3], event.type)
            let time = try Date(row[2], strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            XCTAssertEqual(time.timeIntervalSince1970, event.timestamp, accuracy: 0.0005, "\(row)")
        }
    }

    /// Seed 003 with 429 calls MockAPIFunction four times; another execution calls it once.
    /// `logs get --execution` prints the four invocations' lines, START to REPORT, in order.
    func testLogsOfAnExecution() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, name: "throttled", status: 0)
        try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: "fine", status: 0)
        // The request ids of the three failed calls, from their causes (Lambda's error payload).
        let failedIds = try run.events.filter { $0.type == "LambdaFunctionFailed" }.map { event in
            try XCTUnwrap(try JSONValue.parse(try XCTUnwrap(event.details?["cause"]?.stringValue))["requestId"]?.stringValue)
        }
        XCTAssertEqual(failedIds.count, 3)

        let output = try hostSucceeds("logs", "get", "--execution", "throttled", "--format", "short").stdout
        let messages = events(output, short: true).map(\.message)
        let starts = messages.filter { $0.hasPrefix("START RequestId: ") }
        XCTAssertEqual(starts.count, 4, output)
        XCTAssertEqual(Array(starts.prefix(3)), failedIds.map { "START RequestId: \($0) Version: $LATEST" })
        XCTAssertEqual(messages.filter { $0.hasPrefix("REPORT RequestId: ") }.count, 4, output)
        XCTAssertTrue(messages.first?.hasPrefix("START RequestId: ") ?? false, output)
        XCTAssertTrue(messages.last?.hasPrefix("REPORT RequestId: ") ?? false, output)
        // The group holds five invocations; the other execution's is not shown.
        let all = try hostSucceeds("logs", "get", "/aws/lambda/MockAPIFunction", "--format", "short").stdout
        XCTAssertEqual(events(all, short: true).filter { $0.message.hasPrefix("START RequestId: ") }.count, 5)
        // A filter pattern applies to those lines.
        let errors = try hostSucceeds("logs", "get", "--execution", "throttled", "--format", "short", "--filter-pattern", "ERROR").stdout
        XCTAssertEqual(events(errors, short: true).count, 3, errors)
        assertUsageError(try host("logs", "get", "--execution", "nobody"), mentions: ["ExecutionDoesNotExist"])
    }

    func testLogsOfAFunctionNameSuggestItsGroup() throws {
        try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#)
        assertUsageError(try host("logs", "get", "MockAPIFunction"), mentions: ["MockAPIFunction", "/aws/lambda/MockAPIFunction"])
    }

    /// Executions of two machines named alike: the name alone is an error listing both ARNs.
    func testANameOfSeveralExecutions() throws {
        try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: "same", status: 0)
        try runMachine(Self.errorHandlingMachine, name: "same", status: 0)
        let api = "arn:aws:states:us-east-1:123456789012:execution:MyAPIStateMachine:same"
        let other = "arn:aws:states:us-east-1:123456789012:execution:TestErrorHandling:same"
        for command in [["executions", "describe"], ["executions", "history"], ["graph", "--execution"], ["logs", "get", "--execution"]] {
            assertUsageError(try runHost(command + ["same"], in: workspace.root), mentions: [api, other])
        }
        XCTAssertEqual(try JSONValue.parse(try hostSucceeds("executions", "describe", other).stdout)["name"], "same")
    }
}
