import JSONValue
import StatesLanguage
import XCTest

/// How rules evaluate beyond each operator: missing paths, types, instants, order.
final class ChoiceSemanticsTests: XCTestCase {
    /// A Variable that selects nothing fails the execution with States.Runtime (docs/errors.md:
    /// path failures are States.Runtime). The engine adds the "An error occurred while
    /// executing the state ..." prefix; the rest is AWS's cause.
    func testMissingVariableIsAStatesRuntimeError() {
        XCTAssertThrowsError(try matches(#""Variable": "$.missing", "StringEquals": "x""#, [:])) { error in
            XCTAssertEqual(error as? StatesError, StatesError("States.Runtime", cause: "Invalid path '$.missing': The choice state's condition path references an invalid value."))
        }
    }

    func testMissingPathOperandIsAStatesRuntimeError() {
        XCTAssertThrowsError(try matches(#""Variable": "$.a", "NumericEqualsPath": "$.b""#, ["a": 1])) { error in
            XCTAssertEqual((error as? StatesError)?.error, "States.Runtime")
            XCTAssertEqual((error as? StatesError)?.cause?.hasPrefix("Invalid path '$.b'"), true)
        }
    }

    /// The docs' example: "the StringEquals rule is only evaluated if $.keyThatMightNotExist
    /// exists because of the previous IsPresent Choice Rule."
    func testIsPresentGuardsTheRestOfAnAnd() throws {
        let rule = #""And": [ { "Variable": "$.keyThatMightNotExist", "IsPresent": true }, { "Variable": "$.keyThatMightNotExist", "StringEquals": "foo" } ]"#
        XCTAssertFalse(try matches(rule, [:]))
        XCTAssertTrue(try matches(rule, ["keyThatMightNotExist": "foo"]))
    }

    /// Values of the wrong type never match (they do not fail).
    func testTypeMismatchesAreFalse() throws {
        XCTAssertFalse(try matches(#""Variable": "$.x", "NumericEquals": 1"#, ["x": "1"]))
        XCTAssertFalse(try matches(#""Variable": "$.x", "StringEquals": "1""#, ["x": 1]))
        XCTAssertFalse(try matches(#""Variable": "$.x", "BooleanEquals": true"#, ["x": "true"]))
        XCTAssertFalse(try matches(#""Variable": "$.x", "TimestampEquals": "2001-01-01T12:00:00Z""#, ["x": "yesterday"]))
        XCTAssertFalse(try matches(#""Variable": "$.x", "StringMatches": "*""#, ["x": nil]))
        // And in Not, a false comparison is negated like any other.
        XCTAssertTrue(try matches(#""Not": { "Variable": "$.x", "NumericEquals": 1 }"#, ["x": "1"]))
    }

    /// Strings compare exactly, as AWS's Java service compares them: a precomposed "é" and
    /// "e" + combining accent are different strings (Swift's `==` would call them equal).
    func testStringsCompareWithoutNormalisation() throws {
        XCTAssertFalse(try matches(#""Variable": "$.x", "StringEquals": "caf\u00e9""#, ["x": "cafe\u{301}"]))
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringEquals": "caf\u00e9""#, ["x": "caf\u{e9}"]))
        // Upper case sorts before lower case by code unit.
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringLessThan": "a""#, ["x": "Z"]))
    }

    /// ASL's StringMatches examples: "foo*.log matches foo23.log, *.log matches zebra.log, and
    /// foo*.* matches foobar.zebra" ... a "*" "MUST be escaped with a backslash" to be literal.
    func testStringMatchesExamplesAndEscapes() throws {
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringMatches": "foo*.log""#, ["x": "foo23.log"]))
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringMatches": "*.log""#, ["x": "zebra.log"]))
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringMatches": "foo*.*""#, ["x": "foobar.zebra"]))
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringMatches": "*""#, ["x": ""]))
        XCTAssertFalse(try matches(#""Variable": "$.x", "StringMatches": "foo*.log""#, ["x": "foo23.logs"]))
        // The JSON text "foo\\*.log" is the pattern foo\*.log: a literal star.
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringMatches": "foo\\*.log""#, ["x": "foo*.log"]))
        XCTAssertFalse(try matches(#""Variable": "$.x", "StringMatches": "foo\\*.log""#, ["x": "foo23.log"]))
        // "\\\\" is a literal backslash, and the star after it is a wildcard again.
        XCTAssertTrue(try matches(#""Variable": "$.x", "StringMatches": "a\\\\*""#, ["x": "a\\bc"]))
        // No character but * is special: ? and . match themselves.
        XCTAssertFalse(try matches(#""Variable": "$.x", "StringMatches": "a?c""#, ["x": "abc"]))
    }

    /// Integers compare exactly, even where doubles would round them together.
    func testLargeIntegersCompareExactly() throws {
        XCTAssertFalse(try matches(#""Variable": "$.x", "NumericEquals": 9007199254740993"#, ["x": 9_007_199_254_740_992]))
    }

    /// The Context object is read through `$$`.
    func testContextObjectVariable() throws {
        XCTAssertTrue(try matches(#""Variable": "$$.Execution.Name", "StringEquals": "run-1""#, [:], context: ["Execution": ["Name": "run-1"]]))
    }

    /// "Step Functions evaluates each Choice Rule" in order: the first that matches decides,
    /// else Default; without Default the result is nil and the engine fails the execution.
    func testEvaluateOrderDefaultAndNoMatch() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "StartAt": "C",
              "States": {
                "C": {
                  "Type": "Choice",
                  "Choices": [
                    { "Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big" },
                    { "Variable": "$.n", "NumericGreaterThan": 0, "Next": "Positive" }
                  ],
                  "Default": "Other"
                },
                "D": {
                  "Type": "Choice",
                  "Choices": [ { "Variable": "$.n", "NumericEquals": 0, "Next": "Other" } ]
                },
                "Big": { "Type": "Succeed" },
                "Positive": { "Type": "Pass", "Next": "D" },
                "Other": { "Type": "Succeed" }
              }
            }
            """))
        guard case .choice(let c) = machine["C"]?.kind, case .choice(let d) = machine["D"]?.kind else { return XCTFail() }
        XCTAssertEqual(try c.evaluate(input: ["n": 11], context: [:]), "Big")
        XCTAssertEqual(try c.evaluate(input: ["n": 5], context: [:]), "Positive")
        XCTAssertEqual(try c.evaluate(input: ["n": -5], context: [:]), "Other")
        XCTAssertEqual(try d.evaluate(input: ["n": 0], context: [:]), "Other")
        XCTAssertNil(try d.evaluate(input: ["n": 1], context: [:]))
        XCTAssertEqual(try c.firstMatch(input: ["n": 5], context: [:])?.next, "Positive")
    }

    /// JSONata Conditions: a literal is its own answer; an expression cannot be evaluated yet.
    func testJSONataConditions() throws {
        XCTAssertTrue(try ChoiceRule.condition(.value(true)).matches(input: [:], context: [:]))
        XCTAssertFalse(try ChoiceRule.condition(.value(false)).matches(input: [:], context: [:]))
        XCTAssertThrowsError(try ChoiceRule.condition(.jsonata("{% $x = 1 %}")).matches(input: [:], context: [:])) { error in
            XCTAssertEqual((error as? StatesError)?.error, "States.Runtime")
        }
    }
}
