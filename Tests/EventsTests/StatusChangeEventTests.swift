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
}
