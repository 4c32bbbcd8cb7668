import JSONValue
import XCTest

/// The golden comparison itself: it must accept what may vary and catch what may not.
final class GoldenComparisonTests: XCTestCase {
    private func expectedFile(_ id: String) throws -> JSONValue {
        let golden = GoldenCase(id)
        return try JSONValue.parse(GoldenCase.text(golden.file(".\(golden.variant).expected.json")))
    }

    /// The events in a new order of recording, ids and links renumbered to match.
    private func reordered(_ events: [GoldenEvent], _ order: [Int]) -> [GoldenEvent] {
        var newId: [Int: Int] = [0: 0]
        for (index, old) in order.enumerated() { newId[events[old].id] = index + 1 }
        return order.map { old in
            var event = events[old]
            event.id = newId[event.id]!
            event.previousEventId = newId[event.previousEventId]!
            return event
        }
    }

    func testAnExpectedFileMatchesItself() throws {
        for id in ["errors/retry_backoff.recovers", "parallel/success.basic", "timeouts/execution_timeout.long_wait"] {
            let file = try expectedFile(id)
            XCTAssertEqual(GoldenComparison(expected: file).problems(GoldenResult(expectedFile: file)), [], id)
        }
    }

    func testAnOffsetAnIdOrADetailThatDiffersIsReported() throws {
        let file = try expectedFile("errors/retry_backoff.recovers")
        var result = GoldenResult(expectedFile: file)
        result.events[5].offset += 1
        XCTAssertEqual(GoldenComparison(expected: file).problems(result).count, 1)
        result = GoldenResult(expectedFile: file)
        result.events[6].previousEventId = 3
        XCTAssertEqual(GoldenComparison(expected: file).problems(result).count, 1)
        result = GoldenResult(expectedFile: file)
        result.events[4].details = ["error": "Other", "cause": "x"]
        XCTAssertEqual(GoldenComparison(expected: file).problems(result).count, 1)
    }

    /// parallel/success: the same branches recorded in another interleaving still match; a
    /// branch event with another offset does not.
    func testLanesAcceptAnotherInterleavingOnly() throws {
        let file = try expectedFile("parallel/success.basic")
        let original = GoldenResult(expectedFile: file)
        let branchA = original.events.indices.filter { ["A1", "A2"].contains(original.events[$0].details?["name"]?.stringValue) }
        let branchB = original.events.indices.filter { (3..<12).contains($0) && !branchA.contains($0) }
        var result = original
        result.events = reordered(original.events, Array(0..<3) + branchB + branchA + Array(12..<original.events.count))
        XCTAssertNotEqual(result.events.map(\.type), original.events.map(\.type))
        XCTAssertEqual(GoldenComparison(expected: file).problems(result), [])
        result.events[4].offset = 7
        XCTAssertEqual(GoldenComparison(expected: file).problems(result).count, 1)
    }

    func testWildcardsAndEquivalentTexts() {
        let comparison = GoldenComparison(expected: ["equivalentTexts": [["\"Cause\":\"\"", "\"Cause\":null"]]])
        XCTAssertTrue(comparison.matches(["$any": true], ["anything": 1]))
        XCTAssertTrue(comparison.matches(["$prefix": "An error"], "An error occurred"))
        XCTAssertFalse(comparison.matches(["$prefix": "An error"], "Another"))
        XCTAssertTrue(comparison.matches("{\"Cause\":\"\"}", "{\"Cause\":null}"))
        XCTAssertFalse(comparison.matches(1, 1.0))
        XCTAssertTrue(comparison.matches(["a": 1, "b": 2], ["b": 2, "a": 1]))
    }

    /// A masked text stands for what the pattern matches, inside any string, and nothing else.
    func testMaskedTexts() {
        let comparison = GoldenComparison(expected: ["maskedTexts": [["pattern": "[Rr]oot=1-[0-9a-f]{8}-[0-9a-f]{24}", "as": "<trace>"]]])
        XCTAssertTrue(comparison.matches("{\"X-Amzn-Trace-Id\":\"<trace>\"}", "{\"X-Amzn-Trace-Id\":\"root=1-66322dc0-6c6d0a9e0000400080000000\"}"))
        XCTAssertTrue(comparison.matches(["h": ["<trace>"]], ["h": ["Root=1-5759e988-bd862e3fe1be46a994272793"]]))
        XCTAssertFalse(comparison.matches("<trace>", "root=1-66322dc0-short"))
        XCTAssertFalse(comparison.matches("{\"Date\":\"<trace>\"}", "{\"Date\":\"Wed, 01 May 2024 12:00:00 GMT\"}"))
        let broken = GoldenComparison(expected: ["maskedTexts": [["pattern": "(", "as": "<trace>"]]])
        XCTAssertFalse(broken.matches("<trace>", "("))
    }
}
