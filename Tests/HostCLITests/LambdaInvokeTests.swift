import Foundation
import JSONValue
import TestSupport
import XCTest

/// `arn:aws:states:::lambda:invoke` through the built `host` and real Lua functions: the
/// issue's §1.4, checked against the executions recorded on AWS
/// (services/test_lambda_task_service.py and context_object/test_context_object.py).
final class LambdaInvokeTests: RunTestCase {
    /// LocalStack's tests name their function `lambda_func_` and eight characters: twenty in
    /// all, which is what the recorded Content-Length counts.
    static let functionName = "lambda_func_0a1b2c3d"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.addFunction(Self.functionName, """
            function handler(event, context)
              print("echoing")
              return event
            end
            """)
        try write("""
            {"StartAt": "Start", "States": {
              "Start": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName.$": "$.FunctionName", "Payload.$": "$.Payload"}, "End": true}}}
            """, to: "machines/invoke.json")
    }

    private func invoke(_ payload: JSONValue, extra: String = "") throws -> JSONValue? {
        let input: JSONValue = ["FunctionName": .string(Self.functionName), "Payload": payload]
        return try runMachine("machines/invoke.json", input: input.compactString(), status: 0).output
    }

    /// "a string Payload is sent as the raw request body, so a function that echoes its event
    /// returns "HelloWorld", not "\"HelloWorld\"" (likewise "0" → 0, "{}" → {}); Payload: null
    /// reaches the function as {}" — with the recorded Content-Length of each body.
    func testAStringPayloadIsTheRequestBody() throws {
        let cases: [(JSONValue, JSONValue, String)] = [
            ("\"HelloWorld\"", "HelloWorld", "12"), ("0", 0, "1"), ("0.0", 0.0, "3"), ("true", true, "4"),
            ("{}", [:], "2"), ("[]", [], "2"), (nil, [:], "2"),
        ]
        for (payload, expected, length) in cases {
            let output = try XCTUnwrap(try invoke(payload))
            XCTAssertEqual(output["Payload"], expected, "Payload \(payload)")
            XCTAssertEqual(output["SdkHttpMetadata"]?["HttpHeaders"]?["Content-Length"], .string(length), "Payload \(payload)")
            XCTAssertEqual(output["SdkHttpMetadata"]?["AllHttpHeaders"]?["Content-Length"], [.string(length)], "Payload \(payload)")
        }
    }

    /// The recorded context_object test_result_selector: the function echoes
    /// `{"Input": {"FunctionName": <its 20-character name>, "Payload": {"input-value": 0}}}`,
    /// and AWS answered with Content-Length 82: the body as Lambda's Python runtime writes it,
    /// with `", "` and `": "` between members.
    func testContentLengthCountsTheBodyAsThePythonRuntimeWritesIt() throws {
        try write("""
            {"StartAt": "TestState", "States": {
              "TestState": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName.$": "$.FunctionName", "Payload": {"Input.$": "$"}},
                            "ResultSelector": {"LambdaOutput.$": "$", "ContextObjectValue.$": "$$.Execution.Input"}, "End": true}}}
            """, to: "machines/selector.json")
        let input = #"{"FunctionName": "\#(Self.functionName)", "Payload": {"input-value": 0}}"#
        let output = try runMachine("machines/selector.json", input: input, status: 0).output
        XCTAssertEqual(output?["LambdaOutput"]?["SdkHttpMetadata"]?["HttpHeaders"]?["Content-Length"], "82")
    }

    /// The headers AWS recorded: Date (an HTTP date), X-Amzn-Trace-Id, and HttpHeaders sorted
    /// without regard to case.
    func testTheResponseHeaders() throws {
        let output = try XCTUnwrap(try invoke("{}"))
        let headers = try XCTUnwrap(output["SdkHttpMetadata"]?["HttpHeaders"]?.objectValue)
        XCTAssertEqual(Array(headers.keys), ["Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version",
                                             "x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id"])
        let date = try XCTUnwrap(headers["Date"]?.stringValue)
        XCTAssertNotNil(Self.match(#"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT"#, date), date)
        XCTAssertEqual(headers["x-amzn-RequestId"], output["SdkResponseMetadata"]?["RequestId"])
        XCTAssertTrue(Self.isRequestId(headers["x-amzn-RequestId"]?.stringValue ?? ""))
    }

    /// `LogType: Tail` returns `LogResult`, "the last 4 KB of the execution log" base64-encoded,
    /// in the output and in the X-Amz-Log-Result header.
    func testLogTypeTailReturnsTheLog() throws {
        try write("""
            {"StartAt": "Start", "States": {
              "Start": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "\(Self.functionName)", "Payload": null, "LogType": "Tail"}, "End": true}}}
            """, to: "machines/tail.json")
        let output = try XCTUnwrap(try runMachine("machines/tail.json", status: 0).output)
        let logResult = try XCTUnwrap(output["LogResult"]?.stringValue)
        XCTAssertEqual(output["SdkHttpMetadata"]?["HttpHeaders"]?["X-Amz-Log-Result"], .string(logResult))
        XCTAssertEqual(output["SdkHttpMetadata"]?["AllHttpHeaders"]?["X-Amz-Log-Result"], [.string(logResult)])
        let log = String(decoding: try XCTUnwrap(Data(base64Encoded: logResult)), as: UTF8.self)
        let requestId = try XCTUnwrap(output["SdkResponseMetadata"]?["RequestId"]?.stringValue)
        let lines = log.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), ["START RequestId: \(requestId) Version: $LATEST", "echoing", "END RequestId: \(requestId)"])
        XCTAssertTrue(lines.last?.hasPrefix("REPORT RequestId: \(requestId)\t") ?? false, log)
        XCTAssertEqual(Array(output.objectValue?.keys ?? []), ["ExecutedVersion", "LogResult", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"])
    }

    /// A string Payload that is not JSON is refused as Lambda refuses such a request body.
    func testAPayloadThatIsNotJSONFailsAsLambdaAnswers() throws {
        let input: JSONValue = ["FunctionName": .string(Self.functionName), "Payload": "HelloWorld"]
        let run = try runMachine("machines/invoke.json", input: input.compactString(), status: 1)
        XCTAssertEqual(run.describe["error"], "Lambda.InvalidRequestContentException")
        XCTAssertTrue(run.describe["cause"]?.stringValue?.hasPrefix("Could not parse request body into json: Could not parse payload into json: ") ?? false)
        XCTAssertTrue(run.describe["cause"]?.stringValue?.contains("(Service: AWSLambda; Status Code: 400; Error Code: InvalidRequestContentException; Request ID: ") ?? false)
    }
}
