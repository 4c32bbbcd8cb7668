import Foundation
import JSONValue
import TestSupport
import XCTest

/// The issue's §2.6, "One clock": "With `--virtual-clock` the log events, REPORT lines and a
/// function's `os.time()`/`os.date()` follow the execution's virtual time, so that a function's
/// log lines sit at the same moments as its history events."
final class VirtualClockTests: RunTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.addFunction("Clock", """
            function handler(event, context)
              print("time " .. os.time())
              print("date " .. os.date("!%Y-%m-%dT%H:%M:%SZ"))
              return os.time()
            end
            """)
        // An hour's Wait, then the function: on the virtual clock the call happens an hour
        // after the execution began, though the run takes well under a second.
        try write("""
            {"StartAt": "Later", "States": {
              "Later": {"Type": "Wait", "Seconds": 3600, "Next": "Call"},
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Clock", "End": true}}}
            """, to: "machines/clock.json")
    }

    func testAFunctionsTimeAndLogLinesFollowTheExecutionsVirtualTime() throws {
        let run = try runMachine("machines/clock.json", name: "hour", status: 0)
        let started = try XCTUnwrap(run.events.first { $0.type == "LambdaFunctionStarted" })
        let first = try XCTUnwrap(run.events.first)
        XCTAssertEqual(started.timestamp - first.timestamp, 3600, accuracy: 0.001)
        // os.time() in the function is the virtual time of the call, to the second.
        let scriptTime = try XCTUnwrap(run.output?.intValue)
        XCTAssertEqual(Double(scriptTime), started.timestamp.rounded(.down), accuracy: 1)
        // Every line of the invocation, START to REPORT, carries the call's virtual time.
        let logs = try hostSucceeds("logs", "get", "/aws/lambda/Clock", "--execution", "hour")
        let lines = events(logs.stdout)
        XCTAssertEqual(lines.count, 5, logs.stdout)
        XCTAssertTrue(lines.first?.message.hasPrefix("START RequestId: ") ?? false, logs.stdout)
        XCTAssertTrue(lines.last?.message.hasPrefix("REPORT RequestId: ") ?? false, logs.stdout)
        for line in lines {
            let date = try XCTUnwrap(Self.date(detailed: line.time), line.time)
            XCTAssertEqual(date.timeIntervalSince1970, started.timestamp, accuracy: 0.001, line.message)
        }
        let expectedDate = Date(timeIntervalSince1970: started.timestamp.rounded(.down))
            .formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        XCTAssertEqual(lines[1].message, "time \(scriptTime)")
        XCTAssertEqual(lines[2].message, "date \(expectedDate)")
    }

    /// Without the virtual clock the same machine would wait an hour; the history and the
    /// status-change events of the run with it agree on the end (the bus is on the same clock).
    func testStatusChangeEventsAreOnTheVirtualClock() throws {
        let run = try runMachine("machines/clock.json", name: "hour", status: 0)
        let listed = try hostSucceeds("events", "list", "--output", "json")
        let events = try JSONValue.parse(listed.stdout)
        let succeeded = try XCTUnwrap(events.arrayValue?.first { $0["detail"]?["status"] == "SUCCEEDED" }, listed.stdout)
        let last = try XCTUnwrap(run.events.last)
        XCTAssertEqual(succeeded["detail"]?["stopDate"]?.intValue, Int64((last.timestamp * 1000).rounded()))
    }
}
