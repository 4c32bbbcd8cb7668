import Foundation
import TestSupport
import XCTest

/// `host --version` names the Lua release functions run with (issue 9); with the release whose
/// bug list docs/sandbox.md records, host warns of nothing.
final class LuaVersionTests: XCTestCase {
    func testVersionNamesTheLuaRelease() throws {
        let result = try runHost(["--version"], in: Repository.root)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "host 0.1.0 (Lua 5.4.4)")
        XCTAssertFalse(result.stderr.contains("warning"), result.stderr)
    }
}
