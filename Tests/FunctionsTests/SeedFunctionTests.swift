import Foundation
import Functions
import JSONValue
import TestSupport
import XCTest

/// The seed functions (seeds 003 and 001, the product's first descriptions) behave as their
/// Python originals.
final class SeedFunctionTests: FunctionTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for name in ["MockAPIFunction", "Test", "Error"] { try workspace.copy(fromRepository: "functions/\(name).lua") }
    }

    func testMockAPIFunctionAnswersEachStatusCodeAsSeed003() throws {
        XCTAssertEqual(try success("MockAPIFunction", ["statuscode": "200"]), "200 OK")
        let expected = [
            ("429", "TooManyRequestsException", "429 Too Many Requests"),
            ("503", "ServerUnavailableException", "503 Server Unavailable"),
            ("500", "UnknownException", "Unknown error"),
        ]
        for (code, type, message) in expected {
            let error = try failure("MockAPIFunction", ["statuscode": .string(code)])
            XCTAssertEqual(error.errorType, type)
            XCTAssertEqual(error.errorMessage, message)
        }
    }

    /// docs/lambda.md#how-a-function-fails: the payload is {errorType, errorMessage, requestId, stackTrace}.
    func testErrorPayloadHasLambdasFields() throws {
        let invocation = try host.invoke("MockAPIFunction", event: ["statuscode": "429"])
        guard case .failure(let error) = invocation.outcome else { return XCTFail("expected a failure") }
        XCTAssertEqual(error.payload.objectValue.map { Array($0.keys) }, ["errorType", "errorMessage", "requestId", "stackTrace"])
        XCTAssertEqual(error.payload["requestId"], .string(invocation.requestId))
        XCTAssertTrue(error.stackTrace.contains { $0.hasPrefix("MockAPIFunction.lua:") }, "\(error.stackTrace)")
        XCTAssertTrue(error.payload.compactString().hasPrefix(#"{"errorType":"TooManyRequestsException","errorMessage":"429 Too Many Requests","#))
    }

    /// Seed 001: Test raises TestError on {"fail": true} and returns "success" otherwise.
    func testSeed001Functions() throws {
        XCTAssertEqual(try success("Test", [:]), "success")
        XCTAssertEqual(try failure("Test", ["fail": true]).errorType, "TestError")
        _ = try host.invoke("Error", event: ["Error": "TestError"])
        XCTAssertTrue(logs.messages(group: "/aws/lambda/Error").contains("called error_handler"))
    }
}
