import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host test --coverage`, `--coverage-json`, `--min-coverage` and `host graph --coverage`
/// (docs/testing.md, "Coverage"), on small machines whose coverage is worked out by hand.
final class CoverageTests: RunTestCase {
    /// A Choice with two rules and a Default (the second rule never matches), a Task with two
    /// retriers (the first fires) and a catcher never taken, a Parallel of two branches.
    static let machine = """
        {
          "StartAt": "Route",
          "States": {
            "Route": {
              "Type": "Choice",
              "Choices": [
                {"Variable": "$.kind", "StringEquals": "call", "Next": "Call"},
                {"Variable": "$.kind", "StringEquals": "never", "Next": "Skipped"}
              ],
              "Default": "Both"
            },
            "Call": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:MockAPIFunction",
              "Retry": [
                {"ErrorEquals": ["Busy"], "IntervalSeconds": 1, "MaxAttempts": 2},
                {"ErrorEquals": ["Timeout"], "IntervalSeconds": 1, "MaxAttempts": 1}
              ],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}],
              "Next": "Done"
            },
            "Handled": {"Type": "Pass", "Next": "Done"},
            "Skipped": {"Type": "Pass", "Next": "Done"},
            "Both": {
              "Type": "Parallel",
              "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}
              ],
              "Next": "Done"
            },
            "Done": {"Type": "Succeed"}
          }
        }
        """

    /// One test through the first rule, where Call is busy once and then answers (Retry[0]
    /// fires), and one through the Default into the Parallel.
    static let tests = """
        [
          {"name": "call", "machine": "Covered", "input": {"kind": "call"},
           "mocks": {"Call": {"0": {"Throw": {"Error": "Busy", "Cause": "busy"}}, "1": {"Return": "ok"}}},
           "expect": {"status": "SUCCEEDED", "path": ["Route", "Call", "Done"], "attempts": {"Call": 2}}},
          {"name": "both", "machine": "Covered", "input": {"kind": "other"},
           "expect": {"status": "SUCCEEDED", "entered": ["Left", "Right"], "notEntered": ["Call"]}}
        ]
        """

    override func setUpWithError() throws {
        try super.setUpWithError()
        try write(Self.machine, to: "machines/Covered.json")
        try write(Self.tests, to: "workflow-tests/covered.test.json")
    }

    /// By hand: 6 of 8 states entered (not Handled, Skipped); 4 of 8 transitions taken (Route's
    /// Choices[0] and Default, Call's Next, Both's Next; not Choices[1], Catch[0], and the Nexts
    /// of Handled and Skipped); Retry[0] fired once, Retry[1] never; both branches ran once.
    func testTheJSONReportHoldsWhatWasWorkedOutByHand() throws {
        let result = try host("test", "--coverage-json", "coverage.json")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let report = try JSONValue.parse(String(contentsOf: workspace.root.appendingPathComponent("coverage.json"), encoding: .utf8))
        guard case .array(let machines)? = report["machines"], machines.count == 1, let machine = machines.first else {
            return XCTFail("one machine expected: \(report)")
        }
        XCTAssertEqual(machine["machine"], "Covered")
        XCTAssertEqual(machine["file"], "machines/Covered.json")
        XCTAssertEqual(machine["executions"], 2)
        XCTAssertEqual(machine["summary"]?["states"], ["covered": 6, "total": 8, "percent": 75.0])
        XCTAssertEqual(machine["summary"]?["transitions"], ["covered": 4, "total": 8, "percent": 50.0])
        XCTAssertEqual(machine["summary"]?["retriers"], ["covered": 1, "total": 2, "percent": 50.0])
        XCTAssertEqual(machine["summary"]?["branches"], ["covered": 2, "total": 2, "percent": 100.0])
        let states = machine["states"]?.arrayValue?.map { [$0["path"]?.stringValue ?? "", "\($0["entered"]?.intValue ?? -1)"] }
        XCTAssertEqual(states, [["Route", "2"], ["Call", "1"], ["Handled", "0"], ["Skipped", "0"], ["Both", "1"],
                                ["Both/Branches[0]/Left", "1"], ["Both/Branches[1]/Right", "1"], ["Done", "2"]])
        let transitions = machine["transitions"]?.arrayValue?.map {
            "\($0["from"]?.stringValue ?? "") \($0["field"]?.stringValue ?? "") \($0["to"]?.stringValue ?? "") \($0["taken"]?.intValue ?? -1)"
        }
        XCTAssertEqual(transitions, ["Route Choices[0] Call 1", "Route Choices[1] Skipped 0", "Route Default Both 1",
                                     "Call Next Done 1", "Call Catch[0] Handled 0", "Handled Next Done 0", "Skipped Next Done 0",
                                     "Both Next Done 1"])
        XCTAssertEqual(machine["retriers"], [
            ["state": "Call", "field": "Retry[0]", "errorEquals": ["Busy"], "fired": 1],
            ["state": "Call", "field": "Retry[1]", "errorEquals": ["Timeout"], "fired": 0],
        ])
        XCTAssertEqual(machine["branches"], [
            ["state": "Both", "field": "Branches[0]", "startAt": "Left", "ran": 1],
            ["state": "Both", "field": "Branches[1]", "startAt": "Right", "ran": 1],
        ])
    }

    /// The table after the summary: the percentages, and each item no test used.
    func testTheTableNamesWhatWasNotCovered() throws {
        let result = try host("test", "--coverage")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let table = result.stdout.components(separatedBy: "2 tests: 2 passed, 0 failed").last ?? ""
        XCTAssertTrue(table.contains("Covered  75.0% (6/8)  50.0% (4/8)  50.0% (1/2)  100.0% (2/2)\n"), table)
        for line in ["state not entered: Handled", "state not entered: Skipped", "transition not taken: Route Choices[1] → Skipped",
                     "transition not taken: Call Catch[0] → Handled", "transition not taken: Handled Next → Done",
                     "transition not taken: Skipped Next → Done", "retrier not fired: Call Retry[1] [Timeout]"] {
            XCTAssertTrue(table.contains("    " + line + "\n"), "\(line) in\n\(table)")
        }
        XCTAssertFalse(table.contains("branch not run"), table)
    }

    /// Under the minimum, exit status 1 and the machine named with what it reached; at it, 0.
    func testMinCoverageExitStatus() throws {
        let below = try host("test", "--min-coverage", "75")
        XCTAssertEqual(below.status, 1, below.stdout + below.stderr)
        XCTAssertTrue(below.stderr.contains("coverage below --min-coverage 75%"), below.stderr)
        XCTAssertTrue(below.stderr.contains("Covered: transitions 50.0% (4/8)"), below.stderr)
        XCTAssertFalse(below.stderr.contains("states"), "6 of 8 states is 75 %: " + below.stderr)
        let met = try host("test", "--min-coverage", "50")
        XCTAssertEqual(met.status, 0, met.stdout + met.stderr)
        XCTAssertEqual(met.stderr, "")
        let invalid = try host("test", "--min-coverage", "101")
        XCTAssertEqual(invalid.status, 2, invalid.stderr)
        XCTAssertTrue(invalid.stderr.contains("--min-coverage must be a percentage, from 0 to 100"), invalid.stderr)
    }

    /// Two ways into the same state: only the engine can tell the rule from the Default.
    func testARuleAndTheDefaultLeadingToTheSameStateAreToldApart() throws {
        try write("""
            {"StartAt": "Pick", "States": {
              "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Next": "End"}], "Default": "End"},
              "End": {"Type": "Succeed"}}}
            """, to: "machines/Same.json")
        try write(#"{"machine": "Same", "input": {"n": 1}, "expect": {"status": "SUCCEEDED"}}"#, to: "same/small.test.json")
        let result = try host("test", "same", "--coverage-json", "same.json")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let report = try JSONValue.parse(String(contentsOf: workspace.root.appendingPathComponent("same.json"), encoding: .utf8))
        XCTAssertEqual(report["machines"]?[0]?["transitions"], [
            ["from": "Pick", "field": "Choices[0]", "to": "End", "taken": 0],
            ["from": "Pick", "field": "Default", "to": "End", "taken": 1],
        ])
    }

    /// `host graph MACHINE --coverage FILE`: the states and transitions no test used drawn in
    /// the uncovered colour and thick, the others green.
    func testTheGraphHighlightsWhatWasNotCovered() throws {
        XCTAssertEqual(try host("test", "--coverage-json", "coverage.json").status, 0)
        let dot = try hostSucceeds("graph", "machines/Covered.json", "--coverage", "coverage.json").stdout
        XCTAssertTrue(dot.hasPrefix("digraph \"Covered · coverage of 2 executions\" {\n"), dot)
        let uncovered = "#c7057e", covered = "#1d8102"
        for node in ["s_Handled", "s_Skipped"] {
            XCTAssertTrue(line(of: node, in: dot).hasSuffix("fillcolor=\"#fbd3ef\", color=\"\(uncovered)\", fontcolor=\"#16191f\", penwidth=2]"),
                          "\(node) uncovered:\n\(dot)")
        }
        for node in ["s_Route", "s_Call", "s_Both", "s_Left", "s_Right", "s_Done"] {
            XCTAssertTrue(line(of: node, in: dot).contains("color=\"\(covered)\""), "\(node) covered:\n\(dot)")
        }
        let edges = [
            ("s_Route -> s_Call", covered), ("s_Route -> s_Skipped", uncovered), ("s_Route -> s_Both", covered),
            ("s_Call -> s_Done", covered), ("s_Call -> s_Handled", uncovered), ("s_Handled -> s_Done", uncovered),
            ("s_Skipped -> s_Done", uncovered), ("s_Both__join -> s_Done", covered),
        ]
        for (edge, colour) in edges {
            let text = dot.split(separator: "\n").first { $0.hasPrefix("  \(edge) [") }.map(String.init) ?? ""
            XCTAssertTrue(text.contains("color=\"\(colour)\""), "\(edge) in \(colour):\n\(dot)")
            XCTAssertEqual(text.contains("penwidth=2.5"), colour == uncovered, text)
        }
        // End, Succeed and Fail are no transitions: drawn plain.
        XCTAssertTrue(dot.contains("  s_Done -> finish\n"), dot)
    }

    /// A coverage file of another version of the machine, or of other machines, is refused.
    func testTheGraphRefusesCoverageOfAnotherDefinition() throws {
        XCTAssertEqual(try host("test", "--coverage-json", "coverage.json").status, 0)
        try write(Self.machine.replacingOccurrences(of: "\"Skipped\"", with: "\"Ignored\""), to: "machines/Covered.json")
        let changed = try host("graph", "machines/Covered.json", "--coverage", "coverage.json")
        XCTAssertNotEqual(changed.status, 0)
        XCTAssertTrue(changed.stderr.contains("another version of Covered"), changed.stderr)
        let other = try host("graph", Self.apiMachine, "--coverage", "coverage.json")
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.stderr.contains("has no coverage of MyAPIStateMachine (it has Covered)"), other.stderr)
        try write(#"{"machines": [{"machine": "Covered", "extra": 1}]}"#, to: "bad.json")
        let bad = try host("graph", "machines/Covered.json", "--coverage", "bad.json")
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("bad.json:1:38: unknown field 'extra'"), bad.stderr)
    }

    private func line(of node: String, in dot: String) -> String {
        dot.split(separator: "\n").first { $0.hasPrefix("  \(node) [") || $0.hasPrefix("    \(node) [") || $0.hasPrefix("      \(node) [") }
            .map(String.init) ?? ""
    }
}
