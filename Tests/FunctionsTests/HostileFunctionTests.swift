import Foundation
import Functions
import JSONValue
import XCTest

/// Issue 9 at the Lambda layer: Lambda's payload and log limits, and a host that goes on
/// answering after every attack, each run 20 times in one process.
final class HostileFunctionTests: FunctionTestCase {
    func testAResponseOverSixMegabytesIsFunctionResponseSizeTooLarge() throws {
        try workspace.addFunction("Big", "function handler() return string.rep('x', 7 * 1024 * 1024) end")
        let error = try failure("Big")
        XCTAssertEqual(error.errorType, "Function.ResponseSizeTooLarge")
        // The JSON text of the string: its 7,340,032 bytes and two quotes.
        XCTAssertEqual(error.errorMessage,
                       "Response payload size (7340034 bytes) exceeded maximum allowed payload size (6291556 bytes).")
        // Just under the limit is fine.
        try workspace.addFunction("Fits", "function handler() return string.rep('x', 6291556 - 2) end")
        XCTAssertEqual(try success("Fits"), .string(String(repeating: "x", count: 6_291_554)))
    }

    func testARequestOverSixMegabytesIsRefusedBeforeTheFunctionRuns() throws {
        try workspace.addFunction("Echo", "function handler(e) return 1 end")
        XCTAssertThrowsError(try host.invoke("Echo", event: .string(String(repeating: "x", count: 6_291_456)))) { error in
            XCTAssertEqual((error as? LambdaServiceError)?.name, "Lambda.RequestEntityTooLargeException")
            XCTAssertEqual((error as? LambdaServiceError)?.statusCode, 413)
            XCTAssertEqual((error as? LambdaServiceError)?.message,
                           "Request must be smaller than 6291456 bytes for the InvokeFunction operation")
        }
        XCTAssertTrue(logs.messages(group: "/aws/lambda/Echo").isEmpty)
    }

    func testTenMillionNewlinesStopAtTheDeadlineAndTheLogStaysBounded() throws {
        try workspace.addFunction("Lines", "function handler() print(('\\n'):rep(1e7)) return 'done' end",
                                  configuration: #"{"timeout": 1, "memorySize": 128}"#)
        let invocation = try host.invoke("Lines", event: [:], deadline: .milliseconds(300))
        guard case .failure(let error) = invocation.outcome else { return XCTFail("\(invocation.outcome)") }
        XCTAssertEqual(error.errorType, "Sandbox.Timedout")
        // What the invocation keeps for its caller is the newest megabyte at most.
        XCTAssertLessThanOrEqual(invocation.logLines.reduce(0) { $0 + $1.utf8.count }, (1 << 20) + 4096)
    }

    func testALineLongerThanALogEventIsCut() throws {
        try workspace.addFunction("Long", "function handler() print(('é'):rep(200000)) return 1 end")
        XCTAssertEqual(try success("Long"), 1)
        let long = logs.messages(group: "/aws/lambda/Long").filter { $0.hasPrefix("é") }
        XCTAssertEqual(long.count, 1)
        XCTAssertEqual(long.first?.utf8.count, 262_144)
    }

    /// Every attack of the issue, 20 times over in one process (each timeout or death gives
    /// the next call a new environment, as Lambda does), then a healthy function answers.
    func testTheHostAnswersNormallyAfterEveryAttackTwentyTimes() throws {
        let attacks: [String: String] = [
            "Compare": #"local s = ("\0"):rep(2e7) function handler() while true do local _ = s < s end end"#,
            "Utf8": #"local s = ("a"):rep(5e7) function handler() while true do utf8.len(s) end end"#,
            "Sort": #"local t = {} for i = 1, 2000 do t[i] = ("\0"):rep(1e4) .. (i % 7) end function handler() table.sort(t) end"#,
            "Gotos": #"local src = "do " .. ("goto a "):rep(32000) .. "::a:: end" function handler() while true do load(src) end end"#,
            "Reader": #"local piece = (" "):rep(5e7) function handler() load(function() return piece end) end"#,
            "Concat": #"local t = {} for i = 1, 3e6 do t[i] = "x" end function handler() while true do table.concat(t) end end"#,
            "Date": #"local f = ("%c"):rep(2e6) function handler() while true do os.date(f) end end"#,
            "Encode": #"local s = ("x"):rep(1 << 20) function handler() local t = {} for i = 1, 120 do t[i] = s end return json.encode(t) end"#,
            "Decode": #"function handler() return json.decode("[" .. string.rep("1", 2e7, ",") .. "]") end"#,
            "Result": #"local s = ("x"):rep(6 << 20) function handler() local t = {} for i = 1, 120 do t[i] = s end return t end"#,
            "Print": #"function handler() print(("\n"):rep(1e7)) end"#,
            "Wrapper": #"function handler() local _, w = load(("("):rep(300) .. "1" .. (")"):rep(300)) pcall(function() getmetatable(w).__gc = function() while true do end end end) error("boom") end"#,
            "Closes": #"""
                function handler()
                  local co = coroutine.create(function() end)
                  for i = 1, 20000 do
                    local previous = co
                    co = coroutine.create(function()
                      local guard <close> = setmetatable({}, {__close = function() coroutine.close(previous) end})
                      coroutine.yield()
                    end)
                    coroutine.resume(co)
                  end
                  return {coroutine.close(co)}
                end
                """#,
        ]
        for (name, source) in attacks { try workspace.addFunction(name, source, configuration: #"{"timeout": 2, "memorySize": 128}"#) }
        try workspace.addFunction("Healthy", "function handler(e) return {sum = e.a + e.b} end")
        for (name, _) in attacks.sorted(by: { $0.key < $1.key }) {
            for round in 1...20 {
                let invocation = try host.invoke(name, event: [:], deadline: .milliseconds(150))
                if case .failure(let error) = invocation.outcome {
                    XCTAssertTrue(["Sandbox.Timedout", "Runtime.OutOfMemory", "Error", "Function.ResponseSizeTooLarge"].contains(error.errorType),
                                  "\(name) round \(round): \(error)")
                }
            }
        }
        XCTAssertEqual(try success("Healthy", ["a": 2, "b": 3]), ["sum": 5])
    }
}
