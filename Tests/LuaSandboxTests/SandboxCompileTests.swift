import JSONValue
import LuaSandbox
import XCTest

/// `compile` checks a script's syntax as a cold start would load it, and runs nothing.
final class SandboxCompileTests: XCTestCase {
    func testAScriptThatParsesRunsNothing() throws {
        let sandbox = try LuaSandbox(memoryLimit: 32 << 20)
        var lines: [String] = []
        XCTAssertNil(sandbox.compile("print('ran') marker = 1", chunkName: "@check.lua", timeout: .seconds(1)))
        // The chunk was not run: the global it would set is not there.
        _ = sandbox.run("print(tostring(marker))", chunkName: "=probe", timeout: .seconds(1)) { _, text in lines.append(text) }
        XCTAssertEqual(lines, ["nil"])
    }

    /// The parser's own message, with the chunk's name and the line.
    func testASyntaxErrorIsTheParsersMessage() throws {
        let sandbox = try LuaSandbox(memoryLimit: 32 << 20)
        let failure = try XCTUnwrap(sandbox.compile("local x = 1\nlocal y = = 2\n", chunkName: "@check.lua", timeout: .seconds(1)))
        XCTAssertEqual(failure.kind, .syntax)
        XCTAssertEqual(failure.message, "check.lua:2: unexpected symbol near '='")
    }

    /// Only text compiles: a precompiled chunk is refused, as `load` refuses it.
    func testBytecodeIsRefused() throws {
        let sandbox = try LuaSandbox(memoryLimit: 32 << 20)
        let failure = try XCTUnwrap(sandbox.compile("\u{1B}Lua\u{54}\u{00}", chunkName: "@check.lua", timeout: .seconds(1)))
        XCTAssertEqual(failure.kind, .syntax)
        XCTAssertTrue(failure.message.contains("attempt to load a binary chunk"), failure.message)
    }
}
