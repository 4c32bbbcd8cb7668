@testable import Console
import XCTest

/// The console's URLs (docs/console.md, "Pages") and the form encoding HTML browsers send.
final class ConsoleRouteTests: XCTestCase {
    private func route(_ method: String, _ path: String) -> Result<ConsoleRoute, ConsoleRoute.RouteError> {
        ConsoleRoute.match(method: method, path: path)
    }

    func testPagesAreReadWithGetAndHead() {
        XCTAssertEqual(route("GET", "/"), .success(.home))
        XCTAssertEqual(route("HEAD", "/"), .success(.home))
        XCTAssertEqual(route("GET", "/machines/TestErrorHandling"), .success(.machine("TestErrorHandling")))
        XCTAssertEqual(route("GET", "/executions/run-1"), .success(.execution("run-1")))
        XCTAssertEqual(route("GET", "/executions/run-1/events"), .success(.executionEvents("run-1")))
        XCTAssertEqual(route("GET", "/executions/run-1/logs"), .success(.executionLogs("run-1")))
        XCTAssertEqual(route("GET", "/logs"), .success(.logGroups))
        XCTAssertEqual(route("GET", "/logs/"), .success(.logGroups))
        XCTAssertEqual(route("GET", "/static/console.js"), .success(.asset("console.js")))
    }

    func testANameIsOnePercentEncodedSegment() {
        let arn = "arn:aws:states:us-east-1:123456789012:execution:M:run/1"
        XCTAssertEqual(route("GET", "/executions/" + pathSegment(arn)), .success(.execution(arn)))
        XCTAssertEqual(pathSegment("/aws/lambda/Error"), "%2Faws%2Flambda%2FError")
        XCTAssertEqual(pathSegment("a b?#<"), "a%20b%3F%23%3C")
    }

    func testALogGroupIsTheRestOfThePathEncodedOrNot() {
        XCTAssertEqual(route("GET", "/logs/" + pathSegment("/aws/lambda/Error")), .success(.logGroup("/aws/lambda/Error")))
        XCTAssertEqual(route("GET", "/logs//aws/lambda/Error"), .success(.logGroup("/aws/lambda/Error")))
    }

    func testActionsArePostsOnly() {
        XCTAssertEqual(route("POST", "/machines/M/executions"), .success(.startExecution("M")))
        XCTAssertEqual(route("POST", "/executions/e/stop"), .success(.stopExecution("e")))
        XCTAssertEqual(route("POST", "/executions/e/callback"), .success(.answerCallback("e")))
        XCTAssertEqual(route("POST", "/login"), .success(.login))
        XCTAssertEqual(route("POST", "/logout"), .success(.logout))
        XCTAssertEqual(route("GET", "/executions/e/stop"), .failure(.methodNotAllowed(allowed: "POST")))
        XCTAssertEqual(route("GET", "/machines/M/executions"), .failure(.methodNotAllowed(allowed: "POST")))
        XCTAssertEqual(route("GET", "/logout"), .failure(.methodNotAllowed(allowed: "POST")))
        XCTAssertEqual(route("POST", "/machines/M"), .failure(.methodNotAllowed(allowed: "GET, HEAD")))
        XCTAssertTrue(ConsoleRoute.startExecution("M").isAction)
        XCTAssertFalse(ConsoleRoute.machine("M").isAction)
    }

    func testTheFunctionRuleEventTableAndTopicPages() {
        XCTAssertEqual(route("GET", "/functions"), .success(.functions))
        XCTAssertEqual(route("GET", "/functions/Echo"), .success(.function("Echo")))
        XCTAssertEqual(route("POST", "/functions/Echo/invoke"), .success(.invokeFunction("Echo")))
        XCTAssertEqual(route("GET", "/functions/Echo/invoke"), .failure(.methodNotAllowed(allowed: "POST")))
        XCTAssertEqual(route("POST", "/functions/Echo"), .failure(.methodNotAllowed(allowed: "GET, HEAD")))
        XCTAssertTrue(ConsoleRoute.invokeFunction("Echo").isAction)
        XCTAssertEqual(route("GET", "/rules"), .success(.rules))
        XCTAssertEqual(route("GET", "/events"), .success(.events))
        XCTAssertEqual(route("GET", "/tables"), .success(.tables))
        XCTAssertEqual(route("GET", "/tables/orders"), .success(.table("orders")))
        XCTAssertEqual(route("GET", "/topics"), .success(.topics))
        XCTAssertEqual(route("GET", "/topics/" + pathSegment("<img src=x onerror=alert(1)>")), .success(.topic("<img src=x onerror=alert(1)>")))
        for path in ["/functions/Echo/other", "/rules/x", "/events/x", "/tables/a/b", "/topics/a/b"] {
            XCTAssertEqual(route("GET", path), .failure(.notFound), path)
        }
    }

    func testOtherPathsAreNotFound() {
        for path in ["/nowhere", "/machines", "/machines/", "/machines/M/other", "/executions/e/other", "/static/a/b", "/executions/%ZZ", "/login/", "/login/x"] {
            XCTAssertEqual(route("GET", path), .failure(.notFound), path)
        }
    }

    /// HTML's application/x-www-form-urlencoded: `+` is a space, `%XX` a byte of UTF-8.
    func testFormFieldsAreDecodedAsBrowsersEncodeThem() {
        let fields = formFields("csrf=abc&input=%7B%22fail%22%3A+true%7D&name=caf%C3%A9&name=second&empty=&flag")
        XCTAssertEqual(fields["input"], #"{"fail": true}"#)
        XCTAssertEqual(fields["name"], "café")
        XCTAssertEqual(fields["empty"], "")
        XCTAssertEqual(fields["flag"], "")
        XCTAssertEqual(fields["csrf"], "abc")
    }
}
