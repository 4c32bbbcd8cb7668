import JSONValue
import StatesLanguage
import XCTest

/// JSONata-only fields in JSONPath states and JSONPath-only fields in JSONata states, with
/// AWS's messages (ValidateStateMachineDefinition, SCHEMA_VALIDATION_FAILED).
final class ValidationQueryLanguageTests: XCTestCase {
    /// `machine(_:)` whose line 2 reads `  "StartAt": "S", "QueryLanguage": "JSONata",`.
    private func jsonata(_ state: String) -> String {
        machine(state, topLevel: #" "QueryLanguage": "JSONata","#)
    }

    /// "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the
    /// 'JSONata' QueryLanguage".
    func testOutputInAJSONPathState() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "Output": {},
                "End": true
            """)), 5, 5, "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage.")
    }

    func testArgumentsInAJSONPathState() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {},
                "End": true
            """)), 6, 5, "but field 'Arguments' is only supported for the 'JSONata' QueryLanguage.")
    }

    /// "JSONata states do not have Parameters"; nor InputPath, ResultSelector, ResultPath, OutputPath.
    func testJSONPathFieldsInAJSONataState() {
        for field in ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector"] {
            let value = field.hasSuffix("Path") ? #""$.x""# : "{}"
            assertOne(diagnostics(of: jsonata("""
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "\(field)": \(value),
                    "End": true
                """)), 6, 5, "The QueryLanguage is set to 'JSONata', but field '\(field)' is only supported for the 'JSONPath' QueryLanguage.")
        }
    }

    func testPathFormsInAJSONataState() {
        assertOne(diagnostics(of: jsonata("""
                "Type": "Wait",
                "SecondsPath": "$.delay",
                "End": true
            """)), 5, 5, "but field 'SecondsPath' is only supported for the 'JSONPath' QueryLanguage.")
    }

    /// "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine".
    func testJSONPathStateInAJSONataMachine() {
        assertOne(diagnostics(of: jsonata("""
                "Type": "Pass",
                "QueryLanguage": "JSONPath",
                "End": true
            """)), 5, 22, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine.")
    }

    func testUnknownQueryLanguage() {
        let text = machine(#"    "Type": "Succeed""#, topLevel: #" "QueryLanguage": "jsonata","#)
        assertOne(diagnostics(of: text), 2, 36, #"Field 'QueryLanguage' must be "JSONPath" or "JSONata", not "jsonata"."#)
    }

    /// AWS: "ItemProcessor ... cannot declare 'QueryLanguage' at all": "Field 'QueryLanguage'
    /// is not supported" at /States/M/ItemProcessor.
    func testQueryLanguageInAnItemProcessor() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "QueryLanguage": "JSONata", "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "End": true
            """)), 5, 24, "Field 'QueryLanguage' is not supported in a Map ItemProcessor.")
    }

    /// AWS: "A Map declaring "QueryLanguage": "JSONata" does not change this for the states
    /// inside its ItemProcessor: those inherit the machine's top-level language".
    func testItemProcessorStatesInheritTheTopLevelLanguage() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "QueryLanguage": "JSONata",
                "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Pass", "Output": 1, "End": true } } },
                "End": true
            """)), 6, 75, "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage.")
    }

    /// JSONata Choice Rules have a Condition, not Variable and operators.
    func testJSONataChoiceRuleWithVariable() {
        let found = diagnostics(of: machine("""
                "Type": "Choice",
                "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "S" } ],
                "Default": "T"
              },
              "T": { "Type": "Succeed"
            """, topLevel: #" "QueryLanguage": "JSONata","#))
        // `    "Choices": [ { ` puts the rule's `{` in column 18 and Variable in column 20.
        XCTAssertEqual(found.map(\.location), [SourceLocation(line: 5, column: 18), SourceLocation(line: 5, column: 20), SourceLocation(line: 5, column: 39)])
        XCTAssertEqual(found.map(\.message), [
            "These fields are required: [Condition].",
            "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage.",
            "The QueryLanguage is set to 'JSONata', but field 'IsPresent' is only supported for the 'JSONPath' QueryLanguage.",
        ])
    }

    /// In JSONata states a value field may be an expression, and nothing else but its value.
    func testJSONataValueFieldMustBeAnExpression() {
        assertOne(diagnostics(of: jsonata("""
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSeconds": "30",
                "End": true
            """)), 6, 23, "Field 'TimeoutSeconds' must be an integer from 1 to 99999999 or a JSONata expression, not \"30\".")
    }

    func testJSONataConditionMustBeAnExpression() {
        assertOne(diagnostics(of: jsonata("""
                "Type": "Choice",
                "Choices": [ { "Condition": "$x = 1", "Next": "S" } ],
                "Default": "T"
              },
              "T": { "Type": "Succeed"
            """)), 5, 33, "Field 'Condition' must be a JSONata expression or a boolean, not \"$x = 1\".")
    }
}
