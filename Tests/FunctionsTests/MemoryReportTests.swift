import Foundation
import Functions
import JSONValue
import TestSupport
import XCTest

/// The REPORT line's `Max Memory Used` is the real peak: a function that ran out of memory
/// used all its `memorySize` (docs/lambda.md#start-end-and-report-lines).
final class MemoryReportTests: FunctionTestCase {
    /// The `Max Memory Used: N MB` of an invocation's REPORT line.
    func maxMemoryUsed(_ invocation: Invocation, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        guard let report = invocation.logLines.last, report.hasPrefix("REPORT RequestId: \(invocation.requestId)\t"),
              let range = report.range(of: #"\tMax Memory Used: \d+ MB\t"#, options: .regularExpression) else {
            XCTFail("no REPORT line with Max Memory Used: \(invocation.logLines)", file: file, line: line)
            return nil
        }
        return Int(report[range].dropFirst("\tMax Memory Used: ".count).prefix { $0.isNumber })
    }

    func outOfMemory(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Invocation {
        let invocation = try host.invoke(name, event: [:])
        guard case .failure(let error) = invocation.outcome, error.errorType == "Runtime.OutOfMemory" else {
            XCTFail("expected Runtime.OutOfMemory, got \(invocation.outcome)", file: file, line: line)
            throw UnexpectedOutcome(description: "\(invocation.outcome)")
        }
        XCTAssertTrue(invocation.logLines.last?.hasSuffix("Status: error\tError Type: Runtime.OutOfMemory") ?? false,
                      "\(invocation.logLines)", file: file, line: line)
        return invocation
    }

    /// A table that grows until the cap: the last doubling of its array part is what is
    /// refused, and half the cap was all it held.
    func testAGrowingTableUsedTheWholeMemorySize() throws {
        try workspace.addFunction("Grow", """
            function handler()
              local t = {}
              for i = 1, 1e9 do t[i] = i end
            end
            """)
        XCTAssertEqual(maxMemoryUsed(try outOfMemory("Grow")), 128)
    }

    /// One allocation past the cap is refused before anything is held (it was `1 MB`).
    func testOneHugeAllocationUsedTheWholeMemorySize() throws {
        try workspace.addFunction("Huge", """
            function handler()
              local s = ("x"):rep(300 * 1024 * 1024)
              return #s
            end
            """, configuration: #"{"memorySize": 256}"#)
        XCTAssertEqual(maxMemoryUsed(try outOfMemory("Huge")), 256)
    }

    /// Running out during the cold start (the script's top level) counts the same.
    func testRunningOutAtInitUsedTheWholeMemorySize() throws {
        try workspace.addFunction("Greedy", """
            local s = ("x"):rep(200 * 1024 * 1024)
            function handler() return #s end
            """)
        XCTAssertEqual(maxMemoryUsed(try outOfMemory("Greedy")), 128)
    }

    /// A function that stays within its memory reports what it held, well below the cap.
    func testAFunctionWithinItsMemoryReportsItsOwnPeak() throws {
        try workspace.addFunction("Modest", """
            function handler()
              local s = ("x"):rep(8 * 1024 * 1024)
              return #s
            end
            """)
        let invocation = try host.invoke("Modest", event: [:])
        XCTAssertEqual(invocation.outcome, .success(.int(8 * 1024 * 1024)))
        let used = try XCTUnwrap(maxMemoryUsed(invocation))
        XCTAssertGreaterThanOrEqual(used, 8)
        XCTAssertLessThan(used, 128)
    }
}
