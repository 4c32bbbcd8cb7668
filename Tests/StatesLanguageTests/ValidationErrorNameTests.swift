import JSONValue
import StatesLanguage
import XCTest

/// ErrorEquals rules. A Task's Retry or Catch array is on line 6, so `[ { "ErrorEquals": [`
/// puts the first error name in column 34.
final class ValidationErrorNameTests: XCTestCase {
    private func task(_ handlers: String) -> String {
        machineWithT("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
            \(handlers),
                "Next": "T"
            """)
    }

    /// "The reserved name "States.ALL" ... MUST appear alone in the "ErrorEquals" array".
    func testStatesALLMustStandAlone() {
        assertOne(diagnostics(of: task(#"    "Retry": [ { "ErrorEquals": ["Oops", "States.ALL"] } ]"#)), 6, 42,
            "States.ALL must appear alone in 'ErrorEquals'.", path: "$.States.S.Retry[0].ErrorEquals[1]")
    }

    /// "... and MUST appear in the last Retrier in the "Retry" array."
    func testStatesALLMustBeInTheLastRetrier() {
        assertOne(diagnostics(of: task(#"    "Retry": [ { "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["E"] } ]"#)), 6, 34,
            "States.ALL must appear in the last retrier")
    }

    /// The same for catchers (AWS: "States.ALL must appear alone and at end of list" at
    /// `/States/<state>/Catch[0]/ErrorEquals[0]`).
    func testStatesALLMustBeInTheLastCatcher() {
        assertOne(diagnostics(of: task(#"    "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "T" }, { "ErrorEquals": ["E"], "Next": "T" } ]"#)), 6, 34,
            "States.ALL must appear in the last catcher", path: "$.States.S.Catch[0].ErrorEquals[0]")
    }

    /// "Custom names must not start with States." (docs/errors.md).
    func testCustomNamesMustNotStartWithStates() {
        assertOne(diagnostics(of: task(#"    "Retry": [ { "ErrorEquals": ["States.MyError"] } ]"#)), 6, 34,
            "'States.MyError' is not a predefined error name, and custom error names must not start with 'States.'.")
    }

    /// statelint: "should reject empty ErrorEquals clauses".
    func testErrorEqualsMustNotBeEmpty() {
        assertOne(diagnostics(of: task(#"    "Retry": [ { "ErrorEquals": [] } ]"#)), 6, 33,
            "Field 'ErrorEquals' must be a non-empty array of error names, but it is empty.")
    }

    func testErrorNamesMustBeStrings() {
        assertOne(diagnostics(of: task(#"    "Catch": [ { "ErrorEquals": [5], "Next": "T" } ]"#)), 6, 34,
            "Each error name in 'ErrorEquals' must be a string, not 5.")
    }

    /// "A Catcher MUST have a string field named "Next"" (AWS: "These fields are required").
    func testCatcherNeedsNext() {
        assertOne(diagnostics(of: task(#"    "Catch": [ { "ErrorEquals": ["E"] } ]"#)), 6, 16, "These fields are required: [Next].")
    }

    func testRetrierNeedsErrorEquals() {
        assertOne(diagnostics(of: task(#"    "Retry": [ { "MaxAttempts": 1 } ]"#)), 6, 16, "These fields are required: [ErrorEquals].")
    }

    func testUnknownRetrierField() {
        assertOne(diagnostics(of: task(#"    "Retry": [ { "ErrorEquals": ["E"], "Next": "T" } ]"#)), 6, 40, "Field 'Next' is not supported in a retrier.")
    }

    /// Every predefined name of docs/errors.md is accepted, with States.ALL alone and last.
    func testPredefinedNamesAreAccepted() {
        let names = ErrorName.predefined.subtracting([ErrorName.all]).sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        XCTAssertNotNil(decodeValid(task(#"    "Retry": [ { "ErrorEquals": [\#(names)] }, { "ErrorEquals": ["States.ALL"] } ]"#)))
    }
}
