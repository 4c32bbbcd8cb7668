import JSONValue
import StatesLanguage
import XCTest

/// Payload templates: keys ending in `.$` take paths, context paths or intrinsic calls.
final class PayloadTemplateTests: XCTestCase {
    private func template(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> PayloadTemplate {
        var diagnostics = DiagnosticCollector(document: nil)
        let parsed = PayloadTemplate.parse(IntrinsicTest.json(text), at: ["Parameters"], diagnostics: &diagnostics)
        XCTAssertTrue(diagnostics.isEmpty, "\(diagnostics.diagnostics)", file: file, line: line)
        return try XCTUnwrap(parsed, file: file, line: line)
    }

    /// "InputPath and Parameters" (AWS Developer Guide): the `MyDetails` example.
    func testDocumentedParametersExample() throws {
        let input = IntrinsicTest.json(#"""
            {"comment": "Example for Parameters.",
             "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                         "availability": "in stock", "sku": "2317", "cost": "$23"}}
            """#)
        let parameters = try template(#"""
            {"comment": "Selecting what I care about.",
             "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability", "StaticValue": "foo"}}
            """#)
        XCTAssertEqual(
            try parameters.evaluate(input: input, context: [:]),
            IntrinsicTest.json(#"""
                {"comment": "Selecting what I care about.",
                 "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}
                """#))
    }

    /// "Context object" (AWS Developer Guide): `"Execution.$": "$$.Execution.Id"` in an SQS
    /// message, and a Map state's `"ContextIndex.$": "$$.Map.Item.Index"`,
    /// `"ContextValue.$": "$$.Map.Item.Value"`, which give `{"ContextValue": {"who": "bob"},
    /// "ContextIndex": 0}` for the first item.
    func testContextObjectPaths() throws {
        let context = IntrinsicTest.json(#"""
            {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName"},
             "Map": {"Item": {"Index": 0, "Value": {"who": "bob"}}}}
            """#)
        let message = try template(#"{"MessageBody": {"From": "YVR", "To": "SEA", "Execution.$": "$$.Execution.Id"}}"#)
        XCTAssertEqual(
            try message.evaluate(input: [:], context: context),
            ["MessageBody": ["From": "YVR", "To": "SEA", "Execution": "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName"]])
        let item = try template(#"{"ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value"}"#)
        XCTAssertEqual(try item.evaluate(input: [:], context: context), ["ContextIndex": 0, "ContextValue": ["who": "bob"]])
    }

    /// Templates nest in objects and arrays; intrinsic calls fill fields; indefinite paths
    /// give arrays; literal `$` strings in keys without `.$` stay text.
    func testNestedTemplates() throws {
        let input = IntrinsicTest.json(#"{"name": "Foo", "items": [{"id": 1}, {"id": 2}]}"#)
        let parameters = try template(#"""
            {"list": [{"n.$": "$.name"}, "plain", ["$.name", {"ids.$": "$.items[*].id"}]],
             "greeting.$": "States.Format('Hello {}', $.name)",
             "literal": "$.name",
             "deep": {"deeper": {"count.$": "States.ArrayLength($.items)"}}}
            """#)
        XCTAssertEqual(
            try parameters.evaluate(input: input, context: [:]),
            IntrinsicTest.json(#"""
                {"list": [{"n": "Foo"}, "plain", ["$.name", {"ids": [1, 2]}]],
                 "greeting": "Hello Foo",
                 "literal": "$.name",
                 "deep": {"deeper": {"count": 2}}}
                """#))
        XCTAssertEqual(try template("[1, {\"a\": true}]").evaluate(input: [:], context: [:]), [1, ["a": true]])
        let uuid = try template(#"{"id.$": "States.UUID()"}"#).evaluate(input: [:], context: [:], services: IntrinsicTest.fixedServices)
        XCTAssertEqual(uuid, ["id": "ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8"])
    }

    /// docs/errors.md: "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$'
    /// could not be found in the input '<input JSON>'".
    func testMissingPathCause() throws {
        let parameters = try template(#"{"nested": {"value.$": "$.no_such_jsonpath"}}"#)
        XCTAssertThrowsError(try parameters.evaluate(input: ["a": [1, "x"]], context: [:])) { error in
            XCTAssertEqual(error as? StatesError, StatesError(
                "States.Runtime",
                cause: #"The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"a":[1,"x"]}'"#))
        }
        let intrinsic = try template(#"{"value.$": "States.MathAdd($.a, 1)"}"#)
        XCTAssertThrowsError(try intrinsic.evaluate(input: ["a": "x"], context: [:])) { error in
            XCTAssertEqual(error as? StatesError, StatesError("States.Runtime", cause: "Invalid arguments in States.MathAdd"))
        }
    }

    /// The expression of a Fail state's `ErrorPath` (docs/errors.md): "The JSONPath '$.ErrorX'
    /// specified for the field 'ErrorPath' could not be found in the input '<input JSON>'".
    func testStandaloneExpression() throws {
        let errorPath = try PayloadExpression.parse("$.ErrorX")
        XCTAssertThrowsError(try errorPath.evaluate(input: ["Error": "E"], context: [:], field: "ErrorPath")) { error in
            XCTAssertEqual((error as? StatesError)?.cause, #"The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"Error":"E"}'"#)
        }
        let cause = try PayloadExpression.parse("States.Format('cause: {}', $.cause)")
        XCTAssertEqual(try cause.evaluate(input: ["cause": "boom"], context: [:], field: "CausePath"), "cause: boom")
    }

    /// Every problem is reported, each at its place.
    func testDiagnosticsReportEveryProblemWithItsLocation() throws {
        let text = """
            {"Parameters": {
              "good.$": "$.a",
              "bad.$": "$.a..",
              "list": [{"unknown.$": "States.Nope(1)"}],
              "number.$": 5
            }}
            """
        let document = try JSONDocument.parse(text)
        var diagnostics = DiagnosticCollector(document: document)
        let parsed = PayloadTemplate.parse(try XCTUnwrap(document.value["Parameters"]), at: ["Parameters"], diagnostics: &diagnostics)
        XCTAssertNil(parsed)
        XCTAssertEqual(diagnostics.diagnostics.map(\.pathDescription), [
            "$.Parameters['bad.$']", "$.Parameters.list[0]['unknown.$']", "$.Parameters['number.$']",
        ])
        XCTAssertEqual(diagnostics.diagnostics.map { $0.location?.description }, ["3:12", "4:26", "5:15"])
        XCTAssertTrue(diagnostics.diagnostics[0].message.hasPrefix(
            "The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function call"))
        XCTAssertEqual(diagnostics.diagnostics[2].message,
            "The value for the field 'number.$' must be a valid JSONPath or a valid intrinsic function call, given as a string (found number)")
    }
}
