import Foundation
import JSONValue
import TestSupport
import XCTest

/// A broken sidecar (`functions/Name.json` with invalid JSON, or `{"timeout": 1000}`) is
/// reported as what it is, a configuration error at its file, line and column, by `host
/// invoke`, `host run` and `host validate`; never as `Lambda.ResourceNotFoundException`.
final class FunctionConfigurationCLITests: HostCLITestCase {
    /// `{"timeout": 1000}`: the value begins in column 13; Lambda's timeout is 1 to 900 s.
    static let late = #"{"timeout": 1000}"#
    /// `{"timeout": 3,}`: after the comma a key must come, and the `}` in column 15 is not one.
    static let trailingComma = #"{"timeout": 3,}"#

    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.addFunction("Late", "function handler() return 'ran' end", configuration: Self.late)
        try workspace.addFunction("Comma", "function handler() return 'ran' end", configuration: Self.trailingComma)
        try workspace.addFunction("Fine", "function handler(event) return event end")
    }

    func write(_ text: String, to name: String) throws {
        let url = workspace.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The lines on standard error, each `FILE:LINE:COLUMN: error: MESSAGE`.
    func assertLocated(_ result: HostResult, _ places: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, places.count, result.stderr, file: file, line: line)
        for (text, place) in zip(lines, places) {
            XCTAssertTrue(text.hasPrefix(place + ": error: "), "\(text) should begin \(place): error:", file: file, line: line)
        }
        XCTAssertFalse(result.stderr.contains("ResourceNotFound"), result.stderr, file: file, line: line)
        XCTAssertFalse(result.stderr.contains("not found"), result.stderr, file: file, line: line)
    }

    func testInvokeNamesTheSidecarsPlace() throws {
        let late = try host("invoke", "Late")
        assertLocated(late, ["functions/Late.json:1:13"])
        XCTAssertTrue(late.stderr.contains("timeout") && late.stderr.contains("900"), late.stderr)
        assertLocated(try host("invoke", "Comma"), ["functions/Comma.json:1:15"])
        // Nothing ran, so nothing was stored.
        assertNoState()
    }

    func testRunRefusesADefinitionNamingABrokenFunctionBeforeAnythingRuns() throws {
        try write("""
            {"StartAt": "First", "States": {
              "First": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Fine", "Next": "Second"},
              "Second": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Late", "Next": "Third"},
              "Third": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "Comma", "Payload.$": "$"}, "End": true}}}
            """, to: "machines/Flow.json")
        assertLocated(try host("run", "machines/Flow.json", "--output", "json"), ["functions/Late.json:1:13", "functions/Comma.json:1:15"])
        assertNoState()
    }

    /// A function named only when the state runs (`FunctionName.$`) cannot be checked
    /// before; its call fails with Lambda's error for a configuration it cannot use,
    /// InvalidParameterValueException (HTTP 400), and the cause names the problem's place.
    func testAFunctionNamedAtRunTimeFailsNamingTheConfigurationProblem() throws {
        try write("""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"FunctionName.$": "$.function", "Payload": {}}, "End": true}}}
            """, to: "machines/Dynamic.json")
        let result = try host("run", "machines/Dynamic.json", "--input", #"{"function": "Late"}"#, "--output", "json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let describe = try JSONValue.parse(result.stdout)
        XCTAssertEqual(describe["status"], "FAILED")
        XCTAssertEqual(describe["error"], "Lambda.InvalidParameterValueException")
        let cause = try XCTUnwrap(describe["cause"]?.stringValue)
        XCTAssertTrue(cause.contains("functions/Late.json:1:13: error: "), cause)
        XCTAssertTrue(cause.contains("(Service: AWSLambda; Status Code: 400; Error Code: InvalidParameterValueException; Request ID: "), cause)

        // A function that is not there at all is still ResourceNotFoundException.
        let missing = try host("run", "machines/Dynamic.json", "--input", #"{"function": "Nowhere"}"#, "--output", "json")
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertEqual(try JSONValue.parse(missing.stdout)["error"], "Lambda.ResourceNotFoundException")
    }

    func testValidateNamesTheSidecarsPlace() throws {
        try write("""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Late", "End": true}}}
            """, to: "machines/Uses.json")
        let result = try host("validate", "machines/Uses.json")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.split(separator: "\n").contains { $0.hasPrefix("functions/Late.json:1:13: error: ") }, result.stdout)
        XCTAssertFalse(result.stdout.contains("machines/Uses.json: valid"), result.stdout)
        assertNoState()
    }
}
