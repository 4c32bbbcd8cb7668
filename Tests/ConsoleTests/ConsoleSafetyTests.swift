@testable import Console
import Foundation
import HTTPTypes
import Workspace
import XCTest

/// docs/console.md, "Safety": escaping, CSRF tokens, the session cookie, the
/// Content-Security-Policy, and the login beyond loopback.
final class ConsoleSafetyTests: ConsoleTestCase {
    static let hostile = "<img src=x onerror=alert(1)>"

    /// A machine whose state is named with markup: every page shows the name as text.
    private func addHostileMachine() throws {
        try addMachine("Hostile", #"""
        {"StartAt": "<img src=x onerror=alert(1)>",
         "States": {"<img src=x onerror=alert(1)>": {"Type": "Pass", "Result": {"note": "</pre><script>alert(2)</script>"}, "End": true}}}
        """#)
    }

    func testAStateNamedWithMarkupShowsAsText() async throws {
        try addHostileMachine()
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/machines/Hostile")
        let machinePage = try await send(console, .get, "/machines/Hostile", cookie: cookie)
        XCTAssertEqual(machinePage.status, .ok)
        XCTAssertTrue(machinePage.body.contains("&lt;img src=x onerror=alert(1)&gt;"), machinePage.body)
        XCTAssertFalse(machinePage.body.contains(Self.hostile))

        // A name StartExecution refuses ("must not contain ... brackets < > { } [ ]"): the form
        // again with the name and the refusal as text.
        let refused = try await send(console, .post, "/machines/Hostile/executions", cookie: cookie,
                                     form: [("csrf", csrf), ("name", "run<b>1</b>"), ("input", "{}")])
        XCTAssertEqual(refused.status, .badRequest, refused.body)
        XCTAssertTrue(refused.body.contains(#"value="run&lt;b&gt;1&lt;/b&gt;""#), refused.body)
        XCTAssertFalse(refused.body.contains("<b>1</b>"))

        let started = try await send(console, .post, "/machines/Hostile/executions", cookie: cookie,
                                     form: [("csrf", csrf), ("name", "run-1"), ("input", #"{"x": "<script>alert(3)</script>"}"#)])
        XCTAssertEqual(started.status, .seeOther, started.body)
        let location = try XCTUnwrap(started.headers[.location])
        _ = try await waitForEnd("run-1")
        let executionPage = try await send(console, .get, location, cookie: cookie)
        XCTAssertEqual(executionPage.status, .ok)
        for markup in [Self.hostile, "<script>alert", "</pre><script>"] {
            XCTAssertFalse(executionPage.body.contains(markup), markup)
        }
        XCTAssertTrue(executionPage.body.contains("&lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertTrue(executionPage.body.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
        XCTAssertTrue(executionPage.body.contains("&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
    }

    func testEveryPageForbidsInlineScriptAndFraming() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        for path in ["/", "/logs", "/nowhere", "/static/console.js"] {
            let answer = try await send(console, .get, path)
            let policy = try XCTUnwrap(answer.headers[.contentSecurityPolicy], path)
            XCTAssertTrue(policy.contains("script-src 'self'"), path)
            XCTAssertFalse(policy.contains("unsafe-inline"), path)
            XCTAssertTrue(policy.contains("frame-ancestors 'none'"), path)
            XCTAssertEqual(answer.headers[HTTPField.Name("X-Content-Type-Options")!], "nosniff", path)
        }
        let home = try await send(console, .get, "/")
        XCTAssertFalse(home.body.contains("<script>"), "no inline script")
        XCTAssertFalse(home.body.contains("style="), "no inline style")
    }

    func testTheSessionCookieIsHttpOnlyAndSameSiteStrict() async throws {
        let console = Console(workspace: workspace, credentials: nil)
        let answer = try await send(console, .get, "/")
        let cookie = try XCTUnwrap(answer.headers[.setCookie])
        let attributes = Set(cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        XCTAssertTrue(attributes.contains("HttpOnly"), cookie)
        XCTAssertTrue(attributes.contains("SameSite=Strict"), cookie)
        // A browser that sends it back keeps its session: no new cookie.
        let again = try await send(console, .get, "/", cookie: answer.cookie)
        XCTAssertNil(again.headers[.setCookie])
    }

    func testAnActionWithoutTheSessionsCSRFTokenChangesNothing() async throws {
        try addMachine("Plain", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        let console = Console(workspace: workspace, credentials: nil)
        let (cookie, csrf) = try await session(console, page: "/machines/Plain")
        let other = try await session(console, page: "/machines/Plain")
        let attempts: [(String?, [(String, String)])] = [
            (nil, [("csrf", csrf), ("name", "a")]),            // no session cookie
            (cookie, [("name", "b")]),                          // no token
            (cookie, [("csrf", (csrf.first == "0" ? "1" : "0") + csrf.dropFirst()), ("name", "c")]), // a wrong token
            (cookie, [("csrf", other.csrf), ("name", "d")]),    // another session's token
        ]
        for (sentCookie, form) in attempts {
            let answer = try await send(console, .post, "/machines/Plain/executions", cookie: sentCookie, form: form)
            XCTAssertEqual(answer.status, .forbidden, "\(form)")
        }
        XCTAssertEqual(try workspace.stepFunctions.storedExecutions(machineName: "Plain").count, 0)
        let accepted = try await send(console, .post, "/machines/Plain/executions", cookie: cookie, form: [("csrf", csrf), ("name", "e")])
        XCTAssertEqual(accepted.status, .seeOther)
        XCTAssertEqual(try workspace.stepFunctions.storedExecutions(machineName: "Plain").map(\.summary.name), ["e"])
    }

    func testBeyondLoopbackEveryPageAsksForAnAccessKeyFirst() async throws {
        let console = Console(workspace: workspace, credentials: Credentials(secrets: ["AKIDEXAMPLE": "secret-key"]))
        let first = try await send(console, .get, "/logs")
        XCTAssertEqual(first.status, .seeOther)
        XCTAssertEqual(first.headers[.location], "/login")
        let (cookie, csrf) = try await session(console, page: "/login")
        let wrong = try await send(console, .post, "/login", cookie: cookie,
                                   form: [("csrf", csrf), ("accessKeyId", "AKIDEXAMPLE"), ("secretAccessKey", "not-it")])
        XCTAssertEqual(wrong.status, .unauthorized)
        let stillOut = try await send(console, .get, "/logs", cookie: cookie)
        XCTAssertEqual(stillOut.status, .seeOther)
        let right = try await send(console, .post, "/login", cookie: cookie,
                                   form: [("csrf", csrf), ("accessKeyId", "AKIDEXAMPLE"), ("secretAccessKey", "secret-key")])
        XCTAssertEqual(right.status, .seeOther)
        let signedIn = try XCTUnwrap(right.cookie)
        XCTAssertNotEqual(signedIn, cookie, "the session id changes at login")
        let logs = try await send(console, .get, "/logs", cookie: signedIn)
        XCTAssertEqual(logs.status, .ok)
        let before = try await send(console, .get, "/logs", cookie: cookie)
        XCTAssertEqual(before.status, .seeOther, "the id from before the login is worth nothing")
    }
}
