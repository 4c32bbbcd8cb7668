/// Texts from the seed documents (the product's first descriptions) that several test suites use.
public enum Seeds {
    /// Seed 004: the tutorial's state machine definition as a user pastes it from the damaged
    /// page: the text after "Replace the contents of the State machine definition section with
    /// the following code:", verbatim, its outer braces and several inner ones missing.
    public static let definition004 = """
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
}
