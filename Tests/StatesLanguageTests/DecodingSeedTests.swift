import JSONValue
import StatesLanguage
import TestSupport
import XCTest

/// The tutorial definition of seeds 003 (intact) and 004 (pasted with braces missing).
final class DecodingSeedTests: XCTestCase {
    /// Seed 003, the text after "Replace the contents of the State machine definition section
    /// with the following code:", as the tutorial prints it (its odd indentation kept).
    static let seed003 = """
        {
          "Comment": "An example of using retry and catch to handle API responses",
          "StartAt": "Call API",
          "States": {
            "Call API": {
              "Type": "Task",
              "Resource": "lambda function arn paste here",
              "Next" : "OK",
              "Comment": "Catch a 429 (Too many requests) API exception, and resubmit the failed request in a rate-limiting fashion.",
              "Retry" : [ {
                "ErrorEquals": [ "TooManyRequestsException" ],
                "IntervalSeconds": 1,
                "MaxAttempts": 2
              } ],
              "Catch": [
                {
                  "ErrorEquals": ["TooManyRequestsException"],
                  "Next": "Wait and Try Later"
                }, {
                  "ErrorEquals": ["ServerUnavailableException"],
                  "Next": "Server Unavailable"
                }, {
                  "ErrorEquals": ["States.ALL"],
                  "Next": "Catch All"
                }
              ]
            },
            "Wait and Try Later": {
              "Type": "Wait",
              "Seconds" : 1,
              "Next" : "Change to 200"
            },
            "Server Unavailable": {
              "Type": "Fail",
             "Error":"ServerUnavailable",
              "Cause": "The server is currently unable to handle the request."
            },
            "Catch All": {
              "Type": "Fail",
              "Cause": "Unknown error!",
              "Error": "An error of unknown type occurred"
            },
            "Change to 200": {
              "Type": "Pass",
              "Result": {"statuscode" :"200"} ,
              "Next": "Call API"
            },
            "OK": {
              "Type": "Pass",
              "Result": "The request has succeeded.",
              "End": true
            }
          }
        }
        """

    func testSeed003DecodesIntoTheModel() throws {
        let machine = try XCTUnwrap(decodeValid(Self.seed003))
        XCTAssertEqual(machine.comment, "An example of using retry and catch to handle API responses")
        XCTAssertEqual(machine.startAt, "Call API")
        XCTAssertEqual(machine.queryLanguage, .jsonPath)
        XCTAssertNil(machine.timeoutSeconds)
        XCTAssertEqual(machine.states.map(\.name), ["Call API", "Wait and Try Later", "Server Unavailable", "Catch All", "Change to 200", "OK"])

        let call = try XCTUnwrap(machine["Call API"])
        guard case .task(let task) = call.kind else { return XCTFail("Call API is a \(call.type)") }
        XCTAssertEqual(task.resource, "lambda function arn paste here")
        XCTAssertNil(task.timeoutSeconds)
        XCTAssertEqual(call.transition, .next("OK"))
        XCTAssertEqual(call.comment?.hasPrefix("Catch a 429"), true)
        // IntervalSeconds 1 and MaxAttempts 2 as written; BackoffRate takes AWS's default 2.0.
        XCTAssertEqual(call.retriers, [Retrier(errorEquals: ["TooManyRequestsException"], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2.0)])
        XCTAssertEqual(call.catchers.map(\.errorEquals), [["TooManyRequestsException"], ["ServerUnavailableException"], ["States.ALL"]])
        XCTAssertEqual(call.catchers.map(\.next), ["Wait and Try Later", "Server Unavailable", "Catch All"])
        XCTAssertEqual(call.catchers.map(\.resultPath.text), ["$", "$", "$"])

        guard case .wait(.seconds(.value(1))) = machine["Wait and Try Later"]?.kind else { return XCTFail("Wait and Try Later waits 1 s") }
        XCTAssertEqual(machine["Wait and Try Later"]?.transition, .next("Change to 200"))

        guard case .fail(let unavailable) = machine["Server Unavailable"]?.kind else { return XCTFail("Server Unavailable is a Fail") }
        XCTAssertEqual(unavailable.error?.value, "ServerUnavailable")
        XCTAssertEqual(unavailable.cause?.value, "The server is currently unable to handle the request.")
        XCTAssertEqual(machine["Server Unavailable"]?.isTerminal, true)

        guard case .pass(let change) = machine["Change to 200"]?.kind else { return XCTFail("Change to 200 is a Pass") }
        XCTAssertEqual(change.result, ["statuscode": "200"])
        guard case .pass(let ok) = machine["OK"]?.kind else { return XCTFail("OK is a Pass") }
        XCTAssertEqual(ok.result, "The request has succeeded.")
        XCTAssertEqual(machine["OK"]?.transition, .end)
    }

    /// Seed 004: the same text pasted without its opening brace (and more). SeedDefinitionTests
    /// in JSONValueTests explains the place: `"Comment"` in columns 3-11 is a whole JSON text,
    /// so the `:` in column 12 is the first character that cannot follow.
    func testSeed004ReportsItsJSONErrorAtItsPlace() {
        let pasted = Seeds.definition004
        assertOne(diagnostics(of: pasted), 1, 12, "is the opening '{' missing?", path: "$")
        assertOne(diagnostics(of: pasted), 1, 12, "The definition is not valid JSON")
    }

    /// With the first brace restored, the next problem is the Catch array's missing `{`: the
    /// seed's line 15 (16 here) holds `"ErrorEquals"` in columns 11-23, then a `:` in column 24.
    func testSeed004WithItsOpeningBraceRestored() {
        let pasted = "{\n" + Seeds.definition004
        assertOne(diagnostics(of: pasted), 16, 24, "expected ',' or ']' after array element")
    }
}
