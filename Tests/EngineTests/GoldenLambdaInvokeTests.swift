import XCTest

/// Golden histories (Golden/lambda_invoke/, see GoldenSupport.swift): `arn:aws:states:::lambda:invoke` with Payload (an object, a JSON
/// text, null), ResultSelector, LogType Tail, and the whole Invoke response.
final class GoldenLambdaInvokeTests: XCTestCase {
    static let cases = [
        "lambda_invoke/failure_caught.caught",
        "lambda_invoke/log_tail.basic",
        "lambda_invoke/payload.basic",
        "lambda_invoke/payload_text.empty_object",
        "lambda_invoke/payload_text.hello_world",
        "lambda_invoke/payload_text.null",
        "lambda_invoke/payload_text.zero",
        "lambda_invoke/result_selector.basic",
    ]

    func testFailureCaughtCaught() async throws { try await Golden.check("lambda_invoke/failure_caught.caught") }
    func testLogTailBasic() async throws { try await Golden.check("lambda_invoke/log_tail.basic") }
    func testPayloadBasic() async throws { try await Golden.check("lambda_invoke/payload.basic") }
    func testPayloadTextEmptyObject() async throws { try await Golden.check("lambda_invoke/payload_text.empty_object") }
    func testPayloadTextHelloWorld() async throws { try await Golden.check("lambda_invoke/payload_text.hello_world") }
    func testPayloadTextNull() async throws { try await Golden.check("lambda_invoke/payload_text.null") }
    func testPayloadTextZero() async throws { try await Golden.check("lambda_invoke/payload_text.zero") }
    func testResultSelectorBasic() async throws { try await Golden.check("lambda_invoke/result_selector.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "lambda_invoke") }
}
