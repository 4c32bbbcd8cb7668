import Foundation
import JSONValue
import TestSupport
import XCTest

/// "A diagram of an execution is drawn on the definition that ran": each execution is stored
/// with its definition (what DescribeStateMachineForExecution returns), `host graph --execution`
/// needs no machine, and two machines with the same file name in different folders are not
/// confused.
final class StoredDefinitionTests: RunTestCase {
    /// A one-state machine whose Pass state is called `state`.
    private static func single(_ state: String) -> String {
        #"{"StartAt": "\#(state)", "States": {"\#(state)": {"Type": "Pass", "End": true}}}"# + "\n"
    }

    func testGraphOfAnExecutionNeedsNoMachine() throws {
        try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, name: "throttled", status: 0)
        let dot = try hostSucceeds("graph", "--execution", "throttled").stdout
        XCTAssertTrue(dot.hasPrefix("digraph \"MyAPIStateMachine · execution throttled · SUCCEEDED\" {\n"), dot)
        XCTAssertTrue(dot.contains("<i>retried ×2 (TooManyRequestsException)</i>"), dot)
        // With the machine too, the same drawing.
        XCTAssertEqual(try hostSucceeds("graph", Self.apiMachine, "--execution", "throttled").stdout, dot)
    }

    /// The file changed after the run: the diagram is drawn on what ran, and says so.
    func testChangedDefinitionIsDrawnAsItRan() throws {
        try write(Self.single("Before"), to: "machines/Flow.json")
        try runMachine("machines/Flow.json", name: "first", status: 0)
        try write(Self.single("After"), to: "machines/Flow.json")

        let dot = try hostSucceeds("graph", "--execution", "first").stdout
        XCTAssertTrue(dot.contains("<b>Before</b>"), dot)
        XCTAssertFalse(dot.contains("After"), dot)
        let named = try host("graph", "machines/Flow.json", "--execution", "first")
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.stdout, dot)
        XCTAssertTrue(named.stderr.hasPrefix("host: note: drawn on the definition first ran; "), named.stderr)
        XCTAssertTrue(named.stderr.contains("has changed since"), named.stderr)
        // The definition as it ran, as DescribeStateMachineForExecution returns it.
        let machine = try JSONValue.parse(try hostSucceeds("executions", "describe-state-machine", "first").stdout)
        XCTAssertEqual(machine.objectValue.map { Array($0.keys) }, ["stateMachineArn", "name", "definition", "roleArn", "updateDate"])
        XCTAssertEqual(machine["definition"], .string(Self.single("Before")))
        XCTAssertEqual(machine["name"], "Flow")
        XCTAssertEqual(machine["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:Flow")
        XCTAssertEqual(machine["roleArn"], "arn:aws:iam::123456789012:role/service-role/StepFunctions-Flow-role")
        XCTAssertNotNil(machine["updateDate"]?.doubleValue)
        // The history's definition is the stored one too: its states are Before's.
        XCTAssertEqual(try storedHistory("first").compactMap(\.stateName), ["Before", "Before"])
    }

    /// `a/Flow.json` and `b/Flow.json` are both the machine Flow (a machine's name is its file's
    /// name); an execution of one is drawn on that one, whichever file the command names.
    func testSameFileNameInTwoFolders() throws {
        try write(Self.single("Alpha"), to: "a/Flow.json")
        try write(Self.single("Beta"), to: "b/Flow.json")
        try runMachine("a/Flow.json", name: "run-a", status: 0)

        let dot = try hostSucceeds("graph", "--execution", "run-a").stdout
        XCTAssertTrue(dot.contains("<b>Alpha</b>"), dot)
        XCTAssertFalse(dot.contains("Beta"), dot)
        let other = try host("graph", "b/Flow.json", "--execution", "run-a")
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertEqual(other.stdout, dot, "drawn on a/Flow.json, which ran")
        XCTAssertTrue(other.stderr.contains("it ran \(workspace.root.appendingPathComponent("a/Flow.json").standardizedFileURL.path)"),
                      other.stderr)
        let machine = try JSONValue.parse(try hostSucceeds("executions", "describe-state-machine", "run-a").stdout)
        XCTAssertEqual(machine["definition"], .string(Self.single("Alpha")))
    }

    func testUnknownExecution() throws {
        assertUsageError(try host("graph", "--execution", "nobody"), mentions: ["ExecutionDoesNotExist", "nobody"])
        assertUsageError(try host("executions", "describe-state-machine", "nobody"), mentions: ["ExecutionDoesNotExist"])
        assertUsageError(try host("graph"), mentions: ["--execution"])
        assertNoState()
    }
}
