import Events
import JSONValue
import XCTest

/// `numeric`: "Numeric matching works with values that are JSON numbers." (Content filtering in
/// Amazon EventBridge event patterns)
final class EventPatternNumericTests: EventPatternTestCase {
    /// The guide's example "only matches events that are true for all fields", with the event
    /// of event-ruler's README (c-count 5, d-count 3, x-limit 301.8).
    func testGuideExample() throws {
        let rule = """
            {"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}],
                        "x-limit": [{"numeric": ["=", 3.018e2]}]}}
            """
        try assertMatch(rule, #"{"detail": {"c-count": 5, "d-count": 3, "x-limit": 301.8}}"#, true)
        // AWS: d-count 10 is not < 10 (content_numeric_and_NEG).
        try assertMatch(rule, #"{"detail": {"c-count": 3, "d-count": 10, "x-limit": 3.018e2}}"#, false)
        try assertMatch(rule, #"{"detail": {"c-count": 0, "d-count": 3, "x-limit": 301.8}}"#, false)
    }

    /// Each operator and each kind of bound, open or closed.
    func testBounds() throws {
        let cases: [(String, [(String, Bool)])] = [
            (#"[">", 0]"#, [("0", false), ("0.000001", true), ("5000000000", true)]),
            (#"[">=", 0]"#, [("0", true), ("-0.000001", false)]),
            (#"["<", 10]"#, [("10", false), ("9.999999", true), ("-5000000000", true)]),
            (#"["<=", 10]"#, [("10", true), ("10.000001", false)]),
            (#"["=", 5]"#, [("5", true), ("5.0", true), ("5.000001", false)]),
            (#"[">=", 1, "<", 2]"#, [("1", true), ("1.5", true), ("2", false)]),
            (#"[">", -1.5, "<=", 2.25]"#, [("-1.5", false), ("-1.4", true), ("2.25", true), ("2.26", false)]),
        ]
        for (range, values) in cases {
            for (value, expected) in values {
                try assertMatch(#"{"v": [{"numeric": \#(range)}]}"#, #"{"v": \#(value)}"#, expected)
            }
        }
    }

    /// AWS matches 101.0 against `[">", 100]` (numeric-int-float) but not the string "300"
    /// (numeric-string_NEG) nor null (numeric-null_NEG).
    func testOnlyNumbersMatch() throws {
        let rule = #"{"number": [{"numeric": [">", 100]}]}"#
        try assertMatch(rule, #"{"number": 101.0}"#, true)
        try assertMatch(rule, #"{"number": "300"}"#, false)
        try assertMatch(rule, #"{"number": null}"#, false)
        try assertMatch(rule, #"{"number": [50, 150]}"#, true)
    }

    /// "Numeric matching is limited to value between -5.0e9 and +5.0e9 inclusive" (event-ruler):
    /// event numbers beyond it never match, and patterns may not name them.
    func testRangeLimits() throws {
        try assertMatch(#"{"v": [{"numeric": [">", 0]}]}"#, #"{"v": 5000000001}"#, false)
        try assertMatch(#"{"v": [{"numeric": ["<=", 5000000000]}]}"#, #"{"v": 5000000000}"#, true)
        assertRejected(#"{"v": [{"numeric": ["<", 6000000000]}]}"#, ["Value must be between -5.0E9 and 5.0E9, inclusive"])
        assertRejected(#"{"v": [{"numeric": ["=", -5.1e9]}]}"#, ["Value must be between -5.0E9 and 5.0E9, inclusive"])
    }

    /// "with 15 digits of precision, that is to say 6 digits to the right of the decimal point".
    func testPrecision() throws {
        try assertMatch(#"{"v": [{"numeric": ["=", 0.000001]}]}"#, #"{"v": 0.000001}"#, true)
        assertRejected(#"{"v": [{"numeric": ["=", 0.0000001]}]}"#, ["Only values upto 6 decimals are supported"])
    }

    /// Bad ranges, with event-ruler's words; the first two are recorded AWS answers
    /// (content_numeric_EXC, content_numeric_syntax_EXC).
    func testInvalidRanges() {
        assertRejected(#"{"c": [{"numeric": [">", 0, ">", 0]}]}"#, ["Bad numeric range operator: >"])
        assertRejected(#"{"c": [{"numeric": [">", 0, "<"]}]}"#, ["Value of < must be numeric"])
        assertRejected(#"{"c": [{"numeric": [">", 10, "<", 5]}]}"#, ["Bottom must be less than top"])
        assertRejected(#"{"c": [{"numeric": [">", 5, "<=", 5]}]}"#, ["Bottom must be less than top"])
        assertRejected(#"{"c": [{"numeric": ["<", 5, ">", 0]}]}"#, ["Too many elements in numeric expression"])
        assertRejected(#"{"c": [{"numeric": ["=", 1, "<", 5]}]}"#, ["Too many elements in numeric expression"])
        assertRejected(#"{"c": [{"numeric": [">", 0, "<", 5, "<", 6]}]}"#, ["Too many terms in numeric range expression"])
        assertRejected(#"{"c": [{"numeric": ["!=", 5]}]}"#, ["Unrecognized numeric range operator: !="])
        assertRejected(#"{"c": [{"numeric": [5, "<"]}]}"#, ["Invalid member in numeric match: 5"])
        assertRejected(#"{"c": [{"numeric": []}]}"#, ["Invalid member in numeric match: ]"])
        assertRejected(#"{"c": [{"numeric": ["=", "5"]}]}"#, ["Value of equals must be numeric"])
        assertRejected(#"{"c": [{"numeric": [">", 0, 5]}]}"#, ["Bad value in numeric range: 5"])
        assertRejected(#"{"c": [{"numeric": ">"}]}"#, ["Value of numeric must be an array."])
        assertRejected(#"{"c": [{"numeric": [">", 0], "prefix": "x"}]}"#, ["Too many elements in numeric expression"])
    }

    /// A lone bound is a range up to the far end of the numeric range, so it cannot start there:
    /// event-ruler checks "Bottom must be less than top" for `[">", 5e9]` and `["<", -5e9]` too.
    func testLoneBoundsAtTheEdges() throws {
        assertRejected(#"{"v": [{"numeric": [">", 5000000000]}]}"#, ["Bottom must be less than top"])
        assertRejected(#"{"v": [{"numeric": ["<", -5000000000]}]}"#, ["Bottom must be less than top"])
        assertRejected(#"{"v": [{"numeric": ["<=", -5000000000]}]}"#, ["Bottom must be less than top"])
        try assertMatch(#"{"v": [{"numeric": [">=", -5000000000]}]}"#, #"{"v": -5000000000}"#, true)
        try assertMatch(#"{"v": [{"numeric": [">", -5000000000]}]}"#, #"{"v": -5000000000}"#, false)
        try assertMatch(#"{"v": [{"numeric": [">", -5000000000]}]}"#, #"{"v": -4999999999.5}"#, true)
    }

    /// Several numeric matchers in one leaf are alternatives, like any other elements.
    func testSeveralRangesAreAlternatives() throws {
        let rule = #"{"v": [{"numeric": ["<", 0]}, {"numeric": [">", 100]}, 50]}"#
        try assertMatch(rule, #"{"v": -1}"#, true)
        try assertMatch(rule, #"{"v": 101}"#, true)
        try assertMatch(rule, #"{"v": 50.0}"#, true)
        try assertMatch(rule, #"{"v": 10}"#, false)
    }

    /// AWS: `{"NUMERIC": ["=", 5]}` is "Unrecognized match type NUMERIC" (content_numeric_operatorcasing_EXC).
    func testOperatorNamesAreCaseSensitive() {
        assertRejected(#"{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}"#, ["Unrecognized match type NUMERIC"])
    }
}
