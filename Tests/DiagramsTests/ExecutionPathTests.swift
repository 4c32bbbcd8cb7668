import Diagrams
import Engine
import JSONValue
import StatesLanguage
import XCTest

/// The path read from histories the engine records, for what the seeds do not exercise:
/// Parallel branches, Map iterations, Choice rules, retries that end well, executions that
/// are cut short.
final class ExecutionPathTests: XCTestCase {
    static let api = "arn:aws:lambda:us-east-1:123456789012:function:MockAPIFunction"

    /// A Choice, a Parallel whose second branch is retried then fails and is caught, a Pass,
    /// a Map of two iterations, one at a time.
    static let fanOut = """
        {"StartAt": "Pick", "States": {
          "Pick": {"Type": "Choice", "Choices": [
              {"Variable": "$.mode", "StringEquals": "fan", "Next": "Fan"},
              {"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Not": {"Variable": "$.x", "IsPresent": true}}], "Next": "Each"}],
            "Default": "Done"},
          "Fan": {"Type": "Parallel", "ResultPath": "$.fan", "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\(api)", "Parameters": {"statuscode": "200"}, "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "\(api)", "Parameters": {"statuscode.$": "$.code"},
                 "Retry": [{"ErrorEquals": ["TooManyRequestsException"], "MaxAttempts": 1}], "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
            "Next": "Each"},
          "Recover": {"Type": "Pass", "Result": 2, "ResultPath": "$.n", "Next": "Each"},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ResultPath": "$.each",
            "ItemProcessor": {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "\(api)", "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "200 OK", "Next": "Fine"}], "Default": "Bad"},
              "Fine": {"Type": "Succeed"},
              "Bad": {"Type": "Fail", "Error": "Bad"}}},
            "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """

    func testParallelBranchFailsAndIsCaught() async throws {
        let machine = try Files.parse(Self.fanOut)
        let result = await StubFunctions.run(machine, input: ["mode": "fan", "code": "429", "items": [["statuscode": "200"], ["statuscode": "200"]]])
        XCTAssertEqual(result.status, .succeeded)
        let path = ExecutionPath(history: result.history, machine: machine)
        XCTAssertEqual(path.status, .succeeded)
        XCTAssertEqual(path["Pick"].exits, [.choice(0): 1])
        XCTAssertEqual(path["A"].status, .succeeded)
        XCTAssertEqual(path["A"].starts, 1)
        XCTAssertEqual(path["A"].exits, [.end: 1])
        // B: tried, retried once on 429, failed again; the failure failed the Parallel.
        XCTAssertEqual(path["B"].retries, [ErrorCount(error: "TooManyRequestsException", count: 1)])
        XCTAssertEqual(path["B"].status, .failed)
        XCTAssertEqual(path["B"].failedErrors, ["TooManyRequestsException"])
        XCTAssertEqual(path["B"].exits, [:])
        XCTAssertEqual(path["Fan"].status, .caught)
        XCTAssertEqual(path["Fan"].caughtErrors, ["TooManyRequestsException"])
        XCTAssertEqual(path["Fan"].exits, [.catcher(0): 1])
        XCTAssertEqual(path["Recover"].exits, [.next: 1])
        XCTAssertEqual(path["Each"].iterations, 2)
        XCTAssertEqual(path["Each"].status, .succeeded)
        XCTAssertEqual(path["Work"].entered, 2)
        XCTAssertEqual(path["Work"].starts, 2, "each iteration starts at Work")
        XCTAssertEqual(path["Check"].exits, [.choice(0): 2])
        XCTAssertEqual(path["Fine"].exits, [.end: 2])
        XCTAssertEqual(path["Bad"].status, .notReached)
        XCTAssertEqual(path["Done"].exits, [.end: 1])

        // In the drawing: the catcher leaves the Parallel from its join, taken; Map's
        // processor is entered twice.
        let diagram = Diagram(machine: machine, name: "fan", path: path, executionName: "one")
        XCTAssertTrue(diagram.edges.contains(Edge(from: "s_Fan__join", to: "s_Recover", kind: .catch, label: "States.ALL", traversals: 1, status: .caught)))
        XCTAssertTrue(diagram.edges.contains(Edge(from: "s_Fan__join", to: "s_Each", kind: .next, traversals: 0, status: .notReached)))
        XCTAssertTrue(diagram.edges.contains(Edge(from: "s_Each", to: "s_Work", kind: .start, traversals: 2, status: .succeeded)))
        XCTAssertTrue(diagram.edges.contains(Edge(from: "s_Fine", to: "s_Each__join", kind: .end, traversals: 2, status: .succeeded)))
        XCTAssertTrue(diagram.edges.contains(Edge(from: "s_Bad", to: "s_Each__join", kind: .end, traversals: 0, status: .notReached)))
        let dot = diagram.dot()
        XCTAssertTrue(dot.contains("  s_Each -> s_Work [label=\"×2\", color=\"#1d8102\", fontcolor=\"#1d8102\", penwidth=2.5]\n"), dot)
        XCTAssertTrue(dot.contains("<i>retried ×1 (TooManyRequestsException)</i>"), dot)
        XCTAssertTrue(dot.contains("<i>failed with TooManyRequestsException</i>"), dot)
        XCTAssertTrue(dot.contains("<i>2 iterations</i>"), dot)
    }

    func testMapIterationFailsTheExecution() async throws {
        let machine = try Files.parse(Self.fanOut)
        let result = await StubFunctions.run(machine, input: ["mode": "fan", "code": "200", "items": [["statuscode": "200"], ["statuscode": "503"]]])
        XCTAssertEqual(result.status, .failed)
        let path = ExecutionPath(history: result.history, machine: machine)
        XCTAssertEqual(path.status, .failed)
        XCTAssertEqual(path["Fan"].status, .succeeded)
        XCTAssertEqual(path["Fan"].exits, [.next: 1])
        XCTAssertEqual(path["A"].exits, [.end: 1])
        XCTAssertEqual(path["B"].exits, [.end: 1])
        XCTAssertEqual(path["Each"].iterations, 2)
        XCTAssertEqual(path["Each"].failedIterations, 1)
        XCTAssertEqual(path["Each"].status, .failed)
        XCTAssertEqual(path["Each"].failedErrors, ["ServerUnavailableException"])
        XCTAssertEqual(path["Work"].succeeded, 1)
        XCTAssertEqual(path["Work"].failed, 1)
        XCTAssertEqual(path["Work"].status, .failed)
        XCTAssertEqual(path["Check"].exits, [.choice(0): 1])
        XCTAssertEqual(path["Recover"].status, .notReached)
        XCTAssertEqual(path["Done"].status, .notReached)
        let work = try XCTUnwrap(Diagram(machine: machine, name: "fan", path: path).nodes.first { $0.title == "Work" })
        XCTAssertEqual(work.notes, ["ran ×2: 1 succeeded, 1 failed", "failed with ServerUnavailableException"])
    }

    /// A retried state that then succeeds is yellow, with its retries counted by error.
    func testRetriedThenSucceeded() async throws {
        let machine = try Files.parse("""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "\(Self.api)", "Parameters": {"statuscode.$": "States.ArrayGetItem($.codes, $$.State.RetryCount)"},
                "Retry": [{"ErrorEquals": ["TooManyRequestsException", "ServerUnavailableException"], "MaxAttempts": 3}], "End": true}}}
            """)
        let result = await StubFunctions.run(machine, input: ["codes": ["429", "503", "429", "200"]])
        XCTAssertEqual(result.status, .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        let path = ExecutionPath(history: result.history, machine: machine)
        XCTAssertEqual(path["Call"].retries, [ErrorCount(error: "TooManyRequestsException", count: 2),
                                              ErrorCount(error: "ServerUnavailableException", count: 1)])
        XCTAssertEqual(path["Call"].status, .retried)
        XCTAssertEqual(path["Call"].succeededAfterRetry, 1)
        let node = try XCTUnwrap(Diagram(machine: machine, name: "retry", path: path).nodes.first { $0.title == "Call" })
        XCTAssertEqual(node.details, ["Task: MockAPIFunction", "retry ×3 on TooManyRequestsException, ServerUnavailableException"])
        XCTAssertEqual(node.notes, ["retried ×2 (TooManyRequestsException)", "retried ×1 (ServerUnavailableException)"])
        XCTAssertEqual(node.status, .retried)
    }

    /// When several of a Choice's ways lead to the same state, the rules are evaluated again
    /// on the state's input to tell which one was taken.
    func testChoiceRuleIsToldApartByTheInput() async throws {
        let machine = try Files.parse("""
            {"StartAt": "Size", "States": {
              "Size": {"Type": "Choice", "InputPath": "$.box", "Choices": [
                  {"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Done"},
                  {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Done"}],
                "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """)
        for (n, exit) in [(7, Exit.choice(0)), (3, .choice(1)), (-1, .defaultRule)] {
            let result = await StubFunctions.run(machine, input: ["box": ["n": .int(Int64(n))]])
            let path = ExecutionPath(history: result.history, machine: machine)
            XCTAssertEqual(path["Size"].exits, [exit: 1], "n = \(n)")
        }
    }

    /// A branch stopped because its sibling failed is cancelled (grey), not failed.
    func testSiblingBranchIsCancelled() async throws {
        let machine = try Files.parse("""
            {"StartAt": "Both", "States": {
              "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 30, "Next": "After"},
                                               "After": {"Type": "Pass", "End": true}}},
                {"StartAt": "Broken", "States": {"Broken": {"Type": "Task", "Resource": "\(Self.api)", "Parameters": {"statuscode": "503"}, "End": true}}}]}}}
            """)
        let result = await StubFunctions.run(machine, input: [:])
        XCTAssertEqual(result.status, .failed)
        let path = ExecutionPath(history: result.history, machine: machine)
        XCTAssertEqual(path["Broken"].status, .failed)
        XCTAssertEqual(path["Slow"].status, .cancelled)
        XCTAssertEqual(path["After"].status, .notReached)
        XCTAssertEqual(path["Both"].status, .failed)
        XCTAssertEqual(path["Both"].failedErrors, ["ServerUnavailableException"])
        XCTAssertEqual(Diagram(machine: machine, name: "both", path: path).legend,
                       [.succeeded, .retried, .caught, .failed, .cancelled, .notReached])
    }

    /// An execution that timed out: the state it was in is where it failed, with States.Timeout.
    func testTimedOutExecution() async throws {
        let machine = try Files.parse("""
            {"StartAt": "Hold", "TimeoutSeconds": 5, "States": {
              "Hold": {"Type": "Wait", "Seconds": 60, "Next": "Never"},
              "Never": {"Type": "Pass", "End": true}}}
            """)
        let result = await StubFunctions.run(machine, input: [:])
        XCTAssertEqual(result.status, .timedOut)
        let path = ExecutionPath(history: result.history, machine: machine)
        XCTAssertEqual(path.status, .timedOut)
        XCTAssertEqual(path["Hold"].status, .failed)
        XCTAssertEqual(path["Hold"].failedErrors, ["States.Timeout"])
        XCTAssertEqual(path["Never"].status, .notReached)
    }

    /// A history read while the execution runs: its last state is in progress.
    func testRunningExecution() async throws {
        let machine = try Files.machine("MyAPIStateMachine")
        let history = try Files.history("MyAPIStateMachine.statuscode-429").filter { $0.id <= 13 }
        let path = ExecutionPath(history: history, machine: machine)
        XCTAssertEqual(path.status, .running)
        XCTAssertEqual(path["Wait and Try Later"].status, .inProgress)
        XCTAssertEqual(path["Call API"].status, .caught)
        let diagram = Diagram(machine: machine, name: "MyAPIStateMachine", path: path, executionName: "live")
        XCTAssertEqual(diagram.title, "MyAPIStateMachine · execution live · RUNNING")
        XCTAssertEqual(diagram.legend, [.succeeded, .retried, .caught, .failed, .inProgress, .notReached])
        XCTAssertTrue(diagram.dot().contains("fillcolor=\"#bcdcf5\""), "in progress is blue")
    }
}
