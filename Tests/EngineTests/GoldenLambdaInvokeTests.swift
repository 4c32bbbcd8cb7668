import XCTest

/// Golden histories (Golden/lambda_invoke/, see GoldenSupport.swift): `arn:aws:states:::lambda:invoke` with Payload.
final class GoldenLambdaInvokeTests: XCTestCase {
    static let cases = [
        "lambda_invoke/failure_caught.caught",
        "lambda_invoke/payload.basic",
        "lambda_invoke/result_selector.basic",
    ]

    func testFailureCaughtCaught() async throws { try await Golden.check("lambda_invoke/failure_caught.caught") }
    func testPayloadBasic() async throws { try await Golden.check("lambda_invoke/payload.basic") }
    func testResultSelectorBasic() async throws { try await Golden.check("lambda_invoke/result_selector.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "lambda_invoke") }
}
