import Foundation
import JSONValue
import TestSupport
import XCTest

/// "A running execution can be watched": its events are in the store as they happen, so that
/// another process sees the events so far during a Wait and `host graph --execution` shows it
/// in progress, and `host run`'s text output is written line by line even into a pipe.
final class WatchingTests: RunTestCase {
    static let waiting = """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Result": {"ready": true}, "Next": "Hold"},
          "Hold": {"Type": "Wait", "Seconds": 600, "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """

    func testAnotherProcessFollowsARunningExecution() throws {
        try write(Self.waiting, to: "machines/Waiting.json")
        let (process, stdout, stderr) = try startHost(["run", "machines/Waiting.json", "--name", "watched", "--output", "text"])
        defer { if process.isRunning { process.terminate() } }
        let printed = OutputBuffer()
        printed.collect(stdout)

        // The events so far, seen by another process while the Wait waits.
        var events: [Event] = []
        let seen = try eventually {
            let result = try runHost(["executions", "history", "watched", "--output", "json"], in: workspace.root)
            guard result.status == 0 else { return false }
            events = try JSONValue.parse(result.stdout)["events"]?.arrayValue?.map { try Self.event($0) } ?? []
            return events.contains { $0.type == "WaitStateEntered" }
        }
        XCTAssertTrue(seen, "the Wait never showed in the stored history")
        XCTAssertEqual(events.map(\.summary), ["ExecutionStarted", "PassStateEntered [Prepare]", "PassStateExited [Prepare]",
                                               "WaitStateEntered [Hold]"])
        assertLinearHistory(events)
        let describe = try JSONValue.parse(try hostSucceeds("executions", "describe", "watched").stdout)
        XCTAssertEqual(describe["status"], "RUNNING")
        XCTAssertNil(describe["stopDate"], "a running execution has not stopped")
        XCTAssertEqual(describe["redriveStatusReason"], "Execution is RUNNING and cannot be redriven")

        // The diagram shows it in progress: Prepare green, Hold blue, as the Step Functions
        // console colours a running execution's graph.
        let dot = try hostSucceeds("graph", "--execution", "watched").stdout
        XCTAssertTrue(dot.hasPrefix("digraph \"Waiting · execution watched · RUNNING\" {\n"), dot)
        XCTAssertTrue(Self.node("s_Prepare", in: dot)?.contains("color=\"\(GraphTests.green)\"") ?? false, dot)
        XCTAssertTrue(Self.node("s_Hold", in: dot)?.contains("color=\"\(Self.blue)\"") ?? false, dot)

        // The progress lines so far came through the pipe while host run still runs.
        XCTAssertTrue(printed.wait(until: 20) { $0.contains("▶ Hold (Wait)") }, printed.text)
        XCTAssertTrue(process.isRunning)
        XCTAssertEqual(printed.text.split(separator: "\n").map { String($0.prefix(14)) },
                       ["▶ Prepare (Pas", "  ✓ Prepare  o", "▶ Hold (Wait) "])

        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        printed.finish(stdout)
        _ = stderr.fileHandleForReading.readDataToEndOfFile()
        XCTAssertEqual(process.terminationStatus, 4)
        XCTAssertTrue(printed.text.contains("ABORTED in "), printed.text)
        XCTAssertEqual(try storedHistory("watched").last?.type, "ExecutionAborted")
    }

    /// The blue of a state in progress.
    static let blue = "#0073bb"

    /// The DOT line of node `id`.
    static func node(_ id: String, in dot: String) -> String? {
        dot.split(separator: "\n").map(String.init).first { $0.hasPrefix("  \(id) [") }
    }
}
