import JSONValue
import LuaSandbox
import XCTest

/// One test an attack (the issue's list): each ends as a named failure, and the host goes on.
final class SandboxAttackTests: SandboxTestCase {
    func testNoIoOsExecuteRequireOrDofile() throws {
        for expression in ["io.open('/etc/passwd')", "os.execute('true')", "require('os')", "dofile('/etc/passwd')",
                           "loadfile('/etc/passwd')", "os.getenv('HOME')", "os.exit(1)", "os.remove('x')", "package.loadlib('x', 'y')"] {
            let failure = try failure(of: "function handler() return \(expression) end")
            XCTAssertEqual(failure.kind, .runtime, expression)
            XCTAssertTrue(failure.message.contains("attempt to call a nil value") || failure.message.contains("attempt to index a nil value"),
                          "\(expression): \(failure.message)")
        }
    }

    func testOnlyTheAllowedOsFunctionsRemain() throws {
        let names = try value(of: "function handler() local n = {} for k in pairs(os) do n[#n + 1] = k end table.sort(n) return n end")
        XCTAssertEqual(names, ["clock", "date", "difftime", "time"])
    }

    func testBytecodeIsNeverLoaded() throws {
        // A binary chunk starts with ESC "Lua"; load is forced to text mode whatever it is asked.
        for call in [#"load("\27LuaT\0\25\147\r\n\26\n")"#, #"load("\27Lua", "x", "b")"#, #"load("\27Lua", "x", "bt", {})"#,
                     #"load((function() local s = "\27Lua"; return function() local r = s; s = nil; return r end end)())"#] {
            let failure = try failure(of: "function handler() local f, err = \(call) if not f then error(err, 0) end return 'loaded' end")
            XCTAssertEqual(failure.message, "attempt to load a binary chunk (mode is 't')", call)
        }
        // Text chunks still load, with the environment they are given.
        XCTAssertEqual(try value(of: "function handler() return load('return x', 'c', 't', {x = 5})() end"), 5)
    }

    func testNoStringDump() throws {
        let failure = try failure(of: "function handler() return string.dump(handler) end")
        XCTAssertTrue(failure.message.contains("attempt to call a nil value (field 'dump')"), failure.message)
    }

    func testNoDebugLibrary() throws {
        let failure = try failure(of: "function handler() return debug.getregistry() end")
        XCTAssertTrue(failure.message.contains("attempt to index a nil value (global 'debug')"), failure.message)
    }

    func testCollectgarbageOffersCountOnly() throws {
        XCTAssertEqual(try value(of: "function handler() return type(collectgarbage('count')) end"), "number")
        for option in ["collect", "stop", "step", "incremental", "generational"] {
            let failure = try failure(of: "function handler() return collectgarbage('\(option)') end")
            XCTAssertTrue(failure.message.contains("is not available in the sandbox"), option)
        }
    }

    func testPoisonedStringMetatableStaysInItsOwnInterpreter() throws {
        let poisoned = try load("""
            function handler()
              getmetatable("").__index = function() return function() return "poisoned" end end
              string.format = function() return "poisoned" end
              return ("x"):upper()
            end
            """)
        XCTAssertEqual(try call(poisoned).result.get(), "poisoned")
        let other = try load("function handler() return {('x'):upper(), string.format('%02d', 3)} end")
        XCTAssertEqual(try call(other).result.get(), ["X", "03"])
        // Module-level state persists in the poisoned interpreter, as in Lambda.
        XCTAssertEqual(try call(poisoned).result.get(), "poisoned")
    }

    func testInfiniteLoopInsidePcallTimesOut() throws {
        let failure = try failure(of: """
            function handler()
              while true do pcall(function() while true do end end) end
            end
            """)
        XCTAssertEqual(failure.kind, .timeout)
    }

    func testInfiniteLoopInsideXpcallHandlerAndErrorObjectsTimesOut() throws {
        let failure = try failure(of: """
            function handler()
              while true do
                xpcall(function() error(setmetatable({}, {__tostring = function() while true do end end})) end,
                       function(e) while true do end end)
              end
            end
            """)
        XCTAssertEqual(failure.kind, .timeout)
    }

    func testInfiniteLoopInsideCoroutinesTimesOut() throws {
        let failure = try failure(of: """
            function handler()
              local co = coroutine.wrap(function()
                while true do pcall(coroutine.yield) end
              end)
              local inner = coroutine.create(function() while true do end end)
              while true do co(); pcall(coroutine.resume, inner) end
            end
            """)
        XCTAssertEqual(failure.kind, .timeout)
    }

    func testCoroutineMadeInAnEarlierCallStillHasTheDeadline() throws {
        let sandbox = try load("""
            local loop = coroutine.create(function() coroutine.yield() while true do end end)
            coroutine.resume(loop)
            function handler() return coroutine.resume(loop) end
            """)
        guard case .failure(let failure) = call(sandbox).result else { return XCTFail("expected a timeout") }
        XCTAssertEqual(failure.kind, .timeout)
    }

    /// docs/sandbox.md#patterns-run-in-c: this runs for tens of seconds inside C unless the pattern matcher
    /// has a budget of its own. It must end at the deadline.
    func testPatternBombEndsAtTheDeadline() throws {
        for call in [#"string.find(("a"):rep(30), ("a*"):rep(10) .. "b")"#,
                     #"string.match(("a"):rep(30), ("a*"):rep(10) .. "b")"#,
                     #"string.gsub(("a"):rep(30), ("a*"):rep(10) .. "b", "")"#,
                     #"string.gmatch(("a"):rep(30), ("a*"):rep(10) .. "b")()"#,
                     #"(("a"):rep(30)):find(("a*"):rep(10) .. "b")"#] {
            let sandbox = try load("function handler() return \(call) end")
            let clock = ContinuousClock()
            let start = clock.now
            let run = self.call(sandbox)
            let elapsed = clock.now - start
            guard case .failure(let failure) = run.result else { XCTFail("\(call) finished"); continue }
            XCTAssertEqual(failure.kind, .timeout, call)
            // A correctness bound, not a benchmark: without a budget this takes tens of seconds.
            XCTAssertLessThan(elapsed, .seconds(5), call)
        }
    }

    func testStringRepBombRunsOutOfMemory() throws {
        let failure = try failure(of: "function handler() local s = ('x'):rep(1 << 20) while true do s = s .. s end end")
        XCTAssertEqual(failure.kind, .outOfMemory)
        let huge = try self.failure(of: "function handler() return ('x'):rep(1 << 40) end")
        XCTAssertTrue(huge.kind == .outOfMemory || huge.message.contains("resulting string too large"), "\(huge)")
    }

    func testTableGrowthBombRunsOutOfMemoryAndTheInterpreterIsSpent() throws {
        let sandbox = try load("function handler() local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end end")
        // Memory, not time, must be what stops it: a deadline far past the time the cap takes
        // to reach, even on a loaded machine.
        guard case .failure(let failure) = call(sandbox, timeout: .seconds(30)).result else { return XCTFail("expected out of memory") }
        XCTAssertEqual(failure.kind, .outOfMemory)
        XCTAssertTrue(sandbox.isSpent)
    }

    func testDeepRecursionIsANamedFailure() throws {
        // With Lambda's default 128 MB the Lua stack limit comes first (with less, memory does).
        let sandbox = try load("local function f(n) return 1 + f(n + 1) end function handler() return f(1) end", memoryLimit: 128 << 20)
        guard case .failure(let failure) = call(sandbox, timeout: .seconds(10)).result else { return XCTFail("expected a failure") }
        XCTAssertEqual(failure.kind, .runtime)
        XCTAssertTrue(failure.message.contains("stack overflow"), failure.message)
        let cStack = try self.failure(of: "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) function handler() return t.x end")
        XCTAssertTrue(cStack.message.contains("stack overflow"), cStack.message)
    }

    func testErrorObjectWhoseTostringErrors() throws {
        let failure = try failure(of: "function handler() error(setmetatable({}, {__tostring = function() error('nope') end})) end")
        XCTAssertEqual(failure.kind, .runtime)
        XCTAssertEqual(failure.message, "(error object is a table value)")
    }

    func testErroringGcBecomesAWarningAndTheHostGoesOn() throws {
        let sandbox = try load("""
            function handler()
              for i = 1, 10 do setmetatable({}, {__gc = function() error("gc failed " .. i) end}) end
              return "made"
            end
            """)
        XCTAssertEqual(try call(sandbox).result.get(), "made")
        // The finalizers run when the collector gets to them: during a later call, or at close.
        XCTAssertEqual(try call(sandbox).result.get(), "made")
        sandbox.close { kind, text in self.lines.append((kind, text)) }
        let warnings = lines.filter { $0.0 == .warning && $0.1.contains("error in __gc") && $0.1.contains("gc failed") }
        XCTAssertEqual(warnings.count, 20, "\(lines)")
    }

    func testFinalizerThatNeverReturnsCannotHangTheHost() throws {
        let sandbox = try load("function handler() setmetatable({}, {__gc = function() while true do end end}) return 1 end")
        XCTAssertEqual(try call(sandbox).result.get(), 1)
        let clock = ContinuousClock()
        let start = clock.now
        sandbox.close()
        XCTAssertLessThan(clock.now - start, .seconds(5))
    }

    func testReplacedGlobalsTableCannotHideTheHandler() throws {
        let failure = try failure(of: "function handler() end setmetatable(_G, {__index = function() while true do end end}) handler = nil")
        XCTAssertEqual(failure.kind, .timeout)
    }

    func testWarningsGoToTheLog() throws {
        XCTAssertEqual(try value(of: "function handler() warn('@off') warn('low ', 'disk') return 1 end"), 1)
        XCTAssertTrue(lines.contains { $0.0 == .warning && $0.1 == "low disk" }, "\(lines)")
    }

    func testJsonNullAndArrays() throws {
        XCTAssertEqual(try value(of: "function handler(e) return {e.x == json.null, #e.list, json.array(), {}, json.null} end",
                                 ["x": nil, "list": [1, 2, 3]]),
                       [true, 3, [], [:], nil])
    }
}

/// Lua runs finalizers with hooks off; the sandbox runs them where its deadline applies.
final class FinalizerAttackTests: SandboxTestCase {
    func testFinalizerLoopingDuringACallTimesOut() throws {
        let failure = try failure(of: """
            function handler()
              setmetatable({}, {__gc = function() while true do end end})
              local keep = {}
              for i = 1, 1e7 do keep[i % 1000] = {i} end
              return "survived"
            end
            """)
        XCTAssertEqual(failure.kind, .timeout)
    }

    func testFinalizerSwappedInAfterSetmetatableIsStillBudgeted() throws {
        let sandbox = try load("""
            function handler()
              local mt = {__gc = function() end}
              setmetatable({}, mt)
              mt.__gc = function() while true do end end
              return getmetatable(setmetatable({}, mt)).__gc == mt.__gc
            end
            """)
        XCTAssertEqual(try call(sandbox).result.get(), true)
        let clock = ContinuousClock()
        let start = clock.now
        sandbox.close()
        XCTAssertLessThan(clock.now - start, .seconds(5))
    }

    func testFinalizersStillRunWithTheirObject() throws {
        XCTAssertEqual(try value(of: """
            function handler()
              local seen = {}
              do local t = setmetatable({name = "x"}, {__gc = function(o) seen[#seen + 1] = o.name end}) end
              local churn = {}
              for i = 1, 2e5 do churn[i % 100] = {i} end
              return seen
            end
            """), ["x"])
    }
}

/// Attacks found in review: each ends as a named failure, and the host goes on.
final class ReviewAttackTests: SandboxTestCase {
    /// "é" precomposed and decomposed are one key to Swift and two to Lua.
    func testKeysThatAreOneTextInUnicodeAreAMarshalErrorNotACrash() throws {
        let failure = try failure(of: #"function handler() return {["\u{E9}"] = 1, ["e\u{301}"] = 2} end"#)
        XCTAssertEqual(failure.kind, .marshal)
        XCTAssertTrue(failure.message.contains("two keys of one table are the same text"), failure.message)
    }

    func testKeysThatAreNotUTF8AreAMarshalError() throws {
        let failure = try failure(of: #"function handler() return {["\xff"] = 1} end"#)
        XCTAssertEqual(failure.kind, .marshal)
        XCTAssertTrue(failure.message.contains("not valid UTF-8"), failure.message)
    }

    /// A DAG of shared subtables is small in memory and astronomically large written out. Which
    /// limit stops the writing depends on the machine's speed: the result's size, the deadline,
    /// or the memory cap, which the tape it is written to counts against (docs/sandbox.md).
    func testSharedSubtablesCannotBlowUpTheResult() throws {
        let failure = try failure(of: #"function handler() local t = {"x"} for i = 1, 40 do t = {t, t} end return t end"#)
        XCTAssertTrue([.marshal, .timeout, .outOfMemory].contains(failure.kind), "\(failure)")
    }

    func testCloseHandlersOfACoroutineCannotOutrunTheDeadline() throws {
        for closing in ["coroutine.wrap(body)()", "local co = coroutine.create(body) coroutine.resume(co) coroutine.close(co)"] {
            let sandbox = try load("""
                local function body()
                  local guard <close> = setmetatable({}, {__close = function() while true do end end})
                  while true do end
                end
                function handler() \(closing) end
                """)
            let clock = ContinuousClock()
            let start = clock.now
            guard case .failure(let failure) = call(sandbox).result else { XCTFail(closing); continue }
            XCTAssertEqual(failure.kind, .timeout, closing)
            XCTAssertLessThan(clock.now - start, .seconds(5), closing)
        }
    }

    func testTheJSONArrayMetatableIsLocked() throws {
        XCTAssertEqual(try value(of: "function handler() return {pcall(setmetatable, json.array(), {}), getmetatable(json.array())} end"),
                       [false, false])
    }

    func testLibraryLoopsInCStopAtTheDeadline() throws {
        for call in ["table.move({}, 1, 1e10, 2)",
                     "table.insert(setmetatable({}, {__len = function() return 1e10 end}), 1, 'x')",
                     "table.remove(setmetatable({}, {__len = function() return 1e10 end}), 1)"] {
            let failure = try failure(of: "function handler() \(call) end")
            XCTAssertEqual(failure.kind, .timeout, call)
        }
        XCTAssertEqual(try value(of: "function handler() return {#string.rep('', 4e9), string.rep('ab', 3, ',')} end"), [0, "ab,ab,ab"])
    }

    /// A finalizer that makes a host call while another call's reply is being read: the
    /// finalizers' replies are small (what matters is that they reuse the host's reply
    /// buffer), so the test is about the reply, not about time or memory.
    func testHostCallFromAFinalizerDuringAnotherCallsReply() throws {
        let sandbox = try load(#"""
            function handler()
              for i = 1, 50 do setmetatable({}, {__gc = function() __host_call("json:decode", "[9,9,9]") end}) end
              local ok, value = __host_call("json:decode", "[" .. string.rep("2,", 100000) .. "2]")
              return {ok, #value, value[1], value[#value]}
            end
            """#)
        XCTAssertEqual(try call(sandbox, timeout: .seconds(30)).result.get(), [true, 100_001, 2, 2])
    }
}
