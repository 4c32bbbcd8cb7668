import Foundation
import Functions
import JSONValue
import TestSupport
import XCTest

/// `log.debug/info/warn/error(t)` of a table writes it as JSON, by the host's writer (objects
/// with their keys sorted, arrays as arrays); `print` stays as Lua prints.
final class LogTableTests: FunctionTestCase {
    /// The text after `[LEVEL]\t<time>\t<requestId>\t` of each of the invocation's log.* lines.
    func loggedTexts(_ invocation: Invocation) -> [String] {
        invocation.logLines.compactMap { line in
            guard line.hasPrefix("[") else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, fields[2] == invocation.requestId else { return nil }
            return "\(fields[0]) \(fields[3])"
        }
    }

    func testTablesAreWrittenAsJSON() throws {
        try workspace.addFunction("Tables", """
            function handler()
              log.info({statuscode = "429", retries = {1, 2}, nested = {ok = true, none = json.null}})
              log.debug(json.array({}))
              log.warn({})
              log.error("failed:", {code = 7}, 42)
              return "done"
            end
            """)
        let invocation = try host.invoke("Tables", event: [:])
        XCTAssertEqual(loggedTexts(invocation), [
            #"[INFO] {"nested":{"none":null,"ok":true},"retries":[1,2],"statuscode":"429"}"#,
            "[DEBUG] []",
            "[WARNING] {}",
            "[ERROR] failed:\t{\"code\":7}\t42",
        ])
    }

    /// An exception says how it prints itself; a table that cannot be JSON (a cycle, a
    /// function) is written as Lua writes any table, and the call does not fail.
    func testTablesThatCannotBeJSONAreWrittenAsLuaDoes() throws {
        try workspace.addFunction("Odd", """
            local Throttled = exception("TooManyRequestsException")
            function handler()
              local cycle = {} cycle.self = cycle
              log.error(Throttled("429 Too Many Requests"))
              log.info(cycle)
              log.info({f = print})
              return "done"
            end
            """)
        let invocation = try host.invoke("Odd", event: [:])
        XCTAssertEqual(invocation.outcome, .success("done"))
        let texts = loggedTexts(invocation)
        XCTAssertEqual(texts.count, 3, "\(invocation.logLines)")
        XCTAssertEqual(texts.first, "[ERROR] TooManyRequestsException: 429 Too Many Requests")
        for text in texts.dropFirst() {
            XCTAssertNotNil(text.range(of: #"^\[INFO\] table: 0x[0-9a-f]+$"#, options: .regularExpression), text)
        }
    }

    func testPrintStaysAsLuaPrints() throws {
        try workspace.addFunction("Printer", """
            function handler()
              print({a = 1})
              return "done"
            end
            """)
        let invocation = try host.invoke("Printer", event: [:])
        XCTAssertTrue(invocation.logLines.contains { $0.range(of: #"^table: 0x[0-9a-f]+$"#, options: .regularExpression) != nil },
                      "\(invocation.logLines)")
    }
}
