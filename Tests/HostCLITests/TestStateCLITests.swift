import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host test-state` as a user runs it: the aws CLI's options (JSON or `file://PATH`), the
/// answer printed as the aws CLI prints it, and refusals as one line with exit status 2
/// (docs/testing.md, "TestState").
final class TestStateCLITests: HostCLITestCase {
    /// The Developer Guide's DEBUG example ("Testing state machines with TestState API"), read
    /// from files as `aws stepfunctions test-state --definition file://...` reads them.
    func testFileOptionsAndTheAnswer() throws {
        let definition = #"{"Type": "Pass", "InputPath": "$.payload", "Parameters": {"data": 1}, "ResultPath": "$.result", "OutputPath": "$.result.data", "Next": "Another State"}"#
        try definition.write(to: workspace.root.appendingPathComponent("state.json"), atomically: true, encoding: .utf8)
        try #"{"payload": {"foo": "bar"}}"#.write(to: workspace.root.appendingPathComponent("input.json"), atomically: true, encoding: .utf8)
        let result = try runHost(["test-state", "--definition", "file://state.json", "--input", "file://input.json"], in: workspace.root)
        XCTAssertEqual(result.status, 0, result.stderr)
        // INFO: output, nextState and status only; the aws CLI indents by four spaces.
        XCTAssertEqual(result.stdout, """
            {
                "output": "1",
                "nextState": "Another State",
                "status": "SUCCEEDED"
            }

            """)
    }

    /// A FAILED state is still an answer (exit 0, as the aws CLI exits); a refused request is
    /// `host: CODE: message` with exit status 2 (recorded message for a mock on a Pass state).
    func testExitStatuses() throws {
        let failed = try runHost(["test-state", "--definition", #"{"Type": "Fail", "Error": "E", "Cause": "C"}"#], in: workspace.root)
        XCTAssertEqual(failed.status, 0, failed.stderr)
        XCTAssertEqual(try JSONValue.parse(failed.stdout)["status"], "FAILED")
        let refused = try runHost(["test-state", "--definition", #"{"Type": "Pass", "End": true}"#, "--mock", #"{"result": "{}"}"#],
                                  in: workspace.root)
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "host: ValidationException: State type 'Pass' is not supported when a mock is specified\n")
        let missing = try runHost(["test-state", "--definition", "file://nope.json"], in: workspace.root)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("host: --definition: cannot read nope.json"), missing.stderr)
    }
}
