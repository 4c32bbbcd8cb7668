import Foundation
import Functions
import JSONValue
import TestSupport
import XCTest

/// A sidecar that cannot be used is reported as what it is, with its file, line and column,
/// never as a missing function (`Lambda.ResourceNotFoundException`).
final class ConfigurationFailureTests: FunctionTestCase {
    /// The service error a call to `name` throws.
    func serviceError(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> LambdaServiceError {
        let invocation: Invocation
        do { invocation = try host.invoke(name, event: [:]) } catch { return error }
        XCTFail("expected a service error, got \(invocation.outcome)", file: file, line: line)
        throw UnexpectedOutcome(description: "\(invocation.outcome)")
    }

    /// `{"timeout": 1000}`: the value `1000` begins in column 13 of line 1; Lambda's timeout is
    /// at most 900 s. Lambda's name for a configuration it cannot use is
    /// InvalidParameterValueException, HTTP 400.
    func testTimeoutPastTheLimitIsInvalidParameterValueNamingThePlace() throws {
        try workspace.addFunction("Late", "function handler() return 1 end", configuration: #"{"timeout": 1000}"#)
        let error = try serviceError("Late")
        XCTAssertEqual(error.name, "Lambda.InvalidParameterValueException")
        XCTAssertEqual(error.statusCode, 400)
        XCTAssertTrue(error.message.contains("functions/Late.json:1:13: error: "), error.message)
        XCTAssertTrue(error.message.contains("'timeout'") && error.message.contains("900"), error.message)
        XCTAssertFalse(error.message.contains("not found"), error.message)
    }

    /// `{"timeout": }`: the `}` in column 13 cannot begin a value.
    func testInvalidJSONIsLocated() throws {
        try workspace.addFunction("Broken", "function handler() return 1 end", configuration: #"{"timeout": }"#)
        let error = try serviceError("Broken")
        XCTAssertEqual(error.name, "Lambda.InvalidParameterValueException")
        XCTAssertTrue(error.message.contains("functions/Broken.json:1:13: error: "), error.message)
    }

    /// Every problem of the file is named, each at its place: `memorySize` 64 (from column 17
    /// of line 2) is below 128, and `retries` (column 3 of line 3) is no field of the sidecar.
    func testEveryProblemIsNamed() throws {
        try workspace.addFunction("Many", "function handler() return 1 end", configuration: """
            {
              "memorySize": 64,
              "retries": 2
            }
            """)
        let error = try serviceError("Many")
        XCTAssertTrue(error.message.contains("functions/Many.json:2:17: error: "), error.message)
        XCTAssertTrue(error.message.contains("functions/Many.json:3:3: error: "), error.message)
        XCTAssertFalse(error.message.contains("\n"), "one line: \(error.message)")
    }

    /// A function without a script is still missing, sidecar or not.
    func testASidecarWithoutItsScriptIsResourceNotFound() throws {
        try #"{"timeout": 5}"#.write(to: workspace.functions.appendingPathComponent("Orphan.json"), atomically: true, encoding: .utf8)
        let error = try serviceError("Orphan")
        XCTAssertEqual(error.name, "Lambda.ResourceNotFoundException")
        XCTAssertEqual(error.statusCode, 404)
    }

    /// Once the sidecar is mended, the function runs; nothing of the broken one was kept.
    func testAMendedSidecarIsReadOnTheNextCall() throws {
        try workspace.addFunction("Mended", "function handler() return 'ran' end", configuration: #"{"timeout": 0}"#)
        XCTAssertEqual(try serviceError("Mended").name, "Lambda.InvalidParameterValueException")
        try workspace.addFunction("Mended", "function handler() return 'ran' end", configuration: #"{"timeout": 5}"#)
        XCTAssertEqual(try success("Mended"), "ran")
    }
}
