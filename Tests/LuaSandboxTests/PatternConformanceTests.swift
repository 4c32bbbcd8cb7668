import Foundation
import JSONValue
import LuaSandbox
import XCTest

/// The sandbox's own find/match/gmatch/gsub (they have a step budget) against the results of
/// the real Lua 5.4 interpreter, recorded in Scripts/pattern_conformance.lua.
final class PatternConformanceTests: SandboxTestCase {
    func testPatternFunctionsAgreeWithLua54() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/pattern_conformance.lua")
        let sandbox = try load(try String(contentsOf: url, encoding: .utf8))
        let result = try call(sandbox, timeout: .seconds(10)).result.get()
        // An empty Lua table comes back as {}: no case failed.
        XCTAssertEqual(result["failed"], [:], "\(result)")
        XCTAssertEqual(result["passed"], result["total"])
        XCTAssertGreaterThanOrEqual(result["passed"]?.intValue ?? 0, 150)
    }
}
