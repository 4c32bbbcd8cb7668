import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host executions list|describe|history`: what earlier `host run` processes recorded, as
/// ListExecutions, DescribeExecution and GetExecutionHistory return it (docs/history.md).
final class ExecutionsTests: RunTestCase {
    static let apiArn = "arn:aws:states:us-east-1:123456789012:execution:MyAPIStateMachine:"

    /// Three executions, each by a process of its own, in this order: `ok` (200, SUCCEEDED),
    /// `down` (503, FAILED), `seed001` (seed 001's machine, SUCCEEDED).
    private func runThree() throws {
        try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: "ok", status: 0)
        try runMachine(Self.apiMachine, input: #"{"statuscode":"503"}"#, name: "down", status: 1)
        try runMachine(Self.errorHandlingMachine, name: "seed001", status: 0)
    }

    /// `list` text: `NAME\tSTATUS\tMACHINE\tSTART` a line, newest first.
    private func listed(_ arguments: String...) throws -> [[String]] {
        let result = try runHost(["executions", "list"] + arguments, in: workspace.root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return result.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    }

    func testListShowsEarlierProcessesExecutionsNewestFirst() throws {
        try runThree()
        let rows = try listed()
        XCTAssertEqual(rows.map { Array($0.prefix(3)) }, [
            ["seed001", "SUCCEEDED", "TestErrorHandling"],
            ["down", "FAILED", "MyAPIStateMachine"],
            ["ok", "SUCCEEDED", "MyAPIStateMachine"],
        ])
        for row in rows {
            XCTAssertEqual(row.count, 4, "\(row)")
            let start = row.last.flatMap { try? Date($0, strategy: Date.ISO8601FormatStyle()) }
            XCTAssertNotNil(start, "start date in ISO 8601: \(row)")
            if let start { XCTAssertLessThan(abs(start.timeIntervalSince(testStart)), 300, "\(row)") }
        }
    }

    func testListFilters() throws {
        try runThree()
        XCTAssertEqual(try listed("--machine", "MyAPIStateMachine").map(\.first), ["down", "ok"])
        XCTAssertEqual(try listed("--status", "FAILED").map(\.first), ["down"])
        XCTAssertEqual(try listed("--status", "SUCCEEDED").map(\.first), ["seed001", "ok"])
        XCTAssertEqual(try listed("--machine", "TestErrorHandling", "--status", "FAILED").count, 0)
        XCTAssertEqual(try listed("--machine", "NoSuchMachine").count, 0)
        assertUsageError(try host("executions", "list", "--status", "DONE"), mentions: ["--status"])
    }

    /// ListExecutions' shape: executionArn, stateMachineArn, name, status, startDate, stopDate.
    func testListAsJSON() throws {
        try runThree()
        let json = try JSONValue.parse(try hostSucceeds("executions", "list", "--output", "json").stdout)
        let executions = try XCTUnwrap(json["executions"]?.arrayValue)
        XCTAssertEqual(executions.compactMap { $0["name"]?.stringValue }, ["seed001", "down", "ok"])
        let down = try XCTUnwrap(executions.first { $0["name"] == "down" })
        XCTAssertEqual(down["executionArn"], .string(Self.apiArn + "down"))
        XCTAssertEqual(down["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:MyAPIStateMachine")
        XCTAssertEqual(down["status"], "FAILED")
        let start = try XCTUnwrap(down["startDate"]?.doubleValue), stop = try XCTUnwrap(down["stopDate"]?.doubleValue)
        XCTAssertLessThanOrEqual(start, stop)
        XCTAssertLessThan(abs(start - testStart.timeIntervalSince1970), 300)
    }

    func testDescribeByNameAndByArn() throws {
        try runThree()
        let byName = try JSONValue.parse(try hostSucceeds("executions", "describe", "down").stdout)
        let byArn = try JSONValue.parse(try hostSucceeds("executions", "describe", Self.apiArn + "down").stdout)
        XCTAssertEqual(byName, byArn)
        XCTAssertEqual(byName["executionArn"], .string(Self.apiArn + "down"))
        XCTAssertEqual(byName["name"], "down")
        XCTAssertEqual(byName["status"], "FAILED")
        XCTAssertEqual(byName["input"], .string(#"{"statuscode":"503"}"#), "input is JSON text")
        XCTAssertEqual(byName["error"], "ServerUnavailable")
        XCTAssertEqual(byName["cause"], "The server is currently unable to handle the request.")
        XCTAssertNil(byName["output"], "a failed execution has no output")

        let ok = try JSONValue.parse(try hostSucceeds("executions", "describe", "ok").stdout)
        XCTAssertEqual(ok["status"], "SUCCEEDED")
        XCTAssertEqual(ok["output"], .string(#""The request has succeeded.""#), "output is JSON text")
        XCTAssertNil(ok["error"])
        XCTAssertNotNil(ok["stopDate"]?.doubleValue)
    }

    func testDescribeUnknownExecution() throws {
        try runThree()
        assertUsageError(try host("executions", "describe", "nobody"), mentions: ["ExecutionDoesNotExist", "nobody"])
        assertUsageError(try host("executions", "history", Self.apiArn + "nobody"), mentions: ["ExecutionDoesNotExist"])
    }

    /// Read-only commands in a workspace where nothing ran: nothing listed, nothing created.
    func testNothingRunYet() throws {
        XCTAssertEqual(try listed().count, 0)
        assertUsageError(try host("executions", "describe", "ok"), mentions: ["ExecutionDoesNotExist"])
        assertNoState()
    }

    func testHistoryAndReverse() throws {
        try runThree()
        let events = try storedHistory("down")
        XCTAssertEqual(events.map(\.summary), RunSeedMachineTests.failedSequence(failState: "Server Unavailable"))
        assertLinearHistory(events)
        XCTAssertEqual(events.last?.details?["error"], "ServerUnavailable")

        let reversed = try storedHistory("down", reverse: true)
        XCTAssertEqual(reversed.map(\.id), Array((1...8).reversed()))
        XCTAssertEqual(reversed.map(\.summary), events.map(\.summary).reversed())
        XCTAssertEqual(reversed.first?.type, "ExecutionFailed")

        // By ARN, the same.
        XCTAssertEqual(try storedHistory(Self.apiArn + "down").map(\.id), events.map(\.id))
    }

    /// A history longer than one write batch: 100 Pass states make ExecutionStarted, an
    /// Entered/Exited pair each and ExecutionSucceeded, 202 events, each stored once.
    func testLongHistoryIsStoredWhole() throws {
        let names = (1...100).map { String(format: "S%03d", $0) }
        let states = names.enumerated().map { index, name in
            #""\#(name)": {"Type": "Pass", "# + (index < 99 ? #""Next": "\#(names[index + 1])"}"# : #""End": true}"#)
        }
        try write(#"{"StartAt": "S001", "States": {"# + states.joined(separator: ", ") + "}}", to: "machines/Chain.json")
        let run = try runMachine("machines/Chain.json", input: #"{"n": 1}"#, name: "chain", status: 0)
        XCTAssertEqual(run.output, ["n": 1])
        let stored = try storedHistory("chain")
        XCTAssertEqual(stored.count, 202)
        assertLinearHistory(stored)
        XCTAssertEqual(stored.filter { $0.type == "PassStateEntered" }.compactMap(\.stateName), names)
        XCTAssertEqual(stored.last?.type, "ExecutionSucceeded")
        XCTAssertEqual(stored.map(\.summary), run.events.map(\.summary))
    }

    /// A Map of 300 items runs its iterations at once; their events, recorded from many tasks
    /// while the writer stores them group by group, are all stored, each once.
    func testConcurrentEventsAreAllStored() throws {
        try write("""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
              "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "Next": "Two"}, "Two": {"Type": "Pass", "End": true}}}}}}
            """, to: "machines/Wide.json")
        let items = "[" + (0..<300).map(String.init).joined(separator: ",") + "]"
        let run = try runMachine("machines/Wide.json", input: #"{"items": \#(items)}"#, name: "wide", status: 0)
        // ExecutionStarted, MapStateEntered, MapStateStarted, 300 × (MapIterationStarted, two
        // Entered/Exited pairs, MapIterationSucceeded), MapStateSucceeded, MapStateExited, ExecutionSucceeded.
        XCTAssertEqual(run.events.count, 3 + 300 * 6 + 3)
        let stored = try storedHistory("wide")
        XCTAssertEqual(stored.map(\.id), Array(1...run.events.count))
        XCTAssertEqual(stored.map(\.summary), run.events.map(\.summary))
        XCTAssertEqual(stored.map(\.previousEventId), run.events.map(\.previousEventId))
    }

    /// `--output text`: `ID\tPREVIOUS\tTIMESTAMP\tTYPE\tDETAILS` a line.
    func testHistoryAsText() throws {
        try runThree()
        let text = try hostSucceeds("executions", "history", "seed001", "--output", "text").stdout
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.count, 9, text)
        XCTAssertEqual(rows.map { $0.first }, (1...9).map { String($0) })
        XCTAssertEqual(rows.last.map { [$0[0], $0[1], $0[3]] }, ["9", "8", "ExecutionSucceeded"])
        XCTAssertEqual(rows.first.map { [$0[0], $0[1], $0[3]] }, ["1", "0", "ExecutionStarted"])

        let reversed = try hostSucceeds("executions", "history", "seed001", "--output", "text", "--reverse").stdout
        XCTAssertEqual(reversed.split(separator: "\n"), text.split(separator: "\n").reversed())
    }
}
