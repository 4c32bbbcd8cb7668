import JSONValue
import StatesLanguage
import XCTest

/// Transitions and the graph of each scope. AWS's words: MISSING_TRANSITION_TARGET "Missing
/// 'Next' target: <name>" (for StartAt, Next, Default, Choices and Catch alike) and
/// "State "<name>" is not reachable.", MISSING_END_STATE "Workflow has no terminal state".
final class ValidationTransitionTests: XCTestCase {
    func testStartAtNamingNoState() {
        let text = """
            {
              "StartAt": "Begin",
              "States": { "S": { "Type": "Succeed" } }
            }
            """
        assertOne(diagnostics(of: text), 2, 14, "Missing 'Next' target: Begin.", path: "$.StartAt")
    }

    /// AWS, measured: "A with "Next": "NOPE" and nothing else" gives both diagnostics.
    func testNextNamingNoStateAndNoTerminalState() {
        let found = diagnostics(of: machine("""
                "Type": "Pass",
                "Next": "Nowhere"
            """))
        XCTAssertEqual(found.count, 2)
        guard found.count == 2 else { return }
        assertDiagnostic(found[0], 3, 3, "Workflow has no terminal state.", path: "$.States")
        assertDiagnostic(found[1], 5, 13, "Missing 'Next' target: Nowhere.", path: "$.States.S.Next")
    }

    func testDefaultNamingNoState() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "T" } ],
                "Default": "Nope"
            """)), 6, 16, "Missing 'Next' target: Nope.", path: "$.States.S.Default")
    }

    /// `"Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Nope" } ]` puts Nope in column 57.
    func testCatcherNextNamingNoState() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Nope" } ],
                "End": true
            """)), 6, 57, "Missing 'Next' target: Nope.", path: "$.States.S.Catch[0].Next")
    }

    func testChoiceRuleNextNamingNoState() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "Nope" } ],
                "Default": "T"
            """)), 5, 66, "Missing 'Next' target: Nope.", path: "$.States.S.Choices[0].Next")
    }

    /// "States in a branch can only transition to other states in the same branch": a branch
    /// state whose Next names a top-level state is refused, and the branch then has no end.
    func testABranchCannotJumpOut() {
        let text = """
            {
              "StartAt": "P",
              "States": {
                "P": {
                  "Type": "Parallel",
                  "Branches": [ { "StartAt": "B", "States": { "B": { "Type": "Pass", "Next": "Done" } } } ],
                  "Next": "Done"
                },
                "Done": { "Type": "Succeed" }
              }
            }
            """
        let found = diagnostics(of: text)
        XCTAssertEqual(found.count, 2)
        guard found.count == 2 else { return }
        assertDiagnostic(found[0], 6, 39, "Workflow has no terminal state.", path: "$.States.P.Branches[0].States")
        assertDiagnostic(found[1], 6, 82, "Missing 'Next' target: Done (that state is in another scope", path: "$.States.P.Branches[0].States.B.Next")
    }

    /// "The ItemProcessor field's states can only transition to each other."
    func testAnItemProcessorCannotStartOutside() {
        let found = diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "StartAt": "S", "States": { "P": { "Type": "Succeed" } } },
                "End": true
            """))
        // `    "ItemProcessor": { "StartAt": "S"` puts the value "S" in column 35.
        assertOne(found, 5, 35, "Missing 'Next' target: S (that state is in another scope", path: "$.States.S.ItemProcessor.StartAt")
    }

    func testUnreachableState() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "End": true
              },
              "Orphan": { "Type": "Pass", "End": true
            """)), 7, 3, "State \"Orphan\" is not reachable.", path: "$.States.Orphan")
    }

    /// AWS, measured: the bare loop A → B → A with a third state nothing reaches gives one
    /// diagnostic, MISSING_END_STATE, which "suppresses the unreachable-state walk".
    func testLoopWithoutTerminalState() {
        let text = """
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "B" },
                "B": { "Type": "Pass", "Next": "A" },
                "C": { "Type": "Pass", "Next": "A" }
              }
            }
            """
        assertOne(diagnostics(of: text), 3, 3, "Workflow has no terminal state.", path: "$.States")
    }

    /// AWS, measured: "That loop plus an unreachable terminal C" gives "State "C" is not reachable."
    func testLoopWithAnUnreachableTerminalState() {
        let text = """
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "B" },
                "B": { "Type": "Pass", "Next": "A" },
                "C": { "Type": "Succeed" }
              }
            }
            """
        assertOne(diagnostics(of: text), 6, 5, "State \"C\" is not reachable.")
    }

    /// "Only one of Next or End can be used in a state."
    func testEndWithNext() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Pass",
                "Next": "T",
                "End": true
            """)), 6, 5, "Only one of 'Next' and 'End' can be used in a state.")
    }

    /// "All non-terminal states MUST have a "Next" field, except for the Choice State."
    func testNeitherNextNorEnd() {
        assertOne(diagnostics(of: machine(#"    "Type": "Pass""#)), 3, 20, "A Pass state must have either a 'Next' field or \"End\": true.")
    }

    func testEndFalseWithoutNext() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "Seconds": 1,
                "End": false
            """)), 3, 20, "A Wait state must have either a 'Next' field or \"End\": true.")
    }

    /// "State names MUST be unique within the scope of the whole state machine": the branch's
    /// "Done" is met first, so the top-level one is the duplicate.
    func testDuplicateStateNameAcrossScopes() {
        let text = """
            {
              "StartAt": "P",
              "States": {
                "P": {
                  "Type": "Parallel",
                  "Branches": [ { "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } } ],
                  "Next": "Done"
                },
                "Done": { "Type": "Succeed" }
              }
            }
            """
        assertOne(diagnostics(of: text), 9, 5, "State name 'Done' is already used at $.States.P.Branches[0].States.Done, and state names must be unique")
    }

    /// "The state name, whose length MUST BE less than or equal to 80 Unicode characters".
    func testStateNameLongerThan80Characters() {
        let long = String(repeating: "a", count: 81)
        let text = "{\n  \"StartAt\": \"\(long)\",\n  \"States\": { \"\(long)\": { \"Type\": \"Succeed\" } }\n}"
        assertOne(diagnostics(of: text), 3, 15, "State names can have at most 80 characters, and this one has 81.")
        let fine = String(repeating: "é", count: 80)
        XCTAssertNotNil(decodeValid("{\"StartAt\": \"\(fine)\", \"States\": {\"\(fine)\": {\"Type\": \"Succeed\"}}}"))
    }

    /// Catch targets and Choice targets count as transitions: nothing here is unreachable.
    func testCatchAndChoiceTargetsAreReachable() {
        XCTAssertNotNil(decodeValid("""
            {
              "StartAt": "Work",
              "States": {
                "Work": {
                  "Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                  "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Handle" } ],
                  "Next": "Route"
                },
                "Route": { "Type": "Choice", "Choices": [ { "Variable": "$.ok", "BooleanEquals": true, "Next": "Yes" } ], "Default": "No" },
                "Handle": { "Type": "Fail" },
                "Yes": { "Type": "Succeed" },
                "No": { "Type": "Fail" }
              }
            }
            """))
    }
}
