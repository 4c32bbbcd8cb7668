import Foundation
import JSONValue
import TestSupport
import XCTest

/// "The text output of `host run` tells what happened: a Parallel or Map whose Catch fires is
/// shown as caught, not ✓; a retry inside a branch is never dropped (it was when a sibling's
/// output arrived in between); every line names its state, and branches and iterations are
/// told apart."
final class ProgressTests: RunTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.addFunction("Flaky", """
            local FlakyError = exception("FlakyError")
            function handler(event, context)
              if event.fail then error(FlakyError("always")) end
              return event.value
            end
            """)
    }

    static let flaky = "arn:aws:lambda:us-east-1:123456789012:function:Flaky"

    /// Branch 0 waits 1 s while branch 1 fails, waits 1 s for its retry and fails again: the
    /// sibling's events come between the failure and the retry. The Parallel's Catch fires.
    static let fanOut = """
        {"StartAt": "Fan out", "States": {
          "Fan out": {"Type": "Parallel", "Next": "Each",
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Each"}],
            "Branches": [
              {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 1, "Next": "Quick"},
                                             "Quick": {"Type": "Pass", "End": true}}},
              {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "\(flaky)", "Parameters": {"fail": true},
                 "Retry": [{"ErrorEquals": ["FlakyError"], "IntervalSeconds": 1, "MaxAttempts": 1}], "End": true}}}]},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
            "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}}
        """

    /// A Map whose second iteration fails; its Catch fires.
    static let caughtMap = """
        {"StartAt": "Each", "States": {
          "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "After",
            "Catch": [{"ErrorEquals": ["FlakyError"], "Next": "After"}],
            "ItemProcessor": {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "\(flaky)", "End": true}}}},
          "After": {"Type": "Pass", "End": true}}}
        """

    /// The progress lines of `host run MACHINE --output text` (the summary left out).
    private func progress(_ machine: String, input: String, status: Int32) throws -> [String] {
        let result = try host("run", machine, "--input", input, "--output", "text", "--virtual-clock")
        XCTAssertEqual(result.status, status, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        return Array(lines.prefix { !$0.hasPrefix("SUCCEEDED in ") && !$0.hasPrefix("FAILED in ") })
    }

    func testBranchesRetriesAndACaughtParallel() throws {
        try write(Self.fanOut, to: "machines/FanOut.json")
        let lines = try progress("machines/FanOut.json", input: #"{"items": [1, 2]}"#, status: 0)
        let branch0 = "[Fan out: branch 0] ", branch1 = "[Fan out: branch 1] "
        for expected in [
            "▶ Fan out (Parallel)  input {\"items\":[1,2]}",
            "▶ \(branch0)Slow (Wait)  input {\"items\":[1,2]}",
            "▶ \(branch0)Quick (Pass)  input {\"items\":[1,2]}",
            "▶ \(branch1)Call (Task)  input {\"items\":[1,2]}",
            "  ✗ \(branch1)Call: FlakyError: always",
            "  ↻ \(branch1)Call: retry after 1.0 s",
            "  ✗ Fan out: a branch failed: FlakyError",
            "  · Each: iteration 0",
            "▶ [Each: iteration 0] Item (Pass)  input 1",
            "  ✓ [Each: iteration 1] Item  output 2",
            "  ✓ Each  output [1,2]",
        ] {
            XCTAssertTrue(lines.contains(expected), "no line \(expected.debugDescription) in\n\(lines.joined(separator: "\n"))")
        }
        // Two failures of the call, one retry between them.
        XCTAssertEqual(lines.filter { $0.hasPrefix("  ✗ \(branch1)Call: FlakyError") }.count, 2)
        XCTAssertEqual(lines.filter { $0.contains("↻") }.count, 1)
        // The Parallel was caught, not left with ✓.
        XCTAssertTrue(lines.contains { $0.hasPrefix("  ⤷ Fan out: caught FlakyError  output ") }, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.hasPrefix("  ✓ Fan out") }, lines.joined(separator: "\n"))
        assertEveryLineNamesItsState(lines)
    }

    func testACaughtMap() throws {
        try write(Self.caughtMap, to: "machines/CaughtMap.json")
        let lines = try progress("machines/CaughtMap.json", input: #"{"items": [{"value": 1}, {"fail": true}]}"#, status: 0)
        XCTAssertTrue(lines.contains("  ✗ [Each: iteration 1] Work: FlakyError: always"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  ✗ Each: iteration 1 failed: FlakyError"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("  ⤷ Each: caught FlakyError  output ") }, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.hasPrefix("  ✓ Each") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.last?.hasPrefix("  ✓ After  output {\"Error\":\"FlakyError\",\"Cause\":") ?? false, lines.joined(separator: "\n"))
        assertEveryLineNamesItsState(lines)
    }

    /// A Distributed Map: its Map Run's ARN when it starts, the Map Run's failure (any failed
    /// child by default, docs/distributed-map.md), then the catch; its children's states are
    /// in their own executions, not here.
    func testADistributedMapsMapRun() throws {
        try write("""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Label": "Items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Stop"}], "Default": "Keep"},
                "Stop": {"Type": "Fail", "Error": "Two"}, "Keep": {"Type": "Pass", "End": true}}},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "After"}], "Next": "After"},
             "After": {"Type": "Pass", "End": true}}}
            """, to: "machines/Runs.json")
        let lines = try progress("machines/Runs.json", input: "[1, 2, 3]", status: 0)
        let all = lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  · Each: Map Run arn:aws:states:us-east-1:123456789012:mapRun:Runs/Items:") }, all)
        XCTAssertTrue(lines.contains("  ✗ Each: the Map Run failed: States.ExceedToleratedFailureThreshold"), all)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  ⤷ Each: caught States.ExceedToleratedFailureThreshold  output ") }, all)
        XCTAssertFalse(lines.contains { $0.contains("Check") || $0.contains("iteration") }, all)
    }

    /// The variables a state assigned follow its output, each as `$name = JSON`, in the order
    /// its `Assign` writes them ("The following state types support Assign: Pass, Task, Map,
    /// Parallel, Choice, Wait", and catchers do too). A JSONPath `"name.$"` assigns `name`; all
    /// assignments of a state read the variables from before it, so `$count` is 1 in `Again`.
    func testAssignedVariablesFollowTheOutput() throws {
        try write("""
            {"StartAt": "Start", "States": {
              "Start": {"Type": "Pass", "Assign": {"count": 1, "who.$": "$.name", "tags": ["a", "b"]}, "Next": "Again"},
              "Again": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"count": "{% $count + 1 %}", "doubled": "{% $count * 2 %}"}, "Next": "Call"},
              "Call": {"Type": "Task", "Resource": "\(Self.flaky)", "Parameters": {"fail": true}, "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failed.$": "$.Error"}, "Next": "Done"}]},
              "Done": {"Type": "Pass", "End": true}}}
            """, to: "machines/Assigning.json")
        let lines = try progress("machines/Assigning.json", input: #"{"name": "Ada"}"#, status: 0)
        for expected in [
            #"  ✓ Start  output {"name":"Ada"}  assigned $count = 1, $who = "Ada", $tags = ["a","b"]"#,
            #"  ✓ Again  output {"name":"Ada"}  assigned $count = 2, $doubled = 2"#,
        ] {
            XCTAssertTrue(lines.contains(expected), "no line \(expected.debugDescription) in\n\(lines.joined(separator: "\n"))")
        }
        // The catcher's output is the error output {"Error", "Cause"}; its Assign follows it.
        XCTAssertTrue(lines.contains { $0.hasPrefix(#"  ⤷ Call: caught FlakyError  output {"Error":"FlakyError""#)
                                       && $0.hasSuffix(#"  assigned $failed = "FlakyError""#) }, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.hasPrefix("  ✓ Done") && $0.contains("assigned") }, lines.joined(separator: "\n"))
        assertEveryLineNamesItsState(lines)
    }

    /// `▶ [SCOPE] NAME (Type)`, `  MARK [SCOPE] NAME...` or `  · NAME: iteration N`.
    private func assertEveryLineNamesItsState(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(lines.isEmpty, file: file, line: line)
        for text in lines {
            let named = Self.match(#"(▶ |  [✓✗↻⤷] )(\[[^\]]+\] )?[A-Za-z][A-Za-z0-9 ]*( \(\w+\)  input |  output |: ).*"#, text) != nil
                || Self.match(#"  · [A-Za-z][A-Za-z0-9 ]*: iteration \d+"#, text) != nil
            XCTAssertTrue(named, "a line without its state: \(text.debugDescription)", file: file, line: line)
        }
    }
}
