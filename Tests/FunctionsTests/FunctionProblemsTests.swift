import Foundation
import Functions
import TestSupport
import XCTest

/// A function's files checked without running it: the sidecar, and the script's syntax at
/// its line and column.
final class FunctionProblemsTests: FunctionTestCase {
    var catalog: FunctionCatalog { FunctionCatalog(directory: workspace.functions) }

    /// Seed 004's broken script: the `error(...)` on line 6 (column 5, after four spaces)
    /// follows a `return`, which must end its block.
    func testSeed004ScriptIsLocated() throws {
        try workspace.addFunction("MockAPIFunction", """
            local UnknownException = exception("UnknownException")
            function handler(event, context)
              local statuscode = event.statuscode
              if statuscode == "200" then
                return "200 OK"
                error(UnknownException("Unknown error"))
              end
            end
            """)
        let problems = try catalog.problems(of: "MockAPIFunction")
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.hasPrefix("functions/MockAPIFunction.lua:6:5: error: ") ?? false, "\(problems)")
        XCTAssertTrue(problems.first?.contains("near 'error'") ?? false, "\(problems)")
    }

    /// A script that ends too early is located at its end: line 2 is `  return 1`, 10
    /// characters, so the end is column 11.
    func testEndOfTextIsTheEndOfTheLastLine() throws {
        try workspace.addFunction("Short", "function handler()\n  return 1")
        let problems = try catalog.problems(of: "Short")
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.hasPrefix("functions/Short.lua:2:11: error: ") ?? false, "\(problems)")
        XCTAssertTrue(problems.first?.hasSuffix("near <eof>") ?? false, "\(problems)")
    }

    /// Compiling runs nothing: the top level's error and output do not happen.
    func testCompilingRunsNothing() throws {
        try workspace.addFunction("Loud", """
            print("ran")
            error("the top level ran")
            function handler() return 1 end
            """)
        XCTAssertEqual(try catalog.problems(of: "Loud"), [])
        XCTAssertTrue(logs.lines.isEmpty)
    }

    func testSidecarAndScriptProblemsTogether() throws {
        try workspace.addFunction("Both", "function handler(", configuration: #"{"timeout": "3"}"#)
        let problems = try catalog.problems(of: "Both")
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("functions/Both.json:1:13: error: "), "\(problems)")
        XCTAssertTrue(problems[1].hasPrefix("functions/Both.lua:1:18: error: "), "\(problems)")
    }

    func testAMissingFunctionThrows() {
        XCTAssertThrowsError(try catalog.problems(of: "Nope"))
    }
}
