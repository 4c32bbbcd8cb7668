import JSONValue
import StatesLanguage
import XCTest

/// Helpers shared by the intrinsic function tests.
enum IntrinsicTest {
    /// Services that make `States.MathRandom` and `States.UUID` predictable.
    static let fixedServices = IntrinsicServices(
        randomInteger: { range in range.lowerBound },
        uuid: { "ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8" }
    )

    /// Parses `text` as JSON; fails the test on a syntax error.
    static func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            XCTFail("bad JSON in test: \(error)", file: file, line: line)
            return .null
        }
    }

    /// Parses and evaluates one call against `input` (and `context`).
    static func evaluate(
        _ call: String, input: JSONValue = [:], context: JSONValue = [:], services: IntrinsicServices = fixedServices
    ) throws -> JSONValue {
        try IntrinsicCall.parse(call).evaluate(input: input, context: context, services: services, field: "value.$")
    }

    /// The `States.Runtime` cause of a call that must fail; fails the test if it succeeds.
    static func cause(
        _ call: String, input: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line
    ) -> String? {
        do {
            let value = try evaluate(call, input: input)
            XCTFail("\(call) returned \(value) instead of failing", file: file, line: line)
            return nil
        } catch let error as StatesError {
            XCTAssertEqual(error.error, "States.Runtime", file: file, line: line)
            return error.cause
        } catch {
            XCTFail("\(call) threw \(error)", file: file, line: line)
            return nil
        }
    }

    /// Asserts that the call fails with `Invalid arguments in <function>`.
    static func assertInvalidArguments(
        _ call: String, input: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line
    ) {
        let function = String(call.prefix { $0 != "(" })
        XCTAssertEqual(cause(call, input: input, file: file, line: line), "Invalid arguments in \(function)", file: file, line: line)
    }
}
