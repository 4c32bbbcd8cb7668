import Events
import JSONValue
import XCTest

/// Helpers shared by the event-pattern tests: patterns and events are written as JSON text, the
/// way AWS's documentation shows them.
class EventPatternTestCase: XCTestCase {
    /// The pattern parsed from `text`; fails the test when it is rejected.
    func pattern(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> EventPattern {
        do {
            return try EventPattern.parse(text)
        } catch {
            XCTFail("pattern rejected:\n\(error)", file: file, line: line)
            throw error
        }
    }

    /// The event parsed from `text`.
    func event(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        try JSONValue.parse(text)
    }

    /// Asserts whether `patternText` matches `eventText`.
    func assertMatch(
        _ patternText: String, _ eventText: String, _ expected: Bool,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let compiled = try pattern(patternText, file: file, line: line)
        let value = try event(eventText, file: file, line: line)
        XCTAssertEqual(
            compiled.matches(value), expected,
            "\(patternText)\nshould \(expected ? "" : "not ")match\n\(eventText)", file: file, line: line)
    }

    /// Asserts that `patternText` is rejected with exactly these problem messages, in order.
    func assertRejected(
        _ patternText: String, _ messages: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try EventPattern.parse(patternText)
            XCTFail("pattern accepted: \(patternText)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.problems.map(\.message), messages, "\(patternText)\n\(error)", file: file, line: line)
        }
    }

    /// The problems `patternText` is rejected with (empty when it is accepted).
    func problems(_ patternText: String) -> [EventPatternError.Problem] {
        do {
            _ = try EventPattern.parse(patternText)
            return []
        } catch {
            return error.problems
        }
    }
}
