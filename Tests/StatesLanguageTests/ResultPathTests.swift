import JSONValue
import StatesLanguage
import XCTest

/// `InputPath`, `ResultPath` and `OutputPath` through `DataFlow`. Examples from "Input and
/// Output Processing" and "ResultPath" (AWS Developer Guide); failure causes from docs/errors.md.
final class ResultPathTests: XCTestCase {
    private let lambdaInput = IntrinsicTest.json(#"""
        {"comment": "This is a test of the input and output of a Task state.", "details": "Default example", "who": "AWS Step Functions"}
        """#)
    private let result: JSONValue = "Hello, AWS Step Functions!"

    private func apply(_ path: String?, result: JSONValue, to input: JSONValue) throws -> JSONValue {
        try DataFlow.applyResultPath(path.map { try JSONPath.parse($0) }, isNull: false, result: result, input: input)
    }

    /// "If ResultPath isn't specified in the state, or if "ResultPath": "$" is set, the input of
    /// the state is replaced by the result"; "If the ResultPath is null, the results of
    /// executing the state are discarded and the input is untouched".
    func testReplaceAndDiscard() throws {
        XCTAssertEqual(try apply(nil, result: result, to: lambdaInput), result)
        XCTAssertEqual(try apply("$", result: result, to: lambdaInput), result)
        XCTAssertEqual(try DataFlow.applyResultPath(nil, isNull: true, result: result, input: lambdaInput), lambdaInput)
    }

    /// `"ResultPath": "$.taskresult"` appends; `"$.strings.lambdaresult"` inserts "as a child of
    /// the strings node"; `"$.comment"` "replaces that node in the input".
    func testIncludeAndUpdate() throws {
        var expected = lambdaInput
        if case .object(var members) = expected {
            members["taskresult"] = result
            expected = .object(members)
        }
        XCTAssertEqual(try apply("$.taskresult", result: result, to: lambdaInput), expected)
        let strings = IntrinsicTest.json(#"{"comment": "An input comment.", "strings": {"string1": "foo", "string2": "bar", "string3": "baz"}, "who": "AWS Step Functions"}"#)
        XCTAssertEqual(
            try apply("$.strings.lambdaresult", result: result, to: strings),
            IntrinsicTest.json(#"{"comment": "An input comment.", "strings": {"string1": "foo", "string2": "bar", "string3": "baz", "lambdaresult": "Hello, AWS Step Functions!"}, "who": "AWS Step Functions"}"#))
        XCTAssertEqual(
            try apply("$.comment", result: result, to: lambdaInput),
            IntrinsicTest.json(#"{"comment": "Hello, AWS Step Functions!", "details": "Default example", "who": "AWS Step Functions"}"#))
        // A Catch with "ResultPath": "$.error" keeps the input: {"foo": "bar", "error": {...}}.
        XCTAssertEqual(try apply("$.error", result: ["Error": "Error here"], to: ["foo": "bar"]), ["foo": "bar", "error": ["Error": "Error here"]])
        XCTAssertEqual(try apply("$.list[1].x", result: 1, to: ["list": [[:], [:]]]), ["list": [[:], ["x": 1]]])
    }

    /// The issue's example (recorded on AWS): ResultPath creates the objects it needs,
    /// `$.enigma.mystery` on `{"functionName": "f"}`.
    func testCreatesMissingObjects() throws {
        XCTAssertEqual(try apply("$.enigma.mystery", result: ["riddle": "x"], to: ["functionName": "f"]),
                       ["functionName": "f", "enigma": ["mystery": ["riddle": "x"]]])
        XCTAssertEqual(try apply("$.a.b.c", result: 1, to: ["a": ["x": 1]]), ["a": ["x": 1, "b": ["c": 1]]])
        XCTAssertEqual(try apply("$.list[0].b.c", result: 1, to: ["list": [[:]]]), ["list": [["b": ["c": 1]]]])
    }

    /// A step that meets something other than an object fails with States.ReferencePathConflict
    /// and `Unable to apply ReferencePath <path> to input <input>` (docs/errors.md): a string
    /// input, `$.d.g` where `$.d` is a string, an array input, an index past an array's end.
    func testStepIntoANonObjectIsAConflict() throws {
        let cases: [(String, JSONValue, String)] = [
            ("$.r", "input1", #"Unable to apply ReferencePath $.r to input "input1""#),
            ("$.d.g", ["d": "text"], #"Unable to apply ReferencePath $.d.g to input {"d":"text"}"#),
            ("$.r", [1, 2], "Unable to apply ReferencePath $.r to input [1,2]"),
            ("$.a.b", ["a": nil], #"Unable to apply ReferencePath $.a.b to input {"a":null}"#),
            ("$.list[5]", ["list": [1]], #"Unable to apply ReferencePath $.list[5] to input {"list":[1]}"#),
        ]
        for (path, input, cause) in cases {
            XCTAssertThrowsError(try apply(path, result: 1, to: input), path) { error in
                XCTAssertEqual(error as? StatesError, StatesError("States.ReferencePathConflict", cause: cause), path)
            }
        }
    }

    /// The whole "Input and Output Processing" example: InputPath `$.numbers`, a task returning
    /// 7, ResultPath `$.sum`, then OutputPath `$` or `$.sum`.
    func testInputResultOutputTogether() throws {
        let input = IntrinsicTest.json(#"{"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}}"#)
        let effective = try DataFlow.select(JSONPath.parse("$.numbers"), isNull: false, from: input, context: [:])
        XCTAssertEqual(effective, ["val1": 3, "val2": 4])
        let withResult = try apply("$.sum", result: 7, to: input)
        XCTAssertEqual(try DataFlow.select(JSONPath.parse("$"), isNull: false, from: withResult, context: [:]),
                       IntrinsicTest.json(#"{"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}, "sum": 7}"#))
        XCTAssertEqual(try DataFlow.select(JSONPath.parse("$.sum"), isNull: false, from: withResult, context: [:]), 7)
    }

    /// "If you omit the field, it gets the $ value"; "If you use null, the input is discarded
    /// … and the task receives JSON text representing an empty object {}" (InputPath, and the
    /// same for OutputPath). A path may select several values: `$.a[0:2]` gives `[1, 2]`.
    func testSelectDefaultsNullAndSelections() throws {
        let input: JSONValue = ["a": [1, 2, 3, 4]]
        XCTAssertEqual(try DataFlow.select(nil, isNull: false, from: input, context: [:]), input)
        XCTAssertEqual(try DataFlow.select(nil, isNull: true, from: input, context: [:]), [:])
        XCTAssertEqual(try DataFlow.select(JSONPath.parse("$.a[0:2]"), isNull: false, from: input, context: [:]), [1, 2])
        XCTAssertEqual(try DataFlow.select(JSONPath.parse("$.a[?(@ > 5)]"), isNull: false, from: input, context: [:]), [])
        XCTAssertEqual(try DataFlow.select(JSONPath.parse("$$.Execution.Name"), isNull: false, from: input, context: ["Execution": ["Name": "x"]]), "x")
    }

    /// docs/errors.md: "Invalid path '$.NoSuchInputPath' : No results for path:
    /// $['NoSuchInputPath']" (InputPath, OutputPath).
    func testSelectFailureCause() throws {
        XCTAssertThrowsError(try DataFlow.select(JSONPath.parse("$.NoSuchInputPath"), isNull: false, from: ["a": 1], context: [:])) { error in
            XCTAssertEqual(error as? StatesError, StatesError("States.Runtime", cause: "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"))
        }
        XCTAssertThrowsError(try DataFlow.select(JSONPath.parse("$.a.b"), isNull: false, from: ["x": 1], context: [:])) { error in
            XCTAssertEqual((error as? StatesError)?.cause, "Invalid path '$.a.b' : Missing property in path $['a']")
        }
        XCTAssertThrowsError(try DataFlow.select(JSONPath.parse("$.a[3]"), isNull: false, from: ["a": [1]], context: [:])) { error in
            XCTAssertEqual((error as? StatesError)?.cause, "Invalid path '$.a[3]' : No results for path: $['a'][3]")
        }
    }
}
