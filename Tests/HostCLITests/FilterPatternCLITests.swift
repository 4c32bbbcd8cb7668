import Foundation
import TestSupport
import XCTest

/// `host logs get --filter-pattern P`: CloudWatch Logs filter patterns (docs/logs.md),
/// case-sensitive, over the stored lines of a function that prints text and JSON.
final class FilterPatternCLITests: HostCLITestCase {
    private let group = "/aws/lambda/Levels"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.addFunction("Levels", """
            function handler(event, context)
              print("ERROR disk full")
              print("WARN disk almost full")
              print("INFO all good")
              print("error in lower case")
              print("ERROR DEBUG noisy")
              print('{"level":"ERROR","latency":150}')
              print('{"level":"INFO","latency":50}')
              print('{"level":"WARN","latency":250,"user":null}')
            end
            """)
        try hostSucceeds("invoke", "Levels")
    }

    /// The messages `host logs get` prints for `pattern`.
    private func matching(_ pattern: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let result = try hostSucceeds("logs", "get", group, "--since", "1h", "--format", "short", "--filter-pattern", pattern,
                                      file: file, line: line)
        return events(result.stdout, short: true, file: file, line: line).map(\.message)
    }

    func testTerms() throws {
        // A term matches wherever it appears in the message, JSON text included: CloudWatch's
        // `ERROR` matches `{"level":"ERROR",...}` as it matches `[ERROR 400] BAD REQUEST`.
        let errorJSON = #"{"level":"ERROR","latency":150}"#, warnJSON = #"{"level":"WARN","latency":250,"user":null}"#
        XCTAssertEqual(try matching("ERROR"), ["ERROR disk full", "ERROR DEBUG noisy", errorJSON])
        XCTAssertEqual(try matching("ERROR disk"), ["ERROR disk full"])
        XCTAssertEqual(try matching("?ERROR ?WARN"), ["ERROR disk full", "WARN disk almost full", "ERROR DEBUG noisy", errorJSON, warnJSON])
        XCTAssertEqual(try matching("ERROR -DEBUG"), ["ERROR disk full", errorJSON])
        XCTAssertEqual(try matching(#""disk almost""#), ["WARN disk almost full"])
        XCTAssertEqual(try matching("lower"), ["error in lower case"])
        XCTAssertEqual(try matching("NOTHING"), [])
    }

    func testEmptyPatternMatchesEverything() throws {
        let all = try matching("")
        XCTAssertEqual(all.count, 11, "START, eight lines, END, REPORT: \(all)")
    }

    func testJSONPatterns() throws {
        XCTAssertEqual(try matching(#"{ $.level = "ERROR" }"#), [#"{"level":"ERROR","latency":150}"#])
        XCTAssertEqual(try matching("{ $.latency > 100 }"),
                       [#"{"level":"ERROR","latency":150}"#, #"{"level":"WARN","latency":250,"user":null}"#])
        XCTAssertEqual(try matching(#"{ $.level = "ERROR" || $.level = "WARN" }"#),
                       [#"{"level":"ERROR","latency":150}"#, #"{"level":"WARN","latency":250,"user":null}"#])
        XCTAssertEqual(try matching(#"{ ($.level = "INFO" || $.level = "WARN") && $.latency < 100 }"#),
                       [#"{"level":"INFO","latency":50}"#])
        XCTAssertEqual(try matching(#"{ $.level = "W*" }"#), [#"{"level":"WARN","latency":250,"user":null}"#])
        XCTAssertEqual(try matching("{ $.user IS NULL }"), [#"{"level":"WARN","latency":250,"user":null}"#])
        XCTAssertEqual(try matching("{ $.user NOT EXISTS }"),
                       [#"{"level":"ERROR","latency":150}"#, #"{"level":"INFO","latency":50}"#])
    }

    func testFilterWithDetailedFormat() throws {
        let result = try hostSucceeds("logs", "get", group, "--since", "1h", "--filter-pattern", #"{ $.level = "INFO" }"#)
        let events = detailedEvents(result.stdout)
        XCTAssertEqual(events.map(\.message), [#"{"level":"INFO","latency":50}"#])
    }
}
