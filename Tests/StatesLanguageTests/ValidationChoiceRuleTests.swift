import JSONValue
import StatesLanguage
import XCTest

/// Malformed Choice Rules. The rule under test is alone on line 6, its `{` in column 7 and
/// its first field in column 9:
///
///     4     "Type": "Choice",
///     5     "Choices": [
///     6       { ...rule... }
///     7     ],
///     8     "Default": "T"
final class ValidationChoiceRuleTests: XCTestCase {
    private func choice(_ rule: String) -> String {
        machineWithT("""
                "Type": "Choice",
                "Choices": [
                  \(rule)
                ],
                "Default": "T"
            """)
    }

    func testRuleWithoutOperator() {
        assertOne(diagnostics(of: choice(#"{ "Variable": "$.x", "Next": "T" }"#)), 6, 7,
            "A Choice Rule must have one comparison operator (such as StringEquals) with a 'Variable', or one of 'And', 'Or' and 'Not'.")
    }

    /// AWS's language service: "Each Choice Rule can only have one comparison operator."
    func testRuleWithTwoOperators() {
        assertOne(diagnostics(of: choice(#"{ "Variable": "$.x", "StringEquals": "a", "NumericEquals": 1, "Next": "T" }"#)), 6, 49,
            "Each Choice Rule can only have one comparison operator.")
    }

    func testComparisonWithoutVariable() {
        assertOne(diagnostics(of: choice(#"{ "StringEquals": "a", "Next": "T" }"#)), 6, 7, "These fields are required: [Variable].")
    }

    /// cfn-lint issue 4077, AWS: "These fields are required: [Next] at /States/Choice/Choices/0".
    func testTopLevelRuleWithoutNext() {
        assertOne(diagnostics(of: choice(#"{ "Variable": "$", "StringMatches": "Test" }"#)), 6, 7, "These fields are required: [Next].", path: "$.States.S.Choices[0]")
    }

    /// "A Nested Rule MUST NOT have a field named "Next"" (statelint's rules).
    func testNestedRuleWithNext() {
        assertOne(diagnostics(of: choice(#"{ "Not": { "Variable": "$.x", "IsNull": true, "Next": "T" }, "Next": "T" }"#)), 6, 53,
            "Field 'Next' is not supported in a nested Choice Rule.")
    }

    /// "A Choice Rule MAY have a nonempty-object-array field named "And"".
    func testEmptyAnd() {
        assertOne(diagnostics(of: choice(#"{ "And": [], "Next": "T" }"#)), 6, 16, "Field 'And' must be a non-empty array of Choice Rules, but it is empty.")
    }

    func testOrThatIsNoArray() {
        assertOne(diagnostics(of: choice(#"{ "Or": {}, "Next": "T" }"#)), 6, 15, "Field 'Or' must be a non-empty array of Choice Rules, not an object.")
    }

    /// "A Choice Rule MAY have an object field named "Not"".
    func testNotThatIsAnArray() {
        assertOne(diagnostics(of: choice(#"{ "Not": [], "Next": "T" }"#)), 6, 16, "Field 'Not' must be a Choice Rule object, not an array.")
    }

    /// "A Comparison MAY have a numeric field named "NumericEquals"", and so on for each type.
    func testOperatorValuesOfTheWrongType() {
        let cases: [(String, String, String)] = [
            ("NumericEquals", #""1""#, "Field 'NumericEquals' must be a number, not \"1\"."),
            ("BooleanEquals", #""true""#, "Field 'BooleanEquals' must be true or false, not \"true\"."),
            ("StringEquals", "1", "Field 'StringEquals' must be a string, not 1."),
            ("StringMatches", "null", "Field 'StringMatches' must be a string, not null."),
            ("TimestampEquals", #""2016-03-14""#, "Field 'TimestampEquals' must be a timestamp such as \"2016-03-14T01:59:00Z\""),
            ("IsNull", #""true""#, "Field 'IsNull' must be true or false, not \"true\"."),
        ]
        for (op, value, message) in cases {
            // `{ "Variable": "$.x", ` puts the operator in column 28 and its value len + 4 later.
            assertOne(diagnostics(of: choice(#"{ "Variable": "$.x", "\#(op)": \#(value), "Next": "T" }"#)), 6, 28 + op.count + 4, message)
        }
    }

    /// "The values of Variable and Path fields in a comparison must be valid Reference Paths."
    func testVariableMustBeAReferencePath() {
        assertOne(diagnostics(of: choice(#"{ "Variable": "$.a[*]", "IsPresent": true, "Next": "T" }"#)), 6, 21,
            "The value for the field 'Variable' must be a valid reference path")
    }

    func testPathOperandMustBeAPath() {
        assertOne(diagnostics(of: choice(#"{ "Variable": "$.x", "StringEqualsPath": "abc", "Next": "T" }"#)), 6, 48,
            "The value for the field 'StringEqualsPath' must be a valid JSONPath:")
    }

    /// "A Choice Rule with an "And" field is a "Boolean"" and has no Variable.
    func testAndWithVariable() {
        assertOne(diagnostics(of: choice(#"{ "Variable": "$.x", "And": [ { "Variable": "$.x", "IsPresent": true } ], "Next": "T" }"#)), 6, 9,
            "Field 'Variable' is not supported in a Choice Rule that uses 'And'.")
    }

    /// There is no StringMatchesPath: it is an unknown field, and the rule then has no operator.
    func testStringMatchesHasNoPathForm() {
        let found = diagnostics(of: choice(#"{ "Variable": "$.x", "StringMatchesPath": "$.p", "Next": "T" }"#))
        XCTAssertEqual(found.count, 2)
        guard found.count == 2 else { return }
        assertDiagnostic(found[0], 6, 7, "A Choice Rule must have one comparison operator")
        assertDiagnostic(found[1], 6, 28, "Field 'StringMatchesPath' is not supported in a Choice Rule.")
    }

    /// "A Choice state must have a Choices field whose value is a non-empty array."
    func testEmptyChoices() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Choices": [],
                "Default": "T"
            """)), 5, 16, "Field 'Choices' must be a non-empty array of Choice Rules, but it is empty.")
    }

    func testChoiceWithoutChoices() {
        assertOne(diagnostics(of: machineWithT("""
                "Type": "Choice",
                "Default": "T"
            """)), 3, 20, "These fields are required: [Choices].")
    }

    /// Nesting at any depth is fine, and a rule may carry a Comment (statelint's
    /// choice-nested-comment).
    func testDeeplyNestedRulesAreAccepted() throws {
        let text = choice(#"{ "And": [ { "Or": [ { "Not": { "Variable": "$.a", "IsNull": true, "Comment": "c" } }, { "Variable": "$$.Execution.Id", "IsString": true } ] }, { "Variable": "$.n", "NumericGreaterThanEqualsPath": "$.min" } ], "Comment": "top", "Next": "T" }"#)
        let machine = try XCTUnwrap(decodeValid(text))
        guard case .choice(let state) = machine["S"]?.kind, case .and(let rules) = state.choices.first?.rule else { return XCTFail() }
        XCTAssertEqual(rules.count, 2)
        XCTAssertEqual(state.choices.first?.comment, "top")
    }
}
