import JSONValue
import StatesLanguage
import XCTest

/// Unknown, misplaced and missing fields, and fields of the wrong type. The one-state machines
/// put the state's fields on lines 4 and on, indented by four spaces: a key is in column 5 and
/// its value `len(key) + 4` columns later (quotes, colon and space).
final class ValidationFieldTests: XCTestCase {
    /// AWS refuses a field its state type does not support: "Field 'X' is not supported".
    func testResultOnATaskIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Result": "x",
                "End": true
            """)), 6, 5, "Field 'Result' is not supported in a Task state.", path: "$.States.S.Result")
    }

    /// "Retry: Task, Parallel, Map; refused on Pass, Wait, Choice, Succeed, Fail" (AWS, measured).
    func testRetryOnAPassIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "Retry": [],
                "End": true
            """)), 5, 5, "Field 'Retry' is not supported in a Pass state.")
    }

    func testSecondsOnATaskIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Seconds": 5,
                "End": true
            """)), 6, 5, "Field 'Seconds' is not supported in a Task state.")
    }

    /// AWS: "TimeoutSeconds on a Map state ... Field 'TimeoutSeconds' is not supported".
    func testTimeoutSecondsOnAMapIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "TimeoutSeconds": 5,
                "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "End": true
            """)), 5, 5, "Field 'TimeoutSeconds' is not supported in a Map state.")
    }

    /// statelint: "should reject Parameters except in Pass, Task, and Parallel" (and Map).
    func testParametersOnAChoiceIsRefused() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Parameters": {},
                "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "T" } ]
            """)), 5, 5, "Field 'Parameters' is not supported in a Choice state.")
    }

    /// statelint: "should reject ResultSelector except in Task, Parallel, and Map states".
    func testResultSelectorOnAPassIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "ResultSelector": {},
                "End": true
            """)), 5, 5, "Field 'ResultSelector' is not supported in a Pass state.")
    }

    /// statelint issue #8, AWS: "Field ResultPath not allowed" on a Wait state.
    func testResultPathOnAWaitIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "Seconds": 1,
                "ResultPath": null,
                "End": true
            """)), 6, 5, "Field 'ResultPath' is not supported in a Wait state.")
    }

    /// "A Fail State MUST NOT have a field named "InputPath"" (statelint's rules).
    func testInputPathOnAFailIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Fail",
                "InputPath": "$.x"
            """)), 5, 5, "Field 'InputPath' is not supported in a Fail state.")
    }

    /// "A Terminal State MUST NOT have a field named "Next"" (ASL).
    func testNextOnASucceedIsRefused() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Succeed",
                "Next": "T"
            """)), 5, 5, "Field 'Next' is not supported in a Succeed state.")
    }

    /// "Choice states do not support the End field."
    func testEndOnAChoiceIsRefused() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "T" } ],
                "End": true
            """)), 6, 5, "Field 'End' is not supported in a Choice state.")
    }

    /// The misspelt "Coment" of the stepfunctions-local issue, which AWS refuses.
    func testUnknownTopLevelFieldIsRefused() {
        let text = """
            {
              "Coment": "x",
              "StartAt": "S",
              "States": { "S": { "Type": "Succeed" } }
            }
            """
        assertOne(diagnostics(of: text), 2, 3, "Field 'Coment' is not supported in the state machine.")
    }

    /// "A State Machine MUST have an object field named "States"" and "a string field named
    /// "StartAt"". AWS's wording: "These fields are required: [...]".
    func testMissingStartAtAndStatesAreReportedTogether() {
        assertOne(diagnostics(of: #"{ "Comment": "empty" }"#), 1, 1, "These fields are required: [StartAt, States].", path: "$")
    }

    /// "All states MUST have a "Type" field."
    func testMissingTypeIsReportedAtTheState() {
        assertOne(diagnostics(of: machine(#"    "Comment": "no type""#)), 3, 20, "These fields are required: [Type].", path: "$.States.S")
    }

    func testUnknownTypeIsReportedAtItsValue() {
        assertOne(diagnostics(of: machine(#"    "Type": "Taks""#)), 4, 13, "Field 'Type' must be one of Task, Pass, Wait, Choice, Succeed, Fail, Parallel, Map, not \"Taks\".")
    }

    /// "A Task State MUST have a string field named "Resource"".
    func testTaskWithoutResource() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "End": true
            """)), 3, 20, "These fields are required: [Resource].")
    }

    /// "End ... whose value MUST be a boolean": the string "true" is not one.
    func testEndMustBeABoolean() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "End": "true"
            """)), 5, 12, "Field 'End' must be true or false, not \"true\".")
    }

    func testStartAtMustBeAString() {
        let text = """
            {
              "StartAt": 5,
              "States": { "S": { "Type": "Succeed" } }
            }
            """
        assertOne(diagnostics(of: text), 2, 14, "Field 'StartAt' must be a string, not 5.")
    }

    func testCommentMustBeAString() {
        assertOne(diagnostics(of: machine("""
                "Type": "Succeed",
                "Comment": 5
            """)), 5, 16, "Field 'Comment' must be a string, not 5.")
    }

    func testStateMustBeAnObject() {
        let text = """
            {
              "StartAt": "S",
              "States": { "S": "Succeed" }
            }
            """
        assertOne(diagnostics(of: text), 3, 20, "State 'S' must be a JSON object, not \"Succeed\".")
    }

    /// States that are no object leave nothing to check StartAt against: one diagnostic.
    func testStatesMustBeAnObject() {
        let text = """
            {
              "StartAt": "S",
              "States": [ { "Type": "Succeed" } ]
            }
            """
        assertOne(diagnostics(of: text), 3, 13, "Field 'States' must be a JSON object, not an array.")
    }

    /// "Each such state machine object must have fields named States and StartAt".
    func testBranchMustBeAMachine() {
        let found = diagnostics(of: machine("""
                "Type": "Parallel",
                "Branches": [ { "States": { "B": { "Type": "Succeed" } } }, 5 ],
                "End": true
            """))
        XCTAssertEqual(found.count, 2)
        guard found.count == 2 else { return }
        // `    "Branches": [ { ` opens the first branch in column 19; the 5 is in column 65.
        assertDiagnostic(found[0], 5, 19, "These fields are required: [StartAt].", path: "$.States.S.Branches[0]")
        assertDiagnostic(found[1], 5, 65, "A Parallel branch must be a JSON object, not 5.", path: "$.States.S.Branches[1]")
    }

    /// Assign is for states that move on: not Succeed or Fail.
    func testAssignOnASucceedIsRefused() {
        assertOne(diagnostics(of: machine("""
                "Type": "Succeed",
                "Assign": { "x": 1 }
            """)), 5, 5, "Field 'Assign' is not supported in a Succeed state.")
    }

    func testDefinitionMustBeAnObject() {
        assertOne(diagnostics(of: "[]"), 1, 1, "A state machine definition must be a JSON object, not an array.")
    }
}
