import JSONValue
import StatesLanguage
import XCTest

/// A definition with several mistakes gets one diagnostic each, at its file:line:column
/// (docs/design.md, "Rules that always hold": every problem at once, each with its place).
final class ValidationManyMistakesTests: XCTestCase {
    /// Valid JSON with seven problems of seven kinds. Every line is indented by two spaces per
    /// level, so each place below can be counted by hand: a key at indentation n starts in
    /// column n + 1, and its value `len(key) + 2 + 2` columns later (quotes, colon, space).
    let definition = """
        {
          "StartAt": "Start",
          "States": {
            "Start": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work",
              "Result": "not allowed on a Task",
              "ResultPath": "$.items[*]",
              "TimeoutSeconds": 10,
              "HeartbeatSeconds": 30,
              "Retry": [ { "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["Oops"] } ],
              "Next": "Missing"
            },
            "Wait": {
              "Type": "Wait",
              "End": true
            },
            "Done": { "Type": "Succeed", "Output": {} }
          }
        }
        """

    func testEveryProblemIsReportedAtOnceWithItsPlace() {
        let found = diagnostics(of: definition)
        let expected: [(Int, Int, String, String)] = [
            // A Task has no Result ("Field 'Result' is not supported", AWS).
            (7, 7, "Field 'Result' is not supported in a Task state.", "$.States.Start.Result"),
            // ResultPath must be a reference path; `[*]` can select several values.
            (8, 21, "The value for the field 'ResultPath' must be a valid reference path", "$.States.Start.ResultPath"),
            // "HeartbeatSeconds ... MUST be smaller than TimeoutSeconds" (ASL).
            (10, 27, "HeartbeatSeconds (30) must be smaller than TimeoutSeconds (10).", "$.States.Start.HeartbeatSeconds"),
            // `"Retry": [ { "ErrorEquals": [` puts the first name in column 36.
            (11, 36, "States.ALL must appear in the last retrier", "$.States.Start.Retry[0].ErrorEquals[0]"),
            // MISSING_TRANSITION_TARGET, AWS's words. One wrong Next is one problem (the issue):
            // the states it was meant to reach are not also called unreachable.
            (12, 15, "Missing 'Next' target: Missing.", "$.States.Start.Next"),
            // The Wait object starts at its `{`, column 13 of `    "Wait": {`.
            (14, 13, "A Wait state must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath'.", "$.States.Wait"),
            // `    "Done": { "Type": "Succeed", "Output"` puts Output's key in column 34.
            (18, 34, "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage.", "$.States.Done.Output"),
        ]
        XCTAssertEqual(found.count, expected.count, found.map(\.description).joined(separator: "\n"))
        for (diagnostic, (line, column, message, path)) in zip(found, expected) {
            assertDiagnostic(diagnostic, line, column, message, path: path)
        }
    }

    /// The printed form a user sees: `FILE:LINE:COLUMN: error: MESSAGE (at PATH)`.
    func testTheErrorPrintsOneLinePerProblem() {
        guard case .failure(let errors) = StateMachine.parse(definition) else { return XCTFail("refused definition accepted") }
        let lines = errors.formatted(file: "machines/work.json").split(separator: "\n")
        XCTAssertEqual(lines.count, 7)
        XCTAssertEqual(lines.first, "machines/work.json:7:7: error: Field 'Result' is not supported in a Task state. (at $.States.Start.Result)")
    }
}
