import Foundation
import TestSupport
import XCTest

final class HelpTests: XCTestCase {
    func testHelpListsTheCommandsAndExitsZero() throws {
        let result = try runHost(["--help"], in: Repository.root)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("invoke"), result.stdout)
        XCTAssertTrue(result.stdout.contains("logs"), result.stdout)
    }

    /// swift-argument-parser's own usage status is 64; host's is 2 (the rule).
    func testUnknownOptionIsAUsageErrorWithStatusTwo() throws {
        let result = try runHost(["invoke", "MockAPIFunction", "--no-such-option"], in: Repository.root)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--no-such-option"), result.stderr)
    }
}
