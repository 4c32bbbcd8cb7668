import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host graph` and `host run --graph`, run as a user runs them: the diagram of a definition,
/// the path of a stored execution (seeds 001 and 003: "which states ran, which failed, which
/// caught the error"), SVG and PNG through Graphviz, and one-line errors with exit status 2.
final class GraphTests: RunTestCase {
    /// Green, orange, red and the grey of an edge not taken, as the diagrams colour a path.
    static let green = "#1d8102", orange = "#ec7211", red = "#d13212", grey = "#c4c9cc"

    func testDefinitionAsDOT() throws {
        let result = try hostSucceeds("graph", Self.apiMachine)
        let dot = result.stdout
        XCTAssertTrue(dot.hasPrefix("digraph \"MyAPIStateMachine\" {\n"), dot)
        XCTAssertTrue(dot.hasSuffix("}\n"), dot)
        for state in ["Call API", "Wait and Try Later", "Server Unavailable", "Catch All", "Change to 200", "OK"] {
            XCTAssertTrue(dot.contains("<b>\(state)</b>"), "\(state) in\n\(dot)")
        }
        XCTAssertTrue(dot.contains("retry ×2 on TooManyRequestsException"), dot)
        XCTAssertTrue(dot.contains("  s_Call_API -> s_Wait_and_Try_Later [label=\"TooManyRequestsException\", style=dashed]\n"), dot)
        XCTAssertFalse(dot.contains("legend"), "no execution, no legend")
    }

    func testDefinitionAsMermaid() throws {
        let result = try hostSucceeds("graph", Self.errorHandlingMachine, "--format", "mermaid")
        XCTAssertTrue(result.stdout.hasPrefix("---\ntitle: \"TestErrorHandling\"\n---\nflowchart TD\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  s_Test -.->|\"TestError\"| s_ErrorHandler\n"), result.stdout)
    }

    /// Seed 003 with 429: the path goes through the catcher, the Wait and back, and ends at OK.
    func testPathOfAStoredExecution() throws {
        try runMachine(Self.apiMachine, input: #"{"statuscode":"429"}"#, name: "throttled", status: 0)
        let dot = try hostSucceeds("graph", Self.apiMachine, "--execution", "throttled").stdout
        XCTAssertTrue(dot.hasPrefix("digraph \"MyAPIStateMachine · execution throttled · SUCCEEDED\" {\n"), dot)
        XCTAssertTrue(dot.contains("<i>retried ×2 (TooManyRequestsException)</i>"), dot)
        XCTAssertTrue(dot.contains("<i>ran ×2: 1 succeeded, 1 caught</i>"), dot)
        let edges: [(String, String)] = [
            ("start -> s_Call_API", Self.green), ("s_Call_API -> s_OK", Self.green),
            ("s_Call_API -> s_Wait_and_Try_Later [label=\"TooManyRequestsException\", style=dashed", Self.orange),
            ("s_Call_API -> s_Catch_All [label=\"States.ALL\", style=dashed", Self.grey),
            ("s_Change_to_200 -> s_Call_API", Self.green), ("s_OK -> finish", Self.green),
        ]
        for (edge, colour) in edges {
            XCTAssertTrue(dot.contains("  \(edge)\(edge.hasSuffix("dashed") ? ", " : " [")color=\"\(colour)\""), "\(edge) in \(colour):\n\(dot)")
        }
        // By ARN too, and as Mermaid.
        let arn = "arn:aws:states:us-east-1:123456789012:execution:MyAPIStateMachine:throttled"
        let mermaid = try hostSucceeds("graph", Self.apiMachine, "--execution", arn, "--format", "mermaid").stdout
        XCTAssertTrue(mermaid.contains("  class s_Call_API,legend_caught caught\n"), mermaid)
        XCTAssertTrue(mermaid.contains("  subgraph legend [\"Legend\"]\n"), mermaid)
    }

    /// Seed 003 with 503: caught into the Fail state, which fails the execution: red.
    func testFailedExecutionToFile() throws {
        try runMachine(Self.apiMachine, input: #"{"statuscode":"503"}"#, name: "unavailable", status: 1)
        let result = try hostSucceeds("graph", Self.apiMachine, "--execution", "unavailable", "--output", "path.mmd")
        XCTAssertEqual(result.stdout, "")
        let text = try String(contentsOf: workspace.root.appendingPathComponent("path.mmd"), encoding: .utf8)
        XCTAssertTrue(text.contains("  class s_Server_Unavailable,legend_failed failed\n"), text)
        XCTAssertTrue(text.contains("  linkStyle 6 stroke:\(Self.red),stroke-width:3px,color:\(Self.red)\n"), text)
    }

    /// `host run --graph FILE.svg` draws the execution it ran, laid out by Graphviz.
    func testRunWritesSVG() throws {
        try XCTSkipUnless(Self.hasGraphviz, "Graphviz's dot is not installed (bash .ci/setup installs it)")
        let result = try host("run", Self.errorHandlingMachine, "--input", #"{"fail": true}"#, "--virtual-clock", "--output", "json",
                              "--graph", "diagrams/fail.svg")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(try JSONValue.parse(result.stdout)["status"], "SUCCEEDED")
        let svg = try String(contentsOf: workspace.root.appendingPathComponent("diagrams/fail.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg"), svg)
        XCTAssertTrue(svg.contains("TestErrorHandling · execution"), "the title")
        XCTAssertTrue(svg.contains("fill=\"#ffd0a1\""), "Test caught TestError: orange")
        XCTAssertTrue(svg.contains(">ErrorHandler<"), svg)
    }

    func testGraphAsPNG() throws {
        try XCTSkipUnless(Self.hasGraphviz, "Graphviz's dot is not installed (bash .ci/setup installs it)")
        try hostSucceeds("graph", Self.apiMachine, "--output", "api.png")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: workspace.root.appendingPathComponent("api.png").path))
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
    }

    /// Without Graphviz, SVG and PNG say so in one line and exit 2; `host run --graph` runs
    /// nothing. DOT and Mermaid still work.
    func testWithoutGraphviz() throws {
        let noDot = ["PATH": "/nonexistent"]
        var result = try runHost(["graph", Self.apiMachine, "--format", "svg"], in: workspace.root, environment: noDot)
        assertUsageError(result, mentions: ["Graphviz", "dot"])
        result = try runHost(["run", Self.apiMachine, "--input", #"{"statuscode":"200"}"#, "--graph", "out.png"],
                             in: workspace.root, environment: noDot)
        assertUsageError(result, mentions: ["Graphviz"])
        assertNoState()
        result = try runHost(["graph", Self.apiMachine, "--format", "mermaid"], in: workspace.root, environment: noDot)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testBadRequests() throws {
        assertUsageError(try host("graph", Self.apiMachine, "--execution", "nothing"), mentions: ["ExecutionDoesNotExist", "nothing"])
        assertUsageError(try host("graph", "machines/missing.json"), mentions: ["machines/missing.json"])
        assertUsageError(try host("graph", Self.apiMachine, "--format", "pdf"), mentions: ["pdf"])
        assertUsageError(try host("run", Self.apiMachine, "--graph", "out.txt"), mentions: ["--graph"])
        assertNoState()
        // An execution of another machine.
        try runMachine(Self.errorHandlingMachine, input: #"{"fail": true}"#, name: "other", status: 0)
        assertUsageError(try host("graph", Self.apiMachine, "--execution", "other"), mentions: ["TestErrorHandling", "MyAPIStateMachine"])
    }

    static var hasGraphviz: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
    }
}
