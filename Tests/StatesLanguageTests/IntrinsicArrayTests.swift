import JSONValue
import StatesLanguage
import XCTest

/// "Intrinsics for arrays". Expected values come from the examples of "Intrinsic functions for
/// JSONPath states in Step Functions" (AWS Developer Guide, the same text as Appendix B of
/// states-language.net) unless a comment names the AWS recording they come from.
final class IntrinsicArrayTests: XCTestCase {
    private let nine = IntrinsicTest.json(#"{"inputArray": [1,2,3,4,5,6,7,8,9], "index": 5, "lookingFor": 5}"#)

    /// Doc: `{"Id": 123456}` with `"BuildId.$": "States.Array($.Id)"` returns `[123456]`;
    /// spec: `States.Array('Foo', 2020, $.someJson, null)`.
    func testArray() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Array($.Id)", input: ["Id": 123456]), [123456])
        let input = IntrinsicTest.json(#"{"someJson": {"random": "abcdefg"}, "zebra": "stripe"}"#)
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Array('Foo', 2020, $.someJson, null)", input: input),
            IntrinsicTest.json(#"["Foo", 2020, {"random": "abcdefg"}, null]"#))
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Array()"), [])  // "zero or more arguments"
    }

    /// Doc: `States.ArrayPartition($.inputArray,4)` returns `[[1,2,3,4],[5,6,7,8],[9]]`. "You
    /// must specify a non-zero, positive integer for the second argument".
    func testArrayPartition() throws {
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.ArrayPartition($.inputArray,4)", input: nine),
            IntrinsicTest.json("[[1,2,3,4],[5,6,7,8],[9]]"))
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayPartition(States.Array(), 3)"), [])
        // Recorded from AWS: 2.4 chunks by 2 (and 2.6 too: AWS cuts towards zero).
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.ArrayPartition($.a, 2.6)", input: ["a": [1, 2, 3, 4, 5]]),
            IntrinsicTest.json("[[1,2],[3,4],[5]]"))
        IntrinsicTest.assertInvalidArguments("States.ArrayPartition($.inputArray, 0)", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayPartition($.inputArray, -1)", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayPartition($.inputArray, 0.49)", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayPartition('not-array', 2)")
        IntrinsicTest.assertInvalidArguments("States.ArrayPartition($.inputArray, '2')", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayPartition($.inputArray)", input: nine)
    }

    /// Doc: `States.ArrayContains($.inputArray, $.lookingFor)` returns `true`.
    func testArrayContains() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayContains($.inputArray, $.lookingFor)", input: nine), true)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayContains($.inputArray, 10)", input: nine), false)
        let objects = IntrinsicTest.json(#"{"arr": [{"a": 1}, {"b": 2}], "target": {"a": 1}, "near": {"a": 1, "extra": null}}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayContains($.arr, $.target)", input: objects), true)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayContains($.arr, $.near)", input: objects), false)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayContains(States.Array(1, null), null)"), true)
        IntrinsicTest.assertInvalidArguments("States.ArrayContains('not-array', 'x')")
        IntrinsicTest.assertInvalidArguments("States.ArrayContains($.inputArray)", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayContains($.inputArray, 2, 999)", input: nine)
    }

    /// Doc: `States.ArrayRange(1, 9, 2)` returns `[1,3,5,7,9]`. "You must specify a non-zero
    /// value for the third argument. The newly generated array can't contain more than 1000
    /// items."
    func testArrayRange() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayRange(1, 9, 2)"), [1, 3, 5, 7, 9])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayRange(5, 1, -2)"), [5, 3, 1])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayRange(5, 1, 1)"), [])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayRange(1, 1000, 1)").arrayValue?.count, 1000)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayRange(1000, 1, -1)").arrayValue?.last, 1)
        IntrinsicTest.assertInvalidArguments("States.ArrayRange(1, 1001, 1)")
        IntrinsicTest.assertInvalidArguments("States.ArrayRange(1, 10, 0)")
        IntrinsicTest.assertInvalidArguments("States.ArrayRange(1, 10, 0.49)")
        IntrinsicTest.assertInvalidArguments("States.ArrayRange('a', 5, 1)")
        IntrinsicTest.assertInvalidArguments("States.ArrayRange(1, 5)")
    }

    /// Doc: `States.ArrayGetItem($.inputArray, $.index)` with index 5 returns `6`.
    func testArrayGetItem() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayGetItem($.inputArray, $.index)", input: nine), 6)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)"), "y")
        // Recorded from AWS: a fractional index is cut (1.2 reads item 1); any index into an
        // empty array gives null.
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayGetItem($.inputArray, 1.2)", input: nine), 2)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayGetItem(States.Array(), 999)"), .null)
        IntrinsicTest.assertInvalidArguments("States.ArrayGetItem($.inputArray, 9)", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayGetItem($.inputArray, -1)", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayGetItem($.inputArray, '1')", input: nine)
        IntrinsicTest.assertInvalidArguments("States.ArrayGetItem('not-array', 0)")
    }

    /// Doc: `States.ArrayLength($.inputArray)` returns `9`.
    func testArrayLength() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayLength($.inputArray)", input: nine), 9)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayLength(States.Array())"), 0)
        IntrinsicTest.assertInvalidArguments("States.ArrayLength('abc')")
        IntrinsicTest.assertInvalidArguments("States.ArrayLength($.inputArray, 1)", input: nine)
    }

    /// Doc: `States.ArrayUnique($.inputArray)` of `[1,2,3,3,3,3,3,3,4]` returns `[1,2,3,4]`.
    func testArrayUnique() throws {
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.ArrayUnique($.inputArray)", input: ["inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]]),
            [1, 2, 3, 4])
        let mixed = IntrinsicTest.json(#"{"a": [null, null, true, "x", "x", [], [], {"a": 1}, {"a": 1}, 1]}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.ArrayUnique($.a)", input: mixed), IntrinsicTest.json(#"[null, true, "x", [], {"a": 1}, 1]"#))
        IntrinsicTest.assertInvalidArguments("States.ArrayUnique('x')")
    }
}
