import JSONValue
import StatesLanguage
import XCTest

/// `States.MathRandom`, `States.MathAdd` and `States.UUID`. Expected values come from
/// "Intrinsic functions for JSONPath states in Step Functions" (AWS Developer Guide) and AWS
/// recordings where a comment says so.
final class IntrinsicMathTests: XCTestCase {
    /// Doc: `{"start": 1, "end": 999}` with `States.MathRandom($.start, $.end)` returns a random
    /// number such as 456; "If you use this function with the same seed value, it returns an
    /// identical number."
    func testMathRandom() throws {
        let input: JSONValue = ["start": 1, "end": 999]
        for _ in 0..<50 {
            let value = try IntrinsicTest.evaluate("States.MathRandom($.start, $.end)", input: input, services: .system)
            XCTAssertTrue((1..<999).contains(value.intValue ?? 0), "\(value)")  // recorded: end excluded
        }
        // The injected source decides an unseeded call.
        let fixed = IntrinsicServices(randomInteger: { $0.upperBound - 1 }, uuid: { "" })
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathRandom($.start, $.end)", input: input, services: fixed), 998)
        // Seeded: the same seed gives the same number, java.util.Random's: `new Random(3)
        // .nextInt(999)` is 239 and `new Random(42).nextInt(99) + 1` is 63 (OpenJDK 17).
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathRandom(0, 999, 3)", services: .system), 239)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathRandom(1, 100, 42)", services: .system), 63)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathRandom(1, 10, -10)", services: .system), 1)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathRandom(0, 1024, 7)", services: .system), 748)
        // Recorded from AWS: equal or reversed bounds, bounds that cut to equal, strings and a
        // null seed fail.
        IntrinsicTest.assertInvalidArguments("States.MathRandom(1, 1)")
        IntrinsicTest.assertInvalidArguments("States.MathRandom(10, 5)")
        IntrinsicTest.assertInvalidArguments("States.MathRandom(1.4, 1.6)")
        IntrinsicTest.assertInvalidArguments("States.MathRandom('a', 10)")
        IntrinsicTest.assertInvalidArguments("States.MathRandom(1, 10, null)")
        IntrinsicTest.assertInvalidArguments("States.MathRandom(1)")
        IntrinsicTest.assertInvalidArguments("States.MathRandom(1, 10, 5, 99)")
    }

    /// Doc: `{"value1": 111, "step": -1}` with `States.MathAdd($.value1, $.step)` returns `110`.
    /// "If you specify a non-integer value for one or both the arguments, Step Functions will
    /// round it off to the nearest integer."
    func testMathAdd() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathAdd($.value1, $.step)", input: ["value1": 111, "step": -1]), 110)
        // Recorded from AWS (LocalStack test_math_operations.snapshot.json): -9 + 3 = -6,
        // (1.49, 1.5) → 3, (1.5, 1.51) → 4, (-1.49, -1.5) → -2, (-1.5, -1.51) → -3.
        let recorded: [(Double, Double, Int64)] = [(-9, 3, -6), (1.49, 1.5, 3), (1.5, 1.51, 4), (-1.49, -1.5, -2), (-1.5, -1.51, -3)]
        for (a, b, sum) in recorded {
            XCTAssertEqual(try IntrinsicTest.evaluate("States.MathAdd($.a, $.b)", input: ["a": .double(a), "b": .double(b)]), .int(sum), "\(a) + \(b)")
        }
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathAdd(States.MathAdd($.x, 1), 2)", input: ["x": 5]), 8)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.MathAdd(2147483646, 1)"), 2147483647)
        // Recorded from AWS: operands and sums beyond Java's int fail, and so do non-numbers.
        IntrinsicTest.assertInvalidArguments("States.MathAdd(2147483647, 1)")
        IntrinsicTest.assertInvalidArguments("States.MathAdd(-2147483648, -1)")
        IntrinsicTest.assertInvalidArguments("States.MathAdd(3000000000, 1)")
        IntrinsicTest.assertInvalidArguments("States.MathAdd('1', 2)")
        IntrinsicTest.assertInvalidArguments("States.MathAdd(true, 1)")
        IntrinsicTest.assertInvalidArguments("States.MathAdd(null, 1)")
        IntrinsicTest.assertInvalidArguments("States.MathAdd(1)")
    }

    /// Doc: `"uuid.$": "States.UUID()"` returns "a version 4 universally unique identifier
    /// (v4 UUID) generated using random numbers", such as `ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8`.
    func testUUID() throws {
        XCTAssertEqual(try IntrinsicTest.evaluate("States.UUID()"), "ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8")
        let first = try XCTUnwrap(IntrinsicTest.evaluate("States.UUID()", services: .system).stringValue)
        let second = try XCTUnwrap(IntrinsicTest.evaluate("States.UUID()", services: .system).stringValue)
        XCTAssertNotEqual(first, second)
        let pattern = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
        XCTAssertNotNil(first.wholeMatch(of: pattern), first)
        IntrinsicTest.assertInvalidArguments("States.UUID(1)")
    }
}
