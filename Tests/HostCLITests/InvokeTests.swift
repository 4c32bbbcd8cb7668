import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host invoke NAME`: the result, or Lambda's error payload (docs/lambda.md), on standard output.
final class InvokeTests: HostCLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.copy(fromRepository: "functions/MockAPIFunction.lua")
    }

    /// The whole output of a failed invocation: one line of compact JSON, the keys in Lambda's
    /// order, `stackTrace` a list of strings; the request id is returned.
    @discardableResult
    private func assertFunctionError(_ result: HostResult, type: String, message: String,
                                     file: StaticString = #filePath, line: UInt = #line) throws -> String {
        XCTAssertEqual(result.status, 1, "stderr: \(result.stderr)", file: file, line: line)
        let prefix = #"{"errorType":"\#(type)","errorMessage":"\#(message)","#
        XCTAssertTrue(result.stdout.hasPrefix(prefix), "stdout should start with \(prefix): \(result.stdout)", file: file, line: line)
        XCTAssertTrue(result.stdout.hasSuffix("}\n"), "one line of JSON: \(result.stdout.debugDescription)", file: file, line: line)
        XCTAssertEqual(result.stdout.filter { $0 == "\n" }.count, 1, "one line of JSON: \(result.stdout.debugDescription)", file: file, line: line)
        let payload = try JSONValue.parse(result.stdout)
        let object = try XCTUnwrap(payload.objectValue, file: file, line: line)
        XCTAssertEqual(Array(object.keys), ["errorType", "errorMessage", "requestId", "stackTrace"], file: file, line: line)
        XCTAssertEqual(payload["errorType"], .string(type), file: file, line: line)
        XCTAssertEqual(payload["errorMessage"], .string(message), file: file, line: line)
        let trace = try XCTUnwrap(payload["stackTrace"]?.arrayValue, file: file, line: line)
        XCTAssertTrue(trace.allSatisfy { $0.stringValue != nil }, "stackTrace: \(trace)", file: file, line: line)
        let id = try XCTUnwrap(payload["requestId"]?.stringValue, file: file, line: line)
        XCTAssertTrue(Self.isRequestId(id), "requestId \(id)", file: file, line: line)
        return id
    }

    // MARK: - MockAPIFunction, as the error-handling tutorial uses it

    func testStatus429IsTooManyRequestsException() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"429"}"#)
        try assertFunctionError(result, type: "TooManyRequestsException", message: "429 Too Many Requests")
        XCTAssertEqual(result.stderr, "")
    }

    func testStatus200Succeeds() throws {
        let result = try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#)
        XCTAssertEqual(result.stdout, "\"200 OK\"\n")
    }

    func testStatus503IsServerUnavailableException() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"503"}"#)
        try assertFunctionError(result, type: "ServerUnavailableException", message: "503 Server Unavailable")
        XCTAssertEqual(result.stderr, "")
    }

    func testStatus500IsUnknownException() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"500"}"#)
        try assertFunctionError(result, type: "UnknownException", message: "Unknown error")
        XCTAssertEqual(result.stderr, "")
    }

    func testEachInvocationHasItsOwnRequestId() throws {
        let first = try assertFunctionError(try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"429"}"#),
                                            type: "TooManyRequestsException", message: "429 Too Many Requests")
        let second = try assertFunctionError(try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"429"}"#),
                                             type: "TooManyRequestsException", message: "429 Too Many Requests")
        XCTAssertNotEqual(first, second)
    }

    // MARK: - --event-file

    func testEventFilesOfTheRepositoryExamples() throws {
        let examples = Repository.root.appendingPathComponent("examples")
        func file(_ name: String) -> String { examples.appendingPathComponent(name).path }

        let ok = try hostSucceeds("invoke", "MockAPIFunction", "--event-file", file("statuscode-200.json"))
        XCTAssertEqual(ok.stdout, "\"200 OK\"\n")
        try assertFunctionError(try host("invoke", "MockAPIFunction", "--event-file", file("statuscode-429.json")),
                                type: "TooManyRequestsException", message: "429 Too Many Requests")
        try assertFunctionError(try host("invoke", "MockAPIFunction", "--event-file", file("statuscode-503.json")),
                                type: "ServerUnavailableException", message: "503 Server Unavailable")
        try assertFunctionError(try host("invoke", "MockAPIFunction", "--event-file", file("statuscode-500.json")),
                                type: "UnknownException", message: "Unknown error")
    }

    func testEventFileRelativeToTheCurrentFolder() throws {
        try workspace.copy(fromRepository: "examples/statuscode-503.json")
        try assertFunctionError(try host("invoke", "MockAPIFunction", "--event-file", "examples/statuscode-503.json"),
                                type: "ServerUnavailableException", message: "503 Server Unavailable")
    }

    func testNoEventIsAnEmptyObject() throws {
        // MockAPIFunction answers anything that is not 429, 503 or 200 with UnknownException.
        try assertFunctionError(try host("invoke", "MockAPIFunction"), type: "UnknownException", message: "Unknown error")
    }

    // MARK: - --log-type Tail

    func testTailPrintsTheInvocationsLinesOnStandardError() throws {
        try addPrinter()
        let result = try host("invoke", "Printer", "--event", #"{"name":"tail"}"#, "--log-type", "Tail")
        XCTAssertEqual(result.status, 0, result.stderr)
        let id = try XCTUnwrap(try JSONValue.parse(result.stdout).stringValue)
        XCTAssertEqual(result.stdout, "\"\(id)\"\n", "stdout holds the result only")
        XCTAssertTrue(result.stderr.hasSuffix("\n"))
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertEqual(lines.count, 6, result.stderr)
        XCTAssertEqual(Array(lines.prefix(5)), Self.printerMessages(id, "tail"))
        if lines.count == 6 { assertReport(lines[5], requestId: id) }
    }

    func testTailShowsOnlyThatInvocationsLines() throws {
        try addPrinter()
        let first = try host("invoke", "Printer", "--event", #"{"name":"one"}"#, "--log-type", "Tail")
        let second = try host("invoke", "Printer", "--event", #"{"name":"two"}"#, "--log-type", "Tail")
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        let firstId = try XCTUnwrap(try JSONValue.parse(first.stdout).stringValue)
        let secondId = try XCTUnwrap(try JSONValue.parse(second.stdout).stringValue)
        let lines = second.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(5)), Self.printerMessages(secondId, "two"))
        XCTAssertEqual(lines.count, 6, second.stderr)
        XCTAssertFalse(second.stderr.contains(firstId), "the second Tail shows the first invocation: \(second.stderr)")
        XCTAssertFalse(second.stderr.contains("one"), second.stderr)
    }

    func testTailOfAFailedInvocation() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"429"}"#, "--log-type", "Tail")
        let id = try assertFunctionError(result, type: "TooManyRequestsException", message: "429 Too Many Requests")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "START RequestId: \(id) Version: $LATEST")
        // docs/lambda.md: "Unhandled error line: `[ERROR] TypeName: message` followed by the traceback."
        XCTAssertEqual(lines.dropFirst().first, "[ERROR] TooManyRequestsException: 429 Too Many Requests")
        XCTAssertEqual(lines.dropLast().last, "END RequestId: \(id)")
        if let report = lines.last { assertReport(report, requestId: id) }
    }

    func testTailReportsTheConfiguredMemorySize() throws {
        try addPrinter(configuration: #"{"memorySize": 256}"#)
        let result = try host("invoke", "Printer", "--event", #"{"name":"m"}"#, "--log-type", "Tail")
        XCTAssertEqual(result.status, 0, result.stderr)
        let id = try XCTUnwrap(try JSONValue.parse(result.stdout).stringValue)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        if let report = lines.last { assertReport(report, requestId: id, memory: 256) }
    }

    func testLogTypeNonePrintsNoLines() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#, "--log-type", "None")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "\"200 OK\"\n")
        XCTAssertEqual(result.stderr, "")
    }

    // MARK: - Timeout

    func testAFunctionThatLoopsForeverTimesOut() throws {
        try workspace.addFunction("Forever", """
            function handler(event, context)
              while true do end
            end
            """, configuration: #"{"timeout": 1}"#)
        let started = Date()
        let result = try host("invoke", "Forever")
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 1)
        XCTAssertLessThan(elapsed, 5, "the deadline must end the invocation")
        XCTAssertEqual(result.status, 1, result.stderr)
        let payload = try JSONValue.parse(result.stdout)
        XCTAssertEqual(payload["errorType"], "Sandbox.Timedout")
        let id = try XCTUnwrap(payload["requestId"]?.stringValue)
        XCTAssertTrue(Self.isRequestId(id))
        // docs/lambda.md: `RequestId: <id> Error: Task timed out after 3.00 seconds` (actual duration, 2 decimals).
        let message = try XCTUnwrap(payload["errorMessage"]?.stringValue)
        XCTAssertNotNil(Self.match("RequestId: \(id) Error: Task timed out after 1\\.0\\d seconds", message), message)
        XCTAssertTrue(result.stdout.hasPrefix(#"{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: \#(id) Error: Task timed out after 1.0"#),
                      result.stdout)

        // Its REPORT line, read back by another process, says `Status: timeout`.
        let logs = try hostSucceeds("logs", "get", "/aws/lambda/Forever", "--since", "1h")
        let events = detailedEvents(logs.stdout)
        XCTAssertEqual(events.first?.message, "START RequestId: \(id) Version: $LATEST")
        XCTAssertTrue(events.contains { $0.message == "END RequestId: \(id)" }, logs.stdout)
        XCTAssertEqual(events.filter { $0.message.hasPrefix("REPORT ") }.count, 1, logs.stdout)
        if let report = events.last?.message {
            let duration = assertReport(report, requestId: id, status: "Status: timeout")
            XCTAssertGreaterThanOrEqual(duration ?? 0, 1000, report)
        }
    }
}
