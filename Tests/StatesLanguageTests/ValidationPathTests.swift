import JSONValue
import StatesLanguage
import XCTest

/// Paths, reference paths, intrinsic functions and payload templates in their fields. In the
/// one-state machines a field on line n is in column 5 and its value `len(field) + 4` later.
final class ValidationPathTests: XCTestCase {
    private func pass(_ field: String, _ value: String) -> String {
        machine("""
                "Type": "Pass",
                "\(field)": \(value),
                "End": true
            """)
    }

    func testMalformedInputPath() {
        assertOne(diagnostics(of: pass("InputPath", #""$.a[""#)), 5, 18, "The value for the field 'InputPath' must be a valid JSONPath:")
    }

    /// statelint: an intrinsic function is no InputPath.
    func testIntrinsicFunctionAsInputPath() {
        assertOne(diagnostics(of: pass("InputPath", #""States.Format('{} xyz {}', 1, 'def')""#)), 5, 18, "The value for the field 'InputPath' must be a valid JSONPath:")
    }

    /// "ResultPath ... MUST be a Reference Path": `[*]` can select several values.
    func testResultPathMustBeAReferencePath() {
        assertOne(diagnostics(of: pass("ResultPath", #""$.a[*]""#)), 5, 19, "The value for the field 'ResultPath' must be a valid reference path")
    }

    /// ResultPath writes into the state's data; the Context object is read-only.
    func testResultPathCannotBeAContextPath() {
        assertOne(diagnostics(of: pass("ResultPath", #""$$.Execution.Id""#)), 5, 19, "must be a path into the state's data, not into the Context object")
    }

    func testItemsPathMustBeAReferencePath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Map",
                "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Succeed" } } },
                "ItemsPath": "$.items[0:2]",
                "End": true
            """)), 6, 18, "The value for the field 'ItemsPath' must be a valid reference path")
    }

    func testSecondsPathMustBeAReferencePath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Wait",
                "SecondsPath": "$..delay",
                "End": true
            """)), 5, 20, "The value for the field 'SecondsPath' must be a valid reference path")
    }

    func testTimeoutSecondsPathMustBeAReferencePath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "TimeoutSecondsPath": "$.t[*]",
                "End": true
            """)), 6, 27, "The value for the field 'TimeoutSecondsPath' must be a valid reference path")
    }

    /// "The value for the field must be a valid JSONPath or an intrinsic function expression
    /// that returns a string" (AWS's language service).
    func testMalformedIntrinsicInErrorPath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Fail",
                "ErrorPath": "States.Format('x'"
            """)), 5, 18, "The value for the field 'ErrorPath' must be a valid intrinsic function call:")
    }

    func testCausePathMustBeAReferencePath() {
        assertOne(diagnostics(of: machine("""
                "Type": "Fail",
                "CausePath": "$.causes[*]"
            """)), 5, 18, "The value for the field 'CausePath' must be a valid reference path")
    }

    /// A `.$` key needs a path or an intrinsic function (the template parser's diagnostic,
    /// at the member: `"Parameters": { "x.$": ` puts the value in column 28).
    func testMalformedPayloadTemplate() {
        let found = diagnostics(of: pass("Parameters", #"{ "x.$": "not a path" }"#))
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.pathDescription, "$.States.S.Parameters['x.$']")
        XCTAssertEqual(found.first?.location, SourceLocation(line: 5, column: 28))
    }

    /// A JSONPath Assign is a template too.
    func testMalformedAssignTemplate() {
        let found = diagnostics(of: pass("Assign", #"{ "x.$": "$.a[" }"#))
        XCTAssertEqual(found.map(\.pathDescription), ["$.States.S.Assign['x.$']"])
    }

    func testAssignMustBeAnObject() {
        assertOne(diagnostics(of: pass("Assign", "[1]")), 5, 15, "Field 'Assign' must be a JSON object, not an array.")
    }

    func testPathFieldMustBeAString() {
        assertOne(diagnostics(of: pass("OutputPath", "5")), 5, 19, "Field 'OutputPath' must be a JSONPath string or null, not 5.")
    }
}
