import Foundation
import JSONValue
import TestSupport
import XCTest

/// Seed 000 end to end through the built `host`: executions of the ingest and analysis
/// machines that end FAILED, TIMED_OUT or ABORTED reach the main error handler through the
/// seed's rule; it records the last error in the ingest table and publishes the status.
final class Seed000Tests: RunTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for file in ["machines/ingest.json", "machines/analysis.json", "functions/ingest-source.lua",
                     "functions/analyze-source.lua", "functions/main-error-handler.lua", "functions/main-error-handler.json",
                     "rules/main-error-handler.json", "tables/ingest.json", "topics/status.json", "topics/iot-status.json"] {
            try workspace.copy(fromRepository: file)
        }
    }

    private static let group = "/aws/lambda/main-error-handler"

    private func item(_ name: String) throws -> JSONValue {
        try JSONValue.parse(try hostSucceeds("tables", "get", "ingest", name).stdout)
    }

    private func handlerLog() throws -> String {
        try host("logs", "get", Self.group, "--since", "1h").stdout
    }

    func testFailedIngestReachesTheHandlerWhichRecordsAndPublishesTheLastError() throws {
        let run = try runMachine("machines/ingest.json", input: #"{"source": "s3://b/in.csv", "fail": true}"#, name: "job-1", status: 1)
        XCTAssertEqual(run.status, "FAILED")

        let log = try handlerLog()
        XCTAssertTrue(log.contains("START RequestId: "), log)
        XCTAssertTrue(log.contains("END RequestId: "), log)
        XCTAssertTrue(log.contains("REPORT RequestId: "), log)

        let item = try item("job-1")["Item"]
        XCTAssertEqual(item?["status"], ["S": "FAILED"])
        XCTAssertEqual(item?["error"]?["M"]?["state"], ["S": "Ingest"])
        XCTAssertEqual(item?["error"]?["M"]?["error"], ["S": "SourceUnreachable"])
        let cause = try XCTUnwrap(item?["error"]?["M"]?["cause"]?["S"]?.stringValue)
        XCTAssertEqual(try JSONValue.parse(cause)["errorMessage"], "cannot reach s3://b/in.csv")

        let messages = try hostSucceeds("topics", "messages", "status", "--output", "json").stdout
        let message = try JSONValue.parse(try XCTUnwrap(messages.split(separator: "\n").first.map(String.init)))
        XCTAssertEqual(try JSONValue.parse(try XCTUnwrap(message["Message"]?.stringValue))["status"], "FAILED")
        XCTAssertTrue(try hostSucceeds("topics", "messages", "iot-status").stdout.contains(#""status":"FAILED""#))
    }

    func testFailedAnalysisNamesItsFailState() throws {
        try runMachine("machines/analysis.json", input: #"{"fail": true}"#, name: "job-2", status: 1)
        let item = try item("job-2")["Item"]
        XCTAssertEqual(item?["status"], ["S": "FAILED"])
        // The last error is the Fail state's, which ended the execution.
        XCTAssertEqual(item?["error"]?["M"]?["state"], ["S": "Analysis Failed"])
        XCTAssertEqual(item?["error"]?["M"]?["error"], ["S": "AnalysisFailed"])
    }

    func testTimedOutExecutionReachesTheHandler() throws {
        let run = try runMachine("machines/ingest.json", input: #"{"source": "s", "delaySeconds": 120}"#, name: "job-3", status: 3)
        XCTAssertEqual(run.status, "TIMED_OUT")
        XCTAssertEqual(try item("job-3")["Item"]?["status"], ["S": "TIMED_OUT"])
    }

    func testAbortedExecutionReachesTheHandler() throws {
        let (process, stdout, _) = try startHost(["run", "machines/ingest.json", "--name", "job-4", "--output", "json",
                                                  "--input", #"{"source": "s", "delaySeconds": 600}"#])
        let running = try eventually {
            try runHost(["executions", "list", "--status", "RUNNING"], in: workspace.root).stdout.contains("job-4")
        }
        XCTAssertTrue(running)
        kill(process.processIdentifier, SIGINT)
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 4)
        // host run waited for the delivery of the ABORTED status before it exited.
        XCTAssertEqual(try item("job-4")["Item"]?["status"], ["S": "ABORTED"])
    }

    func testSucceededExecutionReachesNoHandler() throws {
        try runMachine("machines/ingest.json", input: #"{"source": "s"}"#, name: "job-5", status: 0)
        XCTAssertFalse(try handlerLog().contains("START RequestId"))
        XCTAssertEqual(try host("tables", "get", "ingest", "job-5").status, 1)
    }

    func testDisabledRuleRoutesNothing() throws {
        let rule = workspace.root.appendingPathComponent("rules/main-error-handler.json")
        let text = try String(contentsOf: rule, encoding: .utf8).replacingOccurrences(of: #""State": "ENABLED""#, with: #""State": "DISABLED""#)
        try text.write(to: rule, atomically: true, encoding: .utf8)
        try runMachine("machines/ingest.json", input: #"{"fail": true}"#, name: "job-6", status: 1)
        XCTAssertFalse(try handlerLog().contains("START RequestId"))
    }

    /// Without dynamodb:UpdateItem in its policy the handler fails with AccessDeniedException;
    /// after the rule's retries (MaximumRetryAttempts 2) the event is a dead letter with that
    /// reason.
    func testHandlerWithoutUpdateItemFailsAndTheEventIsDeadLettered() throws {
        let sidecar = workspace.root.appendingPathComponent("functions/main-error-handler.json")
        let text = try String(contentsOf: sidecar, encoding: .utf8)
            .replacingOccurrences(of: #""dynamodb:UpdateItem", "#, with: "")
        XCTAssertFalse(text.contains("UpdateItem"))
        try text.write(to: sidecar, atomically: true, encoding: .utf8)
        try runMachine("machines/ingest.json", input: #"{"fail": true}"#, name: "job-7", status: 1)

        let log = try handlerLog()
        XCTAssertTrue(log.contains("[ERROR] AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/main-error-handler-role/main-error-handler is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/ingest"), log)
        XCTAssertEqual(log.components(separatedBy: "START RequestId").count - 1, 3, "the first attempt and two retries")

        let letters = try JSONValue.parse(try hostSucceeds("events", "dead-letters", "--output", "json").stdout)
        XCTAssertEqual(letters.arrayValue?.count, 1)
        XCTAssertEqual(letters[0]?["attempts"], 3)
        XCTAssertTrue(letters[0]?["reason"]?.stringValue?.hasPrefix("AccessDeniedException: ") ?? false, "\(letters)")
        XCTAssertEqual(letters[0]?["event"]?["detail"]?["name"], "job-7")
    }
}
