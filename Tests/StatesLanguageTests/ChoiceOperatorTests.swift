import JSONValue
import StatesLanguage
import XCTest

/// One test per comparison operator, each with an input that matches and one that does not.
/// The operators and examples are those of AWS's Choice state docs and the ASL specification.
final class ChoiceOperatorTests: XCTestCase {
    func testStringEquals() {
        assertRule(#""Variable": "$.foo", "StringEquals": "MyString""#, matches: ["foo": "MyString"], not: ["foo": "MyStringX"])
    }

    func testStringLessThan() {
        assertRule(#""Variable": "$.foo", "StringLessThan": "MyStringABC""#, matches: ["foo": "MyStringAB"], not: ["foo": "MyStringABD"])
    }

    /// The docs' example: "checks whether a string is greater than MyStringABC".
    func testStringGreaterThan() {
        assertRule(#""Variable": "$.foo", "StringGreaterThan": "MyStringABC""#, matches: ["foo": "MyStringABD"], not: ["foo": "MyStringABC"])
    }

    func testStringLessThanEquals() {
        assertRule(#""Variable": "$.foo", "StringLessThanEquals": "b""#, matches: ["foo": "b"], not: ["foo": "c"])
    }

    func testStringGreaterThanEquals() {
        assertRule(#""Variable": "$.foo", "StringGreaterThanEquals": "b""#, matches: ["foo": "b"], not: ["foo": "a"])
    }

    /// The docs' example: `"StringMatches": "log-*.txt"`.
    func testStringMatches() {
        assertRule(#""Variable": "$.foo", "StringMatches": "log-*.txt""#, matches: ["foo": "log-2024-01.txt"], not: ["foo": "log-2024-01.csv"])
    }

    /// The docs' example: "checks whether a numeric value is equal to 1". 1.0 is the same number.
    func testNumericEquals() {
        assertRule(#""Variable": "$.foo", "NumericEquals": 1"#, matches: ["foo": 1.0], not: ["foo": 2])
    }

    func testNumericLessThan() {
        assertRule(#""Variable": "$.foo", "NumericLessThan": 30"#, matches: ["foo": 29.5], not: ["foo": 30])
    }

    func testNumericGreaterThan() {
        assertRule(#""Variable": "$.foo", "NumericGreaterThan": 30"#, matches: ["foo": 31], not: ["foo": 30])
    }

    func testNumericLessThanEquals() {
        assertRule(#""Variable": "$.foo", "NumericLessThanEquals": 30"#, matches: ["foo": 30], not: ["foo": 30.5])
    }

    /// The docs' example: `"NumericGreaterThanEquals": 20`.
    func testNumericGreaterThanEquals() {
        assertRule(#""Variable": "$.value", "NumericGreaterThanEquals": 20"#, matches: ["value": 20], not: ["value": 19])
    }

    func testBooleanEquals() {
        assertRule(#""Variable": "$.foo", "BooleanEquals": true"#, matches: ["foo": true], not: ["foo": false])
    }

    /// The docs' example: "checks whether a timestamp is equal to 2001-01-01T12:00:00Z".
    /// Timestamps compare as instants: 13:00 at +01:00 is the same instant.
    func testTimestampEquals() {
        assertRule(#""Variable": "$.foo", "TimestampEquals": "2001-01-01T12:00:00Z""#,
            matches: ["foo": "2001-01-01T13:00:00+01:00"], not: ["foo": "2001-01-01T12:00:01Z"])
    }

    func testTimestampLessThan() {
        assertRule(#""Variable": "$.foo", "TimestampLessThan": "2001-01-01T12:00:00Z""#,
            matches: ["foo": "2001-01-01T11:59:59.999Z"], not: ["foo": "2001-01-01T12:00:00Z"])
    }

    func testTimestampGreaterThan() {
        assertRule(#""Variable": "$.foo", "TimestampGreaterThan": "2001-01-01T12:00:00Z""#,
            matches: ["foo": "2001-01-01T12:00:00-00:01"], not: ["foo": "2001-01-01T12:00:00+00:01"])
    }

    func testTimestampLessThanEquals() {
        assertRule(#""Variable": "$.foo", "TimestampLessThanEquals": "2001-01-01T12:00:00Z""#,
            matches: ["foo": "2001-01-01T12:00:00Z"], not: ["foo": "2001-01-02T00:00:00Z"])
    }

    func testTimestampGreaterThanEquals() {
        assertRule(#""Variable": "$.foo", "TimestampGreaterThanEquals": "2001-01-01T12:00:00Z""#,
            matches: ["foo": "2001-01-01T12:00:00Z"], not: ["foo": "2000-12-31T23:59:59Z"])
    }

    /// The docs' example: `"Variable": "$.possiblyNullValue", "IsNull": true`.
    func testIsNull() {
        assertRule(#""Variable": "$.possiblyNullValue", "IsNull": true"#, matches: ["possiblyNullValue": nil], not: ["possiblyNullValue": 0])
        assertRule(#""Variable": "$.possiblyNullValue", "IsNull": false"#, matches: ["possiblyNullValue": ""], not: ["possiblyNullValue": nil])
    }

    /// IsPresent is the one test that a missing Variable does not fail.
    func testIsPresent() {
        assertRule(#""Variable": "$.keyThatMightNotExist", "IsPresent": true"#, matches: ["keyThatMightNotExist": nil], not: [:])
        assertRule(#""Variable": "$.keyThatMightNotExist", "IsPresent": false"#, matches: [:], not: ["keyThatMightNotExist": 1])
    }

    func testIsNumeric() {
        assertRule(#""Variable": "$.foo", "IsNumeric": true"#, matches: ["foo": -1.5], not: ["foo": "1"])
    }

    func testIsString() {
        assertRule(#""Variable": "$.foo", "IsString": true"#, matches: ["foo": ""], not: ["foo": nil])
    }

    func testIsBoolean() {
        assertRule(#""Variable": "$.foo", "IsBoolean": true"#, matches: ["foo": false], not: ["foo": "false"])
    }

    /// A string that is a valid timestamp; docs/errors.md's `2016-12-05T21:29:29` (no offset) is not.
    func testIsTimestamp() {
        assertRule(#""Variable": "$.foo", "IsTimestamp": true"#, matches: ["foo": "2016-12-05T21:29:29Z"], not: ["foo": "2016-12-05T21:29:29"])
    }

    /// The docs' example: "And": [ value >= 20, value < 30 ].
    func testAnd() {
        assertRule(#""And": [ { "Variable": "$.value", "NumericGreaterThanEquals": 20 }, { "Variable": "$.value", "NumericLessThan": 30 } ]"#,
            matches: ["value": 25], not: ["value": 30])
    }

    func testOr() {
        assertRule(#""Or": [ { "Variable": "$.a", "BooleanEquals": true }, { "Variable": "$.b", "BooleanEquals": true } ]"#,
            matches: ["a": false, "b": true], not: ["a": false, "b": false])
    }

    /// The docs' example: "Not": { "Variable": "$.type", "StringEquals": "Private" }.
    func testNot() {
        assertRule(#""Not": { "Variable": "$.type", "StringEquals": "Private" }"#, matches: ["type": "Public"], not: ["type": "Private"])
    }

    /// "Append Path to the name of a supported comparison operator" to compare with another
    /// value of the input.
    func testPathForms() {
        assertRule(#""Variable": "$.a", "StringEqualsPath": "$.b""#, matches: ["a": "x", "b": "x"], not: ["a": "x", "b": "y"])
        assertRule(#""Variable": "$.a", "StringLessThanPath": "$.b""#, matches: ["a": "a", "b": "b"], not: ["a": "b", "b": "b"])
        assertRule(#""Variable": "$.a", "StringGreaterThanPath": "$.b""#, matches: ["a": "c", "b": "b"], not: ["a": "b", "b": "b"])
        assertRule(#""Variable": "$.a", "StringLessThanEqualsPath": "$.b""#, matches: ["a": "b", "b": "b"], not: ["a": "c", "b": "b"])
        assertRule(#""Variable": "$.a", "StringGreaterThanEqualsPath": "$.b""#, matches: ["a": "b", "b": "b"], not: ["a": "a", "b": "b"])
        assertRule(#""Variable": "$.a", "NumericEqualsPath": "$.b""#, matches: ["a": 2, "b": 2.0], not: ["a": 2, "b": 3])
        assertRule(#""Variable": "$.a", "NumericLessThanPath": "$.b""#, matches: ["a": 1, "b": 2], not: ["a": 2, "b": 2])
        assertRule(#""Variable": "$.a", "NumericGreaterThanPath": "$.b""#, matches: ["a": 3, "b": 2], not: ["a": 2, "b": 2])
        assertRule(#""Variable": "$.a", "NumericLessThanEqualsPath": "$.b""#, matches: ["a": 2, "b": 2], not: ["a": 3, "b": 2])
        assertRule(#""Variable": "$.a", "NumericGreaterThanEqualsPath": "$.b""#, matches: ["a": 2, "b": 2], not: ["a": 1, "b": 2])
        assertRule(#""Variable": "$.a", "BooleanEqualsPath": "$.b""#, matches: ["a": true, "b": true], not: ["a": true, "b": false])
        assertRule(#""Variable": "$.a", "TimestampEqualsPath": "$.b""#,
            matches: ["a": "2001-01-01T12:00:00Z", "b": "2001-01-01T12:00:00.000Z"], not: ["a": "2001-01-01T12:00:00Z", "b": "2001-01-01T12:00:01Z"])
        assertRule(#""Variable": "$.a", "TimestampLessThanPath": "$.b""#,
            matches: ["a": "2001-01-01T12:00:00Z", "b": "2001-01-01T12:00:01Z"], not: ["a": "2001-01-01T12:00:01Z", "b": "2001-01-01T12:00:01Z"])
        assertRule(#""Variable": "$.a", "TimestampGreaterThanPath": "$.b""#,
            matches: ["a": "2001-01-01T12:00:02Z", "b": "2001-01-01T12:00:01Z"], not: ["a": "2001-01-01T12:00:01Z", "b": "2001-01-01T12:00:01Z"])
        assertRule(#""Variable": "$.a", "TimestampLessThanEqualsPath": "$.b""#,
            matches: ["a": "2001-01-01T12:00:01Z", "b": "2001-01-01T12:00:01Z"], not: ["a": "2001-01-01T12:00:02Z", "b": "2001-01-01T12:00:01Z"])
        assertRule(#""Variable": "$.a", "TimestampGreaterThanEqualsPath": "$.b""#,
            matches: ["a": "2001-01-01T12:00:01Z", "b": "2001-01-01T12:00:01Z"], not: ["a": "2001-01-01T12:00:00Z", "b": "2001-01-01T12:00:01Z"])
    }
}
