import Engine
import Events
import Foundation
import JSONValue
import XCTest

/// The status-change event's text, member by member as docs/status-events.md shows the event
/// (EventBridge's envelope, then Step Functions' detail), checked byte for byte: the bus stores
/// this text and hands it to rules' targets.
final class StatusChangeEventTests: XCTestCase {
    private let identity = ExecutionIdentity(machineName: "ingest", executionName: "job-1", region: "eu-west-1", account: "111122223333")

    func testAFailedExecutionsEventIsTheDocumentedEnvelopeAndDetail() {
        let record = StatusChangeEvent.record(
            id: "5a4a5a3e-3a7b-4c9e-9b1f-0f6f1e2d3c4b", identity: identity, status: .failed,
            time: Date(timeIntervalSince1970: 1_715_674_502.093), startDate: Date(timeIntervalSince1970: 1_715_674_500.417),
            stopDate: Date(timeIntervalSince1970: 1_715_674_502.093), input: ["statuscode": "503"], output: nil,
            error: "ServerUnavailable", cause: "The server is currently unable to handle the request.")
        let arn = "arn:aws:states:eu-west-1:111122223333:execution:ingest:job-1"
        XCTAssertEqual(record.body, #"{"version":"0","id":"5a4a5a3e-3a7b-4c9e-9b1f-0f6f1e2d3c4b","#
            + #""detail-type":"Step Functions Execution Status Change","source":"aws.states","account":"111122223333","#
            + #""time":"2024-05-14T08:15:02Z","region":"eu-west-1","resources":["\#(arn)"],"#
            + #""detail":{"executionArn":"\#(arn)","stateMachineArn":"arn:aws:states:eu-west-1:111122223333:stateMachine:ingest","#
            + #""name":"job-1","status":"FAILED","startDate":1715674500417,"stopDate":1715674502093,"#
            + #""input":"{\"statuscode\":\"503\"}","inputDetails":{"included":true},"output":null,"outputDetails":null,"#
            + #""error":"ServerUnavailable","cause":"The server is currently unable to handle the request."}}"#)
        XCTAssertEqual(record.id, "5a4a5a3e-3a7b-4c9e-9b1f-0f6f1e2d3c4b")
        XCTAssertEqual(record.status, "FAILED")
        XCTAssertEqual(record.resource, arn)
        XCTAssertEqual(record.detailType, "Step Functions Execution Status Change")
        XCTAssertEqual(record.source, "aws.states")
        XCTAssertEqual(record.time, 1_715_674_502_093)
    }

    /// RUNNING: no stop date, output, error or cause (all null); SUCCEEDED: the output as a JSON
    /// string, with what JSON escapes in a string escaped twice over.
    func testRunningAndSucceededEvents() throws {
        let start = Date(timeIntervalSince1970: 1_715_674_500.999)
        let running = try JSONValue.parse(StatusChangeEvent.record(
            id: "e", identity: identity, status: .running, time: start, startDate: start, stopDate: nil, input: [:], output: nil,
            error: nil, cause: nil).body)
        XCTAssertEqual(running["time"], "2024-05-14T08:15:00Z", "rounded down to the second")
        XCTAssertEqual(running["detail"], [
            "executionArn": "arn:aws:states:eu-west-1:111122223333:execution:ingest:job-1",
            "stateMachineArn": "arn:aws:states:eu-west-1:111122223333:stateMachine:ingest", "name": "job-1", "status": "RUNNING",
            "startDate": 1_715_674_500_999, "stopDate": nil, "input": "{}", "inputDetails": ["included": true], "output": nil,
            "outputDetails": nil, "error": nil, "cause": nil,
        ])
        let output: JSONValue = ["quote": "say \"hi\"\n", "path": "C:\\tmp", "café": "☕"]
        let succeeded = StatusChangeEvent.record(
            id: "e", identity: identity, status: .succeeded, time: start, startDate: start, stopDate: start, input: [:],
            output: output, error: nil, cause: nil)
        XCTAssertTrue(succeeded.body.contains(#""output":"{\"quote\":\"say \\\"hi\\\"\\n\",\"path\":\"C:\\\\tmp\",\"café\":\"☕\"}""#),
                      succeeded.body)
        let detail = try XCTUnwrap(JSONValue.parse(succeeded.body)["detail"])
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(detail["output"]?.stringValue)), output)
        XCTAssertEqual(detail["outputDetails"], ["included": true])
    }

    // docs/status-events.md, "Large inputs and outputs": the input is left out when the escaped
    // input and output together exceed 248 KB (253,952 bytes), the output when the escaped
    // output alone does; what is left out is null, with `included` false.

    private static let limit = 248 * 1024

    /// A JSON string of backslashes that takes `escapedSize` bytes in the event: each is `\\`
    /// in its compact text (2 bytes, and 2 for the quotes), and each of those bytes gains a
    /// backslash when that text is escaped into the event (4 bytes, and 4), so that its raw
    /// text is half its escaped size, and only the escaped size decides.
    private func backslashes(escapedSize: Int) -> JSONValue {
        precondition((escapedSize - 4) % 4 == 0)
        return .string(String(repeating: "\\", count: (escapedSize - 4) / 4))
    }

    // Payloads are compared with `==`, so that a failure does not print 250,000 characters.

    private func detail(input: JSONValue, output: JSONValue?) throws -> JSONValue {
        let start = Date(timeIntervalSince1970: 1_715_674_500)
        let record = StatusChangeEvent.record(
            id: "e", identity: identity, status: output == nil ? .running : .succeeded, time: start, startDate: start,
            stopDate: output == nil ? nil : start, input: input, output: output, error: nil, cause: nil)
        return try XCTUnwrap(JSONValue.parse(record.body)["detail"])
    }

    func testAnInputWhoseEscapedTextExceeds248KBIsLeftOut() throws {
        let atLimit = backslashes(escapedSize: Self.limit)
        let carried = try detail(input: atLimit, output: nil)
        XCTAssertTrue(carried["input"]?.stringValue.flatMap { try? JSONValue.parse($0) } == atLimit)
        XCTAssertEqual(carried["inputDetails"], ["included": true])
        // Four bytes more escaped, yet its raw text is half the limit.
        let over = try detail(input: backslashes(escapedSize: Self.limit + 4), output: nil)
        XCTAssertTrue(over["input"] == .null)
        XCTAssertEqual(over["inputDetails"], ["included": false])
        XCTAssertTrue(over["output"] == .null)
        XCTAssertEqual(over["outputDetails"], .null, "no output while running")
    }

    func testTogetherOverTheLimitTheInputIsLeftOutAndTheOutputKept() throws {
        let output = backslashes(escapedSize: Self.limit / 2)
        let kept = try detail(input: backslashes(escapedSize: Self.limit / 2), output: output)
        XCTAssertEqual(kept["inputDetails"], ["included": true])
        XCTAssertEqual(kept["outputDetails"], ["included": true])
        let over = try detail(input: backslashes(escapedSize: Self.limit / 2 + 4), output: output)
        XCTAssertTrue(over["input"] == .null)
        XCTAssertEqual(over["inputDetails"], ["included": false])
        XCTAssertTrue(over["output"]?.stringValue.flatMap { try? JSONValue.parse($0) } == output)
        XCTAssertEqual(over["outputDetails"], ["included": true])
    }

    func testAnOutputOverTheLimitAloneIsLeftOutAndTheInputWithIt() throws {
        let over = try detail(input: [:], output: backslashes(escapedSize: Self.limit + 4))
        XCTAssertTrue(over["input"] == .null, "input and output together exceed the limit too")
        XCTAssertEqual(over["inputDetails"], ["included": false])
        XCTAssertTrue(over["output"] == .null)
        XCTAssertEqual(over["outputDetails"], ["included": false])
    }
}
