import Foundation
import Functions
import JSONValue
import LuaSandbox
import Synchronization
import TestSupport
import XCTest

/// Each way a function fails reaches the caller with Lambda's own name (docs/lambda.md#error-names).
final class FailureNameTests: FunctionTestCase {
    func testTimeoutIsSandboxTimedoutAfterTheConfiguredSecondsAndTheProcessServesAgain() throws {
        try workspace.addFunction("Loop", """
            local calls = 0
            function handler(event)
              calls = calls + 1
              if event.loop then while true do end end
              return calls
            end
            """, configuration: #"{"timeout": 1}"#)
        let invocation = try host.invoke("Loop", event: ["loop": true])
        guard case .failure(let error) = invocation.outcome else { return XCTFail("expected a timeout") }
        XCTAssertEqual(error.errorType, "Sandbox.Timedout")
        // "RequestId: <id> Error: Task timed out after 3.00 seconds" with the actual duration.
        let pattern = #"^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.[0-9]{2} seconds$"#
        XCTAssertNotNil(error.errorMessage.range(of: pattern, options: .regularExpression), error.errorMessage)
        XCTAssertTrue(error.errorMessage.hasPrefix("RequestId: \(invocation.requestId) "))
        let report = try XCTUnwrap(invocation.logLines.last)
        XCTAssertTrue(report.hasPrefix("REPORT RequestId: \(invocation.requestId)\t"))
        XCTAssertTrue(report.hasSuffix("Status: timeout"), report)
        XCTAssertTrue(invocation.logLines.contains { $0.hasSuffix("\(invocation.requestId) Task timed out after \(error.errorMessage.suffix(12))") })
        // The environment was discarded: the next call is a cold start, and it works.
        XCTAssertEqual(try success("Loop", [:]), 1)
        XCTAssertTrue(logs.lines.last!.message.contains("Init Duration: "))
    }

    func testMemoryBombIsOutOfMemoryAndTheNextInvocationWorks() throws {
        try workspace.addFunction("Bomb", """
            function handler(event)
              if event.bomb then
                local t = {}
                for i = 1, math.huge do t[i] = ("x"):rep(1024) .. i end
              end
              return "fine"
            end
            """, configuration: #"{"timeout": 60}"#)  // memory, not time, must stop it, however loaded the machine
        let invocation = try host.invoke("Bomb", event: ["bomb": true])
        guard case .failure(let error) = invocation.outcome else { return XCTFail("expected out of memory") }
        XCTAssertEqual(error.errorType, "Runtime.OutOfMemory")
        XCTAssertEqual(error.errorMessage, "RequestId: \(invocation.requestId) Error: Runtime exited with error: signal: killed")
        XCTAssertTrue(invocation.logLines.last!.hasSuffix("Status: error\tError Type: Runtime.OutOfMemory"), invocation.logLines.last!)
        XCTAssertEqual(try success("Bomb", [:]), "fine")
    }

    func testMemoryBombCaughtWithPcallStillEndsAsOutOfMemory() throws {
        try workspace.addFunction("Sneaky", """
            function handler()
              for attempt = 1, 1000 do
                pcall(function() local s = ("x"):rep(1 << 20) local t = {} for i = 1, 1e9 do t[i] = s .. i end end)
              end
              return "escaped"
            end
            """)
        XCTAssertEqual(try failure("Sneaky").errorType, "Runtime.OutOfMemory")
    }

    /// Seed 004's script has its `else` missing: the raise follows the return. In Lua that
    /// does not parse ("return" must end its block), and the error names the line.
    func testSeed004BrokenScriptIsUserCodeSyntaxErrorNamingTheLine() throws {
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
        let error = try failure("MockAPIFunction", ["statuscode": "200"])
        XCTAssertEqual(error.errorType, "Runtime.UserCodeSyntaxError")
        XCTAssertTrue(error.errorMessage.hasPrefix("Syntax error in module 'MockAPIFunction': MockAPIFunction.lua:6:"), error.errorMessage)
        let lines = logs.messages(group: "/aws/lambda/MockAPIFunction")
        XCTAssertTrue(lines.contains { $0.hasPrefix("[ERROR] Runtime.UserCodeSyntaxError: Syntax error in module") })
        XCTAssertTrue(lines.last!.hasSuffix("Status: error\tError Type: Runtime.UserCodeSyntaxError"))
    }

    func testMissingHandlerIsHandlerNotFound() throws {
        try workspace.addFunction("NoHandler", "function lambda_handler() end")
        let error = try failure("NoHandler")
        XCTAssertEqual(error.errorType, "Runtime.HandlerNotFound")
        XCTAssertEqual(error.errorMessage, "Handler 'handler' missing on module 'NoHandler'")
    }

    func testResultsThatCannotBecomeJSONAreMarshalErrors() throws {
        try workspace.addFunction("Bad", """
            function handler(event)
              local cyclic = {} cyclic.self = cyclic
              local results = {
                cycle = cyclic, fn = function() end, nan = {x = 0/0}, inf = {x = math.huge},
                mixed = {1, 2, a = 3}, hole = {1, nil, 3}, co = coroutine.create(print),
              }
              return results[event.kind]
            end
            """)
        let reasons = [
            "cycle": "Circular reference detected",
            "fn": "Object of type function is not JSON serializable",
            "nan": "Out of range float values are not JSON compliant",
            "inf": "Out of range float values are not JSON compliant",
            "mixed": "table mixes string keys and array indices",
            "hole": "array has a hole",
            "co": "Object of type thread is not JSON serializable",
        ]
        for (kind, reason) in reasons {
            let error = try failure("Bad", ["kind": .string(kind)])
            XCTAssertEqual(error.errorType, "Runtime.MarshalError", kind)
            XCTAssertTrue(error.errorMessage.hasPrefix("Unable to marshal response: \(reason)"), "\(kind): \(error.errorMessage)")
        }
    }

    func testNamedErrorsThroughTheAuthoringAPIAndPlainTables() throws {
        try workspace.addFunction("Raise", """
            local Throttled = exception("Throttled")
            function handler(event)
              if event.how == "constructor" then error(Throttled("slow down")) end
              if event.how == "table" then error({errorType = "Custom.Error", errorMessage = "by table"}) end
              if event.how == "plain" then error("just text") end
              if event.how == "level0" then error("no position", 0) end
              if event.how == "runtime" then local x = nil; return x.field end
            end
            """)
        var e = try failure("Raise", ["how": "constructor"])
        XCTAssertEqual([e.errorType, e.errorMessage], ["Throttled", "slow down"])
        e = try failure("Raise", ["how": "table"])
        XCTAssertEqual([e.errorType, e.errorMessage], ["Custom.Error", "by table"])
        // A plain error gets the one documented type, "Error", and Lua's message.
        e = try failure("Raise", ["how": "plain"])
        XCTAssertEqual([e.errorType, e.errorMessage], ["Error", "Raise.lua:5: just text"])
        e = try failure("Raise", ["how": "level0"])
        XCTAssertEqual([e.errorType, e.errorMessage], ["Error", "no position"])
        e = try failure("Raise", ["how": "runtime"])
        XCTAssertEqual(e.errorType, "Error")
        XCTAssertTrue(e.errorMessage.contains("attempt to index a nil value"), e.errorMessage)
    }

    func testMissingFunctionIsResourceNotFound() {
        XCTAssertThrowsError(try host.invoke("Nope", event: [:])) { error in
            XCTAssertEqual(error as? LambdaServiceError, LambdaServiceError(
                name: "Lambda.ResourceNotFoundException",
                message: "Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope:$LATEST"))
        }
    }

    func testReservedConcurrencyZeroThrottlesEveryCall() throws {
        try workspace.addFunction("Off", "function handler() return 1 end", configuration: #"{"reservedConcurrency": 0}"#)
        XCTAssertThrowsError(try host.invoke("Off", event: [:])) { error in
            XCTAssertEqual((error as? LambdaServiceError)?.name, "Lambda.TooManyRequestsException")
        }
    }

    /// While the one environment a reservation of 1 allows is busy, a second call is
    /// throttled. The first call holds its environment inside a host call (SNS Publish, which
    /// the gate answers) until the test has made the second one: no timing decides it.
    func testCallsPastReservedConcurrencyAreThrottledWhileOneRuns() throws {
        try workspace.addFunction("Slow", """
            function handler(event, context)
              aws.client("sns").publish({TopicArn = "arn:aws:sns:us-east-1:123456789012:gate", Message = "hold"})
              return "done"
            end
            """, configuration: #"""
            {"reservedConcurrency": 1, "timeout": 60,
             "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}}
            """#)
        let gate = Gate()
        let host = FunctionHost(catalog: FunctionCatalog(directory: workspace.functions), logs: logs, services: gate, now: { Date() })
        defer { host.shutdown() }
        let first = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Thread.detachNewThread {
            result.value = try? host.invoke("Slow", event: [:])
            first.signal()
        }
        guard gate.entered.wait(timeout: .now() + 60) == .success else {
            gate.release.signal()
            return XCTFail("the first call never reached its host call")
        }
        XCTAssertThrowsError(try host.invoke("Slow", event: [:])) { error in
            XCTAssertEqual(error as? LambdaServiceError, LambdaServiceError(name: "Lambda.TooManyRequestsException", message: "Rate Exceeded."))
        }
        gate.release.signal()
        first.wait()
        XCTAssertEqual(result.value?.outcome, .success("done"))
        // Its environment is free again: the next call runs.
        XCTAssertNoThrow(try host.invoke("Slow", event: [:]))
    }
}

/// Host services that hold the first call until the test releases it, and answer the others
/// at once.
private final class Gate: HostServices {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    private let held = Mutex(false)

    func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
        let first = held.withLock { held in defer { held = true }; return !held }
        if first {
            entered.signal()
            release.wait()
        }
        return .success(["MessageId": "gate"])
    }
}

private final class ResultBox: @unchecked Sendable {
    var value: Invocation?
}
