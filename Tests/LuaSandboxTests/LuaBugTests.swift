import JSONValue
import LuaSandbox
import XCTest

/// The bugs lua.org lists for Lua 5.4.4 that a script can reach, each driven here against the
/// library host runs with (docs/sandbox.md#lua-bugs has the whole list and the verdicts).
final class LuaBugTests: SandboxTestCase {
    /// "Lua can generate wrong code when _ENV is <const>" (CVE-2022-28805, a read past a
    /// buffer in the parser): fixed in the library Debian ships (5.4.4-2). Globals go through
    /// a constant _ENV as through any other (manual §2.2).
    func testConstantEnvironmentIsCompiledRightly() throws {
        XCTAssertEqual(try value(of: "function handler() local _ENV <const> = {y = 5} return y end"), 5)
        let failure = try failure(of: "function handler() local _ENV <const> = 10 return x end")
        XCTAssertTrue(failure.message.contains("attempt to index a number value"), failure.message)
    }

    /// "Lua-stack overflow when C stack overflows while handling an error" (CVE-2022-33099):
    /// fixed in Debian's 5.4.4-3. A message handler that overflows ends as an error value.
    func testAnOverflowingMessageHandlerIsAnError() throws {
        XCTAssertEqual(try value(of: """
            function handler()
              local function loop() assert(pcall(loop)) end
              local ok, message = xpcall(loop, loop)
              return {ok, type(message)}
            end
            """), [false, "string"])
    }

    /// "'utf8.codes' does not raise an error on spurious continuation bytes": the sandbox's
    /// utf8.codes raises, as Lua 5.4.6 does.
    func testSpuriousContinuationBytesAreAnError() throws {
        let failure = try failure(of: #"function handler() for _ in utf8.codes("a\x80") do end end"#)
        XCTAssertTrue(failure.message.contains("invalid UTF-8 code"), failure.message)
        XCTAssertEqual(try value(of: #"function handler() local n = 0 for _, c in utf8.codes("h\u{E9}llo") do n = n + c end return n end"#),
                       .int(104 + 0xE9 + 108 + 108 + 111))
    }

    /// "C-stack overflow with deep nesting of coroutine.close": the sandbox measures the C
    /// stack where coroutines nest, so the nesting ends as "C stack overflow".
    func testDeepCoroutineCloseNestingIsAnError() throws {
        XCTAssertEqual(try value(of: """
            function handler()
              local co = coroutine.create(function() end)
              for i = 1, 20000 do
                local previous = co
                co = coroutine.create(function()
                  local guard <close> = setmetatable({}, {__close = function()
                    local ok, err = coroutine.close(previous)
                    if not ok then error(err, 0) end
                  end})
                  coroutine.yield()
                end)
                coroutine.resume(co)
              end
              local ok, err = coroutine.close(co)
              return {ok, err}
            end
            """), [false, "attack.lua:7: C stack overflow"])
    }
}
