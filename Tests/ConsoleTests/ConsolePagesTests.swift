@testable import Console
import Foundation
import HTTPTypes
import TestSupport
import Workspace
import XCTest

/// The pages of docs/console.md on seed 001's workflow: after `{"fail": true}` the Step
/// Functions console shows Test caught (orange), ErrorHandler and FailState green, and
/// `/aws/lambda/Error` holds `called error_handler` (the seed's own words).
final class ConsolePagesTests: ConsoleTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for path in ["machines/TestErrorHandling.json", "functions/Test.lua", "functions/Error.lua"] {
            try folder.copy(fromRepository: path)
        }
    }

    /// The `class` attribute of the graph node whose text is `state`.
    private func nodeClass(of state: String, in html: String) -> String? {
        guard let end = html.range(of: ">\(state)</a>") else { return nil }
        let before = html[..<end.lowerBound]
        guard let start = before.range(of: "<a class=\"", options: .backwards) else { return nil }
        return String(before[start.upperBound...].prefix { $0 != "\"" })
    }

    func testSeed001FromTheStartFormToTheErrorHandlersLogLine() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/machines/TestErrorHandling")

        // Input that is not JSON: the form again, the error where the input is, nothing started.
        let refused = try await send(console, .post, "/machines/TestErrorHandling/executions", cookie: cookie,
                                     form: [("csrf", csrf), ("input", #"{"fail": tru}"#)])
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertTrue(refused.body.contains(#"<p id="input-error" class="error" role="alert">Not valid JSON: "#), refused.body)
        XCTAssertTrue(refused.body.contains("line 1, column"))
        XCTAssertTrue(refused.body.contains("{&quot;fail&quot;: tru}"), "the input typed is kept")
        XCTAssertEqual(try workspace.stepFunctions.storedExecutions(machineName: "TestErrorHandling").count, 0)

        let started = try await send(console, .post, "/machines/TestErrorHandling/executions", cookie: cookie,
                                     form: [("csrf", csrf), ("name", "seed-001"), ("input", #"{"fail": true}"#)])
        XCTAssertEqual(started.status, .seeOther, started.body)
        let described = try await waitForEnd("seed-001")
        XCTAssertEqual(described.status, .succeeded)

        let page = try await send(console, .get, try XCTUnwrap(started.headers[.location]), cookie: cookie)
        XCTAssertEqual(page.status, .ok)
        XCTAssertEqual(nodeClass(of: "Test", in: page.body).map { $0.contains("s-caught") }, true, page.body)
        XCTAssertEqual(nodeClass(of: "ErrorHandler", in: page.body).map { $0.contains("s-succeeded") }, true)
        XCTAssertEqual(nodeClass(of: "FailState", in: page.body).map { $0.contains("s-succeeded") }, true)
        XCTAssertEqual(nodeClass(of: "SuccessState", in: page.body).map { $0.contains("s-notReached") }, true)
        // Test's details: the error its function raised and its message as the cause.
        let detail = try XCTUnwrap(page.body.range(of: #"aria-label="State Test""#).map { String(page.body[$0.upperBound...].prefix(3000)) })
        XCTAssertTrue(detail.contains(#"<pre class="state-error">TestError</pre>"#), detail)
        XCTAssertTrue(detail.contains("the event asked for a failure"), detail)
        // The history as a table, each event with its step.
        XCTAssertTrue(page.body.contains("<td>TaskStateEntered</td><td>Test</td>"), page.body)
        XCTAssertTrue(page.body.contains("<td>ExecutionSucceeded</td><td></td>"))

        let logs = try await send(console, .get, "/executions/seed-001/logs", cookie: cookie)
        XCTAssertEqual(logs.status, .ok)
        XCTAssertTrue(logs.body.contains("called error_handler"), logs.body)
        XCTAssertTrue(logs.body.contains(#"href="/logs/%2Faws%2Flambda%2FError""#))

        let group = try await send(console, .get, "/logs/%2Faws%2Flambda%2FError?filter=%22called+error_handler%22", cookie: cookie)
        XCTAssertEqual(group.status, .ok)
        XCTAssertTrue(group.body.contains("called error_handler"))
        let none = try await send(console, .get, "/logs/%2Faws%2Flambda%2FError?filter=nothing_like_it", cookie: cookie)
        XCTAssertFalse(none.body.contains("called error_handler"))
        XCTAssertTrue(none.body.contains("No events match the filter."))
        let badTime = try await send(console, .get, "/logs/%2Faws%2Flambda%2FError?start=yesterday", cookie: cookie)
        XCTAssertEqual(badTime.status, .badRequest)
        XCTAssertTrue(badTime.body.contains("From: yesterday is not a time"))

        let home = try await send(console, .get, "/", cookie: cookie)
        XCTAssertTrue(home.body.contains(#"<a class="badge st-SUCCEEDED""#), home.body)
    }

    func testAPageOfNothingIsNotFound() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        for path in ["/machines/NoSuchMachine", "/executions/no-such-run", "/logs/%2Fno%2Fsuch", "/static/other.js"] {
            let answer = try await send(console, .get, path)
            XCTAssertEqual(answer.status, .notFound, path)
        }
    }
}
