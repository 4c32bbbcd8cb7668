import JSONValue
import StatesLanguage
import XCTest

/// Variable names in `Assign`, as AWS's *Passing data between states with variables* defines
/// them: "The first character of a variable name must be a Unicode ID_Start character, and the
/// second and subsequent characters must be Unicode ID_Continue characters", at most 80 of
/// them, and never the reserved `states`. Each refusal is located at the key that names the
/// variable.
final class ValidationVariableNameTests: XCTestCase {
    /// `machine(_:)` whose line 2 reads `  "StartAt": "S", "QueryLanguage": "JSONata",`.
    private func jsonata(_ state: String) -> String {
        machine(state, topLevel: #" "QueryLanguage": "JSONata","#)
    }

    func testANameWithAHyphenIsRefusedAtItsKey() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "Assign": { "bad-name": 1 },
                "End": true
            """)), 5, 17, "The variable name 'bad-name' is not valid: '-' is not", path: "$.States.S.Assign['bad-name']")
    }

    /// In JSONPath states `"name.$"` assigns `name`: the suffix is no part of the name.
    func testAJSONPathKeyIsCheckedWithoutItsSuffix() {
        assertOne(diagnostics(of: machine("""
                "Type": "Pass",
                "Assign": { "ok.$": "$.a", "1st.$": "$.b" },
                "End": true
            """)), 5, 32, "The variable name '1st' is not valid: it must start with")
    }

    /// "Step Functions defines a single reserved variable called `$states`".
    func testStatesIsReserved() {
        assertOne(diagnostics(of: jsonata("""
                "Type": "Pass",
                "Assign": { "states": "{% 1 %}" },
                "End": true
            """)), 5, 17, "The variable name 'states' is reserved")
    }

    /// "The maximum length of a variable name is 80".
    func testEightyCharactersAreTheLongestName() {
        let longest = String(repeating: "a", count: 80)
        XCTAssertNotNil(decodeValid(machine("""
                "Type": "Pass", "Assign": { "\(longest)": 1 }, "End": true
            """)))
        assertOne(diagnostics(of: machine("""
                "Type": "Pass", "Assign": { "\(longest)b": 1 }, "End": true
            """)), 4, 33, "is 81 characters long; the maximum is 80.")
    }

    /// Letters of any script are ID_Start; digits and `_` continue a name.
    func testUnicodeAndUnderscoreNamesAreAccepted() {
        XCTAssertNotNil(decodeValid(jsonata("""
                "Type": "Pass", "Assign": { "café": 1, "_private": 2, "x_2": 3, "名前": 4 }, "End": true
            """)))
    }

    /// A Choice rule's and a catcher's `Assign` name variables too.
    func testChoiceRuleAndCatcherAssignmentsAreChecked() {
        let found = diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Choices": [ { "Variable": "$.a", "IsPresent": true, "Next": "T", "Assign": { "a b": 1 } } ],
                "Default": "U"
              },
              "U": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "F" }, "End": true,
                "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "T", "Assign": { "$x": 1 } } ]
            """))
        XCTAssertEqual(found.map(\.pathDescription), ["$.States.S.Choices[0].Assign['a b']", "$.States.U.Catch[0].Assign['$x']"],
                       found.map(\.description).joined(separator: "\n"))
    }
}
