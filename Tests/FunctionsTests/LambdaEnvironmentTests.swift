import Foundation
import Functions
import JSONValue
import TestSupport
import XCTest

/// Warm and cold environments, the context object, environment variables and the log lines
/// of docs/lambda.md.
final class LambdaEnvironmentTests: FunctionTestCase {
    func testWarmEnvironmentKeepsGlobalsAndItsStreamColdStartReportsInitDuration() throws {
        try workspace.addFunction("Counter", """
            count = 0
            function handler() count = count + 1 return count end
            """)
        let first = try host.invoke("Counter", event: [:])
        let second = try host.invoke("Counter", event: [:])
        XCTAssertEqual(first.outcome, .success(1))
        XCTAssertEqual(second.outcome, .success(2))
        XCTAssertEqual(first.logStream, second.logStream)
        XCTAssertTrue(first.logLines.last!.contains("\tInit Duration: "))
        XCTAssertFalse(second.logLines.last!.contains("Init Duration"))
        // YYYY/MM/DD/[$LATEST]<32 lowercase hex>
        XCTAssertNotNil(first.logStream.range(of: #"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$"#, options: .regularExpression))
    }

    /// START / END / REPORT exactly as docs/lambda.md#start-end-and-report-lines writes them.
    func testStartEndAndReportLines() throws {
        try workspace.addFunction("Hello", "function handler() print('hello') return 'hi' end")
        let invocation = try host.invoke("Hello", event: [:])
        let id = invocation.requestId
        XCTAssertEqual(invocation.logLines.count, 4, "\(invocation.logLines)")
        XCTAssertEqual(invocation.logLines[0], "START RequestId: \(id) Version: $LATEST")
        XCTAssertEqual(invocation.logLines[1], "hello")
        XCTAssertEqual(invocation.logLines[2], "END RequestId: \(id)")
        let report = #"^REPORT RequestId: \#(id)\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t$"#
        XCTAssertNotNil(invocation.logLines[3].range(of: report, options: .regularExpression), invocation.logLines[3])
        XCTAssertEqual(logs.messages(group: "/aws/lambda/Hello"), invocation.logLines)
    }

    func testLogHelperWritesPythonRuntimeLines() throws {
        try workspace.addFunction("Logger", """
            function handler()
              log.info("ready", 42)
              log.warn("careful")
              log.error("bad")
              log.debug("details")
              print("two\\nlines")
            end
            """)
        let invocation = try host.invoke("Logger", event: [:])
        let body = Array(invocation.logLines.dropFirst().dropLast(2))
        let id = invocation.requestId
        let time = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"#
        let expected = [
            #"^\[INFO\]\t\#(time)\t\#(id)\tready\t42$"#,
            #"^\[WARNING\]\t\#(time)\t\#(id)\tcareful$"#,
            #"^\[ERROR\]\t\#(time)\t\#(id)\tbad$"#,
            #"^\[DEBUG\]\t\#(time)\t\#(id)\tdetails$"#,
            "^two$", "^lines$",
        ]
        XCTAssertEqual(body.count, expected.count, "\(body)")
        for (line, pattern) in zip(body, expected) {
            XCTAssertNotNil(line.range(of: pattern, options: .regularExpression), "\(line) !~ \(pattern)")
        }
    }

    func testContextOffersLambdasFields() throws {
        try workspace.addFunction("Ctx", """
            function handler(event, context)
              return {
                id = context.aws_request_id, name = context.function_name, version = context.function_version,
                arn = context.invoked_function_arn, memory = context.memory_limit_in_mb,
                group = context.log_group_name, stream = context.log_stream_name,
                remaining = context.get_remaining_time_in_millis(),
              }
            end
            """, configuration: #"{"timeout": 5, "memorySize": 256}"#)
        let invocation = try host.invoke("Ctx", event: [:])
        guard case .success(let value) = invocation.outcome else { return XCTFail("\(invocation.outcome)") }
        XCTAssertEqual(value["id"], .string(invocation.requestId))
        XCTAssertEqual(value["name"], "Ctx")
        XCTAssertEqual(value["version"], "$LATEST")
        XCTAssertEqual(value["arn"], "arn:aws:lambda:us-east-1:123456789012:function:Ctx")
        XCTAssertEqual(value["memory"], 256)
        XCTAssertEqual(value["group"], "/aws/lambda/Ctx")
        XCTAssertEqual(value["stream"], .string(invocation.logStream))
        let remaining = try XCTUnwrap(value["remaining"]?.intValue)
        XCTAssertTrue((4000...5000).contains(remaining), "\(remaining)")
    }

    func testEnvironmentVariablesAreReadable() throws {
        try workspace.addFunction("Env", "function handler() return {stage = env.STAGE, name = env.AWS_LAMBDA_FUNCTION_NAME, region = env.AWS_REGION} end",
                                  configuration: #"{"environment": {"STAGE": "dev"}}"#)
        XCTAssertEqual(try success("Env"), ["name": "Env", "region": "us-east-1", "stage": "dev"])
    }

    func testEventValuesRoundTrip() throws {
        try workspace.addFunction("Echo", "function handler(event) return event end")
        let event: JSONValue = ["b": 1, "a": [1.5, "x", nil, true, [:], []], "big": .int(9_007_199_254_740_993)]
        // Objects come back with their keys sorted (Lua tables have no order); values exact.
        XCTAssertEqual(try success("Echo", event), ["a": [1.5, "x", nil, true, [:], []], "b": 1, "big": .int(9_007_199_254_740_993)])
    }

    /// What one function does to its interpreter is never seen by another function.
    func testPoisoningLibrariesDoesNotReachAnotherFunction() throws {
        try workspace.addFunction("Poison", """
            function handler()
              string.format = function() return "poisoned" end
              getmetatable("").__index = {upper = function() return "poisoned" end}
              table.concat = nil
              _G.print = nil
              return string.format("%d", 1)
            end
            """)
        try workspace.addFunction("Victim", """
            function handler()
              return {string.format("%d", 7), ("abc"):upper(), table.concat({"a", "b"}, "-"), type(print)}
            end
            """)
        XCTAssertEqual(try success("Poison"), "poisoned")
        XCTAssertEqual(try success("Victim"), ["7", "ABC", "a-b", "function"])
    }

    func testBadSidecarIsReportedWithItsPlace() throws {
        try workspace.addFunction("Odd", "function handler() end", configuration: """
            {
              "timeout": 0,
              "memorysize": 256
            }
            """)
        XCTAssertThrowsError(try FunctionCatalog(directory: workspace.functions).load("Odd")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("functions/Odd.json:2:14: error: 'timeout' must be a whole number from 1 to 900"), text)
            XCTAssertTrue(text.contains("functions/Odd.json:3:3: error: unknown field 'memorysize'"), text)
        }
    }
}
