import JSONValue
import StatesLanguage
import XCTest

/// Retry, Catch and Fail examples from the ASL specification and AWS's error-handling docs.
final class DecodingErrorHandlingExampleTests: XCTestCase {
    /// The specification's "complex retry" example (docs/errors.md walks through it).
    func testComplexRetryExample() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "StartAt": "X",
              "States": {
                "X": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:us-east-1:123456789012:task:X",
                  "Next": "Y",
                  "Retry": [
                    { "ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2 },
                    { "ErrorEquals": ["ErrorC"], "IntervalSeconds": 5 }
                  ],
                  "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Z" } ]
                },
                "Y": { "Type": "Succeed" },
                "Z": { "Type": "Fail" }
              }
            }
            """))
        let x = try XCTUnwrap(machine["X"])
        XCTAssertEqual(x.retriers, [
            Retrier(errorEquals: ["ErrorA", "ErrorB"], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2.0),
            // "IntervalSeconds" 5 as written; MaxAttempts 3 and BackoffRate 2.0 are the defaults.
            Retrier(errorEquals: ["ErrorC"], intervalSeconds: 5, maxAttempts: 3, backoffRate: 2.0),
        ])
        XCTAssertEqual(x.catchers.map(\.next), ["Z"])
    }

    /// The error-handling doc's retrier with MaxDelaySeconds and JitterStrategy, and a catcher
    /// with ResultPath "$.error-info".
    func testMaxDelayJitterAndCatcherResultPath() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:FailFunction",
                "Retry": [
                  { "ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5 },
                  { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2, "MaxDelaySeconds": 5, "JitterStrategy": "FULL" }
                ],
                "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Fallback", "ResultPath": "$.error-info" } ],
                "End": true
              },
              "Fallback": { "Type": "Pass", "End": true
            """)))
        let state = try XCTUnwrap(machine["S"])
        XCTAssertEqual(state.retriers.last?.maxDelaySeconds, 5)
        XCTAssertEqual(state.retriers.last?.jitterStrategy, .full)
        XCTAssertEqual(state.retriers.first?.jitterStrategy, Retrier.JitterStrategy.none)
        XCTAssertEqual(state.catchers.first?.resultPath.text, "$.error-info")
    }

    /// The Fail state doc: ErrorPath from the Context object and CausePath from the input.
    func testFailWithErrorPathAndCausePath() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Fail",
                "Comment": "my error comment",
                "ErrorPath": "$$.State.Name",
                "CausePath": "$.Cause"
            """)))
        guard case .fail(let fail) = machine["S"]?.kind, case .path(let error)? = fail.error, case .path? = fail.cause else { return XCTFail() }
        XCTAssertTrue(error.isContextPath)
    }

    /// statelint's fail-with-error-and-cause-path-using-intrinsic-functions: "These fields also
    /// allow Intrinsic Functions that return a string."
    func testFailWithIntrinsicFunctions() throws {
        let machine = try XCTUnwrap(decodeValid(machine("""
                "Type": "Fail",
                "ErrorPath": "States.Format('this is the error: {}, and this is the cause: {}', $.Error, $.Cause)",
                "CausePath": "States.UUID()"
            """)))
        guard case .fail(let fail) = machine["S"]?.kind, case .intrinsic? = fail.error, case .intrinsic? = fail.cause else { return XCTFail() }
    }

    /// statelint's minimal-fail-state: "Fail states [may] omit optional Cause/Error fields".
    func testMinimalFailState() throws {
        let machine = try XCTUnwrap(decodeValid(machine(#"    "Type": "Fail""#)))
        guard case .fail(let fail) = machine["S"]?.kind else { return XCTFail() }
        XCTAssertNil(fail.error)
        XCTAssertNil(fail.cause)
    }

    /// HTTP Task errors are predefined too: `States.Http.StatusCode.404`, `States.Http.Socket`.
    func testHTTPTaskErrorNamesAreAccepted() {
        XCTAssertNotNil(decodeValid(machine("""
                "Type": "Task",
                "Resource": "arn:aws:states:::http:invoke",
                "Retry": [ { "ErrorEquals": ["States.Http.StatusCode.429", "States.Http.Socket"] } ],
                "End": true
            """)))
    }
}
