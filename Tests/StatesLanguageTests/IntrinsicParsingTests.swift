import JSONValue
import StatesLanguage
import XCTest

/// The syntax of intrinsic calls: arguments, escapes, nesting, and where errors point.
final class IntrinsicParsingTests: XCTestCase {
    /// Doc: "You can nest up to 10 intrinsic functions within a field. The following example
    /// shows a field named myArn that includes nine nested intrinsic functions".
    func testDocumentedNestedCallParses() throws {
        let myArn = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))"
        let call = try IntrinsicCall.parse(myArn)
        XCTAssertEqual(call.function, .format)
        XCTAssertEqual(call.text, myArn)
        // The page's example has three {} and two values, so running it fails.
        let input: JSONValue = ["ImageRecipe": ["Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/x/1.2.3"]]
        XCTAssertEqual(IntrinsicTest.cause(myArn, input: input), "Invalid arguments in States.Format")
        let fixed = myArn.replacing("'{}.{}.{}'", with: "'{}.{}'")
        XCTAssertEqual(try IntrinsicTest.evaluate(fixed, input: input), "1.2")
    }

    func testNestingLimitIsTen() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "States.Array(", count: depth) + "1" + String(repeating: ")", count: depth)
        }
        XCTAssertNoThrow(try IntrinsicCall.parse(nested(10)))
        XCTAssertThrowsError(try IntrinsicCall.parse(nested(11))) { error in
            XCTAssertEqual((error as? PathSyntaxError)?.column, 131)  // the 11th "States.Array"
        }
    }

    /// Literals: strings with the four escapes, integers, decimals, booleans, null.
    func testLiteralArguments() throws {
        XCTAssertEqual(
            try IntrinsicTest.evaluate(#"States.Array('it\'s', '\{\}\\', -12, 1.5, 2e3, true, false, null)"#),
            ["it's", #"{}\"#, -12, 1.5, 2000.0, true, false, .null])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Array( 1 ,2 )"), [1, 2])
    }

    /// Paths as arguments: input, context object, and paths whose brackets hold commas and
    /// parentheses.
    func testPathArguments() throws {
        let input = IntrinsicTest.json(#"{"items": [{"p": 5}, {"p": 15}, {"p": 1}], "m": {"a,b": 1}}"#)
        let context = IntrinsicTest.json(#"{"Execution": {"Name": "run-1"}}"#)
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Array($.items[?(@.p < 10)].p, $$.Execution.Name, $.m['a,b'])", input: input, context: context),
            [[5, 1], "run-1", 1])
        XCTAssertEqual(
            IntrinsicTest.cause("States.Format('{}', $.missing)", input: ["a": 1]),
            #"The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{"a":1}'"#)
        let call = try IntrinsicCall.parse("States.Array($.missing)")
        XCTAssertThrowsError(try call.evaluate(input: [:], context: [:])) { error in
            XCTAssertEqual(error as? StatesError, StatesError("States.Runtime", cause: "The JSONPath '$.missing' could not be found in the input '{}'"))
        }
    }

    func testSyntaxErrors() {
        let cases: [(String, Int)] = [
            ("States.Foo(1)", 1),  // unknown function
            ("Format('x')", 1),  // not a States. function
            ("States.Array(1", 15),  // no closing parenthesis
            ("States.Array(1) x", 16),  // something after the call
            ("States.Array(1 2)", 16),  // no comma
            ("States.Array('unterminated)", 14),
            (#"States.Array('a\nb')"#, 16),  // "an open escape backslash"
            ("States.Array($.a..)", 19),  // a bad path, column within the whole text
            ("States.Array(,)", 14),
            ("States.Array(1.)", 14),
        ]
        for (text, column) in cases {
            XCTAssertThrowsError(try IntrinsicCall.parse(text), text) { error in
                XCTAssertEqual((error as? PathSyntaxError)?.column, column, "\(text): \(error)")
            }
        }
    }
}
