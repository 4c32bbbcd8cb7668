import JSONValue
import XCTest

/// Definitions pasted from real tutorials, as users will bring them.
final class SeedDefinitionTests: XCTestCase {
    /// Seed 004: the state machine definition of a Step Functions error-handling tutorial
    /// (the text after "Replace the contents of the State machine definition section with the
    /// following code:"), pasted without its braces: the opening `{` is missing, and so are
    /// several `{` and `}` further down (in "Catch" and after each state).
    ///
    /// The text starts `  "Comment": ...`. A parser reading from the left sees two spaces of
    /// whitespace, then the string `"Comment"` in columns 3-11, which on its own is a complete
    /// JSON text (RFC 8259 allows any value at the top level). The `:` in column 12 is the first
    /// character that no valid JSON text can have there, so the error is at 1:12. Columns 1-11
    /// are still a prefix of valid JSON (`  "Comment"`), which is why the place is not column 3;
    /// the message adds the likely cause, the missing `{`.
    ///
    /// Trailing spaces of the pasted lines are dropped here; they come after the error.
    private let seed004 = """
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
                  "ErrorEquals": ["TooManyRequestsException"],
                  "Next": "Wait and Try Later"
                }, {
                  "ErrorEquals": ["ServerUnavailableException"],
                  "Next": "Server Unavailable"
                }, {
                  "ErrorEquals": ["States.ALL"],
                  "Next": "Catch All"
            "Wait and Try Later": {
              "Type": "Wait",
              "Seconds" : 1,
              "Next" : "Change to 200"
            "Server Unavailable": {
              "Type": "Fail",
              "Cause": "The server is currently unable to handle the request."
            "Catch All": {
              "Type": "Fail",
              "Cause": "Unknown error!",
              "Error": "An error of unknown type occurred"
            "Change to 200": {
              "Type": "Pass",
              "Result": {"statuscode" :"200"} ,
              "Next": "Call API"
            "OK": {
              "Type": "Pass",
              "Result": "The request has succeeded.",
              "End": true
        """

    func testSeed004StopsAtTheFirstPlaceTheJSONGoesWrong() {
        assertSyntaxError(seed004, 1, 12, "unexpected trailing characters after the JSON value (is the opening '{' missing?)")
    }

    /// With the blank line that follows the instruction in the tutorial, the same place is on line 2.
    func testSeed004WithLeadingBlankLine() {
        assertSyntaxError("\n" + seed004, 2, 12, "unexpected trailing characters after the JSON value (is the opening '{' missing?)")
    }

    /// Only the missing first brace restored: the next problem is in the "Catch" array, whose
    /// `{` is missing too. Seed line 15 (line 16 here, after the added `{` line) is ten spaces,
    /// then `"ErrorEquals"` in columns 11-23: a string is a fine array element, but the `:` in
    /// column 24 can follow no array element.
    func testSeed004WithItsOpeningBraceRestored() {
        assertSyntaxError("{\n" + seed004, 16, 24, "expected ',' or ']' after array element")
    }
}
