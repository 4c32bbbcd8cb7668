import JSONValue
import StatesLanguage
import XCTest

/// `States.Format`, the JSON conversions, `States.StringSplit` and `States.JsonMerge`. Expected
/// values come from "Intrinsic functions for JSONPath states in Step Functions" (AWS Developer
/// Guide) and Appendix B of states-language.net unless a comment names an AWS recording.
final class IntrinsicTextTests: XCTestCase {
    /// Doc: with `{"name": "Arnav", "template": "Hello, my name is {}."}`, both
    /// `States.Format('Hello, my name is {}.', $.name)` and `States.Format($.template, $.name)`
    /// "result in an output of Hello, my name is Arnav."; spec: `States.Format('Your name is {},
    /// we are in the year {}', $.name, 2020)` gives `Your name is Foo, we are in the year 2020`.
    func testFormat() throws {
        let input = IntrinsicTest.json(#"{"name": "Arnav", "template": "Hello, my name is {}."}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Format('Hello, my name is {}.', $.name)", input: input), "Hello, my name is Arnav.")
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Format($.template, $.name)", input: input), "Hello, my name is Arnav.")
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Format('Your name is {}, we are in the year {}', $.name, 2020)", input: ["name": "Foo"]),
            "Your name is Foo, we are in the year 2020")
        // Doc, reserved characters: "\' represents '", "\{ represents {", "\} represents }",
        // "\\ represents \"; escaped braces are no placeholder.
        XCTAssertEqual(try IntrinsicTest.evaluate(#"States.Format('\{\} it\'s {} \\o/', 'x')"#), #"{} it's x \o/"#)
        // Recorded from AWS (LocalStack test_generic.snapshot.json, test_format_1/2): numbers,
        // null and objects as Java prints them.
        let values = IntrinsicTest.json(#"{"d": 1.1, "n": null, "o": {"Arg1": 1, "Arg2": []}, "s": " "}"#)
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Format('{}|{}|{}|{}|{}', $.d, $.n, $.o, $.s, 1)", input: values),
            "1.1|null|{Arg1=1, Arg2=[]}| |1")
        // Doubles print as Java's Double.toString does (values printed by OpenJDK 17).
        let doubles = IntrinsicTest.json("[100.0, 1e7, 0.001, 1.0E-4, 123456.789, 1e21, -2.5e-10, 9999999.0, 0.30000000000000004]")
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.Format('{} {} {} {} {} {} {} {} {}', $[0], $[1], $[2], $[3], $[4], $[5], $[6], $[7], $[8])", input: doubles),
            "100.0 1.0E7 0.001 1.0E-4 123456.789 1.0E21 -2.5E-10 9999999.0 0.30000000000000004")
        // Spec: "There MUST be as many remaining arguments … as there are occurrences of {}".
        IntrinsicTest.assertInvalidArguments("States.Format('{} {}', 'a')")
        IntrinsicTest.assertInvalidArguments("States.Format('{}', 'a', 'b')")
        IntrinsicTest.assertInvalidArguments("States.Format()")
        // Recorded from AWS as failures: an unmatched brace, doubled braces, a lone '}'.
        IntrinsicTest.assertInvalidArguments("States.Format('Hello {', 'x')")
        IntrinsicTest.assertInvalidArguments("States.Format('Hello {{}}', 'x')")
        IntrinsicTest.assertInvalidArguments("States.Format('}')")
        IntrinsicTest.assertInvalidArguments("States.Format($.t, 'x')", input: ["t": 123])
    }

    /// Doc: `{"escapedJsonString": "{\"foo\": \"bar\"}"}` with
    /// `States.StringToJson($.escapedJsonString)` returns `{ "foo": "bar" }`.
    func testStringToJson() throws {
        let input = IntrinsicTest.json(#"{"escapedJsonString": "{\"foo\": \"bar\"}", "someString": "{\"number\": 20}"}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.StringToJson($.escapedJsonString)", input: input), ["foo": "bar"])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.StringToJson($.someString)", input: input), ["number": 20])
        IntrinsicTest.assertInvalidArguments("States.StringToJson('{not json')")
        IntrinsicTest.assertInvalidArguments("States.StringToJson($.n)", input: ["n": 1])
        IntrinsicTest.assertInvalidArguments("States.StringToJson()")
    }

    /// Spec: `{"someJson": {"name": "Foo", "year": 2020}}` with `States.JsonToString($.someJson)`
    /// gives `"{\"name\":\"Foo\",\"year\":2020}"`.
    func testJsonToString() throws {
        let input = IntrinsicTest.json(#"{"someJson": {"name": "Foo", "year": 2020}, "zebra": "stripe"}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.JsonToString($.someJson)", input: input), #"{"name":"Foo","year":2020}"#)
        IntrinsicTest.assertInvalidArguments("States.JsonToString($.someJson, $.zebra)", input: input)
        XCTAssertEqual(
            IntrinsicTest.cause("States.JsonToString($.missing)", input: input),
            #"The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{"someJson":{"name":"Foo","year":2020},"zebra":"stripe"}'"#)
    }

    /// Doc: `{"inputString": "1,2,3,4,5", "splitter": ","}` with
    /// `States.StringSplit($.inputString, $.splitter)` returns `["1","2","3","4","5"]`.
    func testStringSplit() throws {
        let input = IntrinsicTest.json(#"{"inputString": "1,2,3,4,5", "splitter": ","}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.StringSplit($.inputString, $.splitter)", input: input), ["1", "2", "3", "4", "5"])
        // Recorded from AWS: every character of the second argument delimits, and empty pieces
        // are dropped (conformance cases SSP-02 to SSP-07 of a public ASL runner).
        XCTAssertEqual(try IntrinsicTest.evaluate("States.StringSplit('1+2,3.4', '.+,')"), ["1", "2", "3", "4"])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.StringSplit(',a,,b,', ',')"), ["a", "b"])
        XCTAssertEqual(try IntrinsicTest.evaluate("States.StringSplit('', ',')"), [])
        IntrinsicTest.assertInvalidArguments("States.StringSplit(123, ',')")
        IntrinsicTest.assertInvalidArguments("States.StringSplit('a,b', null)")
        IntrinsicTest.assertInvalidArguments("States.StringSplit('a,b')")
    }

    /// Doc: merging `json1` and `json2` with `States.JsonMerge($.json1, $.json2, false)`:
    /// "the json2 object's key a replaces the json1 object's key a", giving
    /// `{ "a": {"a3": 1, "a4": 2}, "b": 2, "c": 3 }`. "you must specify the boolean value as false".
    func testJsonMerge() throws {
        let input = IntrinsicTest.json(#"{"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}"#)
        XCTAssertEqual(
            try IntrinsicTest.evaluate("States.JsonMerge($.json1, $.json2, false)", input: input),
            IntrinsicTest.json(#"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}"#))
        IntrinsicTest.assertInvalidArguments("States.JsonMerge($.json1, $.json2, true)", input: input)
        IntrinsicTest.assertInvalidArguments("States.JsonMerge($.json1, 'x', false)", input: input)
        IntrinsicTest.assertInvalidArguments("States.JsonMerge($.json1, $.json2)", input: input)
    }
}
