@testable import Console
import Foundation
import HTTPTypes
import TestSupport
import Workspace
import XCTest

/// `/functions` and `/functions/NAME` (docs/console.md): the script, the settings, the recent
/// invocations from the REPORT lines, and the Test form, which invokes as `aws lambda invoke`
/// does.
final class ConsoleFunctionPagesTests: ConsoleTestCase {
    static let hostile = "<img src=x onerror=alert(1)>"
    static let escaped = "&lt;img src=x onerror=alert(1)&gt;"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try folder.addFunction("Echo", "function handler(event, context)\n  print(\"\(Self.hostile)\")\n  return event\nend\n",
                               configuration: #"{"timeout": 5, "memorySize": 256, "environment": {"STAGE": "dev"}}"#)
        try folder.copy(fromRepository: "functions/Test.lua")
    }

    func testTheTestFormInvokesAndShowsThePayloadAndTheLogLinesAsText() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/functions/Echo")
        let answer = try await send(console, .post, "/functions/Echo/invoke", cookie: cookie,
                                    form: [("csrf", csrf), ("event", #"{"note": "</pre><script>alert(2)</script>"}"#)])
        XCTAssertEqual(answer.status, .ok, answer.body)
        XCTAssertTrue(answer.body.contains(#"<span class="badge st-SUCCEEDED" id="result-status">succeeded</span>"#), answer.body)
        // The function printed markup: its log line is text.
        XCTAssertTrue(answer.body.contains(Self.escaped), answer.body)
        XCTAssertFalse(answer.body.contains(Self.hostile))
        XCTAssertFalse(answer.body.contains("<script>alert(2)"))
        XCTAssertTrue(answer.body.contains("&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), "the payload, escaped")
        // The log output runs from START to REPORT (docs/lambda.md), and the REPORT line gives the summary.
        let log = try XCTUnwrap(section(of: answer.body, from: #"<pre id="result-log" class="message">"#, to: "</pre>"))
        XCTAssertTrue(log.hasPrefix("START RequestId: "), log)
        XCTAssertTrue(log.contains("\nREPORT RequestId: "), log)
        XCTAssertTrue(answer.body.contains("<dt>Resources configured</dt><dd>256 MB</dd>"), "the sidecar's memorySize")

        // The invocation is the newest of the recent ones, read back from the log group.
        let requestId = try XCTUnwrap(section(of: answer.body, from: #"<code id="result-request-id">"#, to: "</code>"))
        XCTAssertFalse(requestId.isEmpty)
        let page = try await send(console, .get, "/functions/Echo", cookie: cookie)
        let invocations = try XCTUnwrap(section(of: page.body, from: #"<table class="invocations">"#, to: "</table>"))
        XCTAssertTrue(invocations.contains("<code>\(requestId)</code>"), invocations)
        XCTAssertTrue(invocations.contains("<td>256 MB</td>"))
        XCTAssertTrue(invocations.contains(">Succeeded</span>"))
        XCTAssertTrue(page.body.contains(#"href="/logs/%2Faws%2Flambda%2FEcho""#), "a link to its log group")
    }

    func testTheSettingsAreGetFunctionConfigurationsAndTheScriptHasLineNumbers() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let page = try await send(console, .get, "/functions/Echo")
        XCTAssertEqual(page.status, .ok)
        for (key, value) in [("FunctionName", "Echo"), ("Runtime", "lua5.4"), ("Handler", "handler"), ("Timeout", "5"), ("MemorySize", "256"),
                             ("FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:Echo")] {
            XCTAssertTrue(page.body.contains("<dt>\(key)</dt><dd>\(value)</dd>"), "\(key) \(page.body)")
        }
        XCTAssertTrue(page.body.contains("<dt>ReservedConcurrentExecutions</dt><dd>Unreserved</dd>"))
        XCTAssertTrue(page.body.contains("<tr><td>STAGE</td><td>dev</td></tr>"))
        XCTAssertTrue(page.body.contains("No policy: the function may call no host API."))
        XCTAssertTrue(page.body.contains("<li><code>function handler(event, context)</code></li>"))
        XCTAssertTrue(page.body.contains("No invocations in"), "nothing ran yet")

        let list = try await send(console, .get, "/functions")
        XCTAssertTrue(list.body.contains(#"<a href="/functions/Echo">Echo</a>"#), list.body)
        XCTAssertTrue(list.body.contains(#"<a href="/functions/Test">Test</a>"#))
    }

    /// Seed 001's Test function with `{"fail": true}`: Lambda answers 200 with the error payload
    /// and `FunctionError: Unhandled` (docs/lambda.md).
    func testAFunctionThatFailsShowsItsFunctionErrorAndAFailedInvocation() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/functions/Test")
        let answer = try await send(console, .post, "/functions/Test/invoke", cookie: cookie, form: [("csrf", csrf), ("event", #"{"fail": true}"#)])
        XCTAssertEqual(answer.status, .ok)
        XCTAssertTrue(answer.body.contains(#"id="result-status">failed</span>"#), answer.body)
        XCTAssertTrue(answer.body.contains(#"<dd id="result-function-error">Unhandled</dd>"#))
        let payload = try XCTUnwrap(section(of: answer.body, from: #"<pre id="result-payload">"#, to: "</pre>"))
        XCTAssertTrue(payload.contains("&quot;errorType&quot;: &quot;TestError&quot;"), payload)
        XCTAssertTrue(payload.contains("the event asked for a failure"))
        let page = try await send(console, .get, "/functions/Test", cookie: cookie)
        let invocations = try XCTUnwrap(section(of: page.body, from: #"<table class="invocations">"#, to: "</table>"))
        XCTAssertTrue(invocations.contains(">Failed</span>"), invocations)
    }

    func testEventJSONThatDoesNotParseIsShownWhereItIsAndNothingRuns() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/functions/Echo")
        let answer = try await send(console, .post, "/functions/Echo/invoke", cookie: cookie, form: [("csrf", csrf), ("event", #"{"a": tru}"#)])
        XCTAssertEqual(answer.status, .badRequest)
        XCTAssertTrue(answer.body.contains(#"<p id="event-error" class="error" role="alert">Not valid JSON: "#), answer.body)
        XCTAssertTrue(answer.body.contains("at line 1, column"))
        XCTAssertTrue(answer.body.contains("{&quot;a&quot;: tru}"), "the event typed is kept")
        XCTAssertFalse(answer.body.contains("id=\"test-result\""))
        XCTAssertTrue(try invocationLines("Echo").isEmpty, "nothing was invoked")
    }

    func testTheTestFormNeedsTheSessionsCSRFToken() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/functions/Echo")
        for (sentCookie, form) in [(nil, [("csrf", csrf), ("event", "{}")]), (cookie, [("event", "{}")]),
                                   (Optional(cookie), [("csrf", String(csrf.reversed())), ("event", "{}")])] {
            let answer = try await send(console, .post, "/functions/Echo/invoke", cookie: sentCookie, form: form)
            XCTAssertEqual(answer.status, .forbidden)
        }
        XCTAssertTrue(try invocationLines("Echo").isEmpty, "nothing was invoked")
    }

    func testAFunctionNamedWithMarkupIsTextAndAnUnknownOneIsNotFound() async throws {
        try "function handler() end".write(to: folder.functions.appendingPathComponent("\(Self.hostile).lua"), atomically: true, encoding: .utf8)
        let console = Console(workspace: workspace, credentials: nil)
        let list = try await send(console, .get, "/functions")
        XCTAssertEqual(list.status, .ok)
        XCTAssertTrue(list.body.contains(">\(Self.escaped)</a>"), list.body)
        XCTAssertFalse(list.body.contains(Self.hostile))
        let page = try await send(console, .get, "/functions/" + pathSegment(Self.hostile))
        XCTAssertEqual(page.status, .notFound)
        XCTAssertTrue(page.body.contains("No function is named \(Self.escaped): functions/\(Self.escaped).lua does not exist."), page.body)
        XCTAssertFalse(page.body.contains(Self.hostile))
        let missing = try await send(console, .get, "/functions/Nope")
        XCTAssertEqual(missing.status, .notFound)
        XCTAssertTrue(missing.body.contains("No function is named Nope: functions/Nope.lua does not exist."))
    }

    /// A sidecar that cannot be used: the script is still shown, with the file:line:column of
    /// the problem, and no settings are made up.
    func testASidecarThatCannotBeUsedIsShownWithWhereItIsWrong() async throws {
        try folder.addFunction("Bad", "function handler() return 1 end\n", configuration: "{\n  \"timeout\": 3,\n  \"memory\": 256\n}\n")
        let console = Console(workspace: workspace, credentials: nil)
        let page = try await send(console, .get, "/functions/Bad")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("functions/Bad.json:3:3: error: unknown field &#39;memory&#39;"), page.body)
        XCTAssertTrue(page.body.contains("<li><code>function handler() return 1 end</code></li>"))
        XCTAssertFalse(page.body.contains("<dt>MemorySize</dt>"))
        let list = try await send(console, .get, "/functions")
        XCTAssertTrue(list.body.contains("functions/Bad.json:3:3: error: unknown field"), list.body)
    }

    /// REPORT lines as docs/lambda.md writes them, with and without the failure status.
    func testAReportLineIsReadFieldByField() throws {
        let plain = try XCTUnwrap(InvocationReport(line: "REPORT RequestId: r-1\tDuration: 2.31 ms\tBilled Duration: 3 ms\tMemory Size: 256 MB\tMax Memory Used: 41 MB\t"))
        XCTAssertEqual([plain.requestId, plain.duration, plain.billedDuration, plain.memorySize, plain.maxMemoryUsed],
                       ["r-1", "2.31 ms", "3 ms", "256 MB", "41 MB"])
        XCTAssertNil(plain.status)
        XCTAssertNil(plain.initDuration)
        let cold = try XCTUnwrap(InvocationReport(line: "REPORT RequestId: r-2\tDuration: 15.74 ms\tBilled Duration: 147 ms\tMemory Size: 128 MB\t"
            + "Max Memory Used: 128 MB\tInit Duration: 130.49 ms\tStatus: error\tError Type: Runtime.OutOfMemory"))
        XCTAssertEqual(cold.initDuration, "130.49 ms")
        XCTAssertEqual(cold.status, "error (Runtime.OutOfMemory)")
        XCTAssertNil(InvocationReport(line: "END RequestId: r-1"))
    }

    /// The lines of a function's log group ([] when it has none).
    private func invocationLines(_ function: String) throws -> [LogEvent] {
        _ = try? workspace.logs.logGroups()
        return (try? workspace.logs.events(group: "/aws/lambda/\(function)")) ?? []
    }
}

/// The text of `html` between the first `start` and the next `end`.
func section(of html: String, from start: String, to end: String) -> String? {
    guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex) else { return nil }
    return String(html[open.upperBound..<close.lowerBound])
}
