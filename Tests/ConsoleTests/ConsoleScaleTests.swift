@testable import Console
import Foundation
import HTTPTypes
import TestSupport
import Workspace
import XCTest

/// The console on long histories (docs/console.md, "Long histories"): the history paged by
/// event id, a Map's iterations counted rather than listed, the live stream sending only what
/// is new.
final class ConsoleScaleTests: ConsoleTestCase {
    /// An inline Map over the input's `items` whose iterations fail where an item has
    /// `"fail": true`; every failure is tolerated, so that the Map goes on to the end.
    private let mapMachine = """
    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentage": 100,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Broken"}], "Default": "Fine"},
        "Broken": {"Type": "Fail", "Error": "Item.Broken", "Cause": "asked to fail"},
        "Fine": {"Type": "Pass", "End": true}}},
      "End": true}}}
    """

    private func run(_ machine: String, items: [Bool], name: String) async throws -> ExecutionDescription {
        try addMachine(machine, mapMachine)
        let input = #"{"items": ["# + items.map { #"{"fail": \#($0)}"# }.joined(separator: ",") + "]}"
        let arn = try XCTUnwrap(workspace.stepFunctions.stateMachines().first { $0.name == machine }?.stateMachineArn)
        _ = try await workspace.stepFunctions.startExecution(stateMachineArn: arn, name: name, input: input)
        return try await waitForEnd(name)
    }

    /// The ids of the history table's rows, in order.
    private func rowIds(_ html: String) -> [Int] {
        html.components(separatedBy: #"<tr id="event-"#).dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }

    func testTheHistoryIsPagedByEventIdWithNoGapAndNoRepeat() async throws {
        // 300 items of 6 events each (MapIterationStarted, ChoiceStateEntered, ChoiceStateExited,
        // PassStateEntered, PassStateExited, MapIterationSucceeded) make four pages of 500.
        _ = try await run("Paged", items: Array(repeating: false, count: 300), name: "paged")
        let stored = try workspace.stepFunctions.history(ofExecutionNamed: "paged").map(\.id)
        XCTAssertEqual(stored.count, 300 * 6 + 6, "docs/history.md: 6 events an item, 6 for the execution and its Map")
        let console = Console(workspace: workspace, credentials: nil)
        var seen: [Int] = []
        var next: String? = "/executions/paged"
        var pages = 0
        while let path = next {
            let answer = try await send(console, .get, path)
            XCTAssertEqual(answer.status, .ok, path)
            let ids = rowIds(answer.body)
            XCTAssertLessThanOrEqual(ids.count, Console.eventsPageSize)
            XCTAssertFalse(ids.isEmpty, path)
            seen += ids
            pages += 1
            next = try Regex(#"<a href="([^"]*)" rel="next">"#).firstMatch(in: answer.body).flatMap { $0.output[1].substring.map(String.init) }
        }
        XCTAssertEqual(pages, 4)
        XCTAssertEqual(seen, stored, "every page continues where the one before ended")
        // The page boundary: the second page begins right after event 500.
        let second = try await send(console, .get, "/executions/paged?after=500")
        XCTAssertEqual(rowIds(second.body).first, 501)
        XCTAssertTrue(second.body.contains("Events 501 to 1000 of \(stored.count)"), second.body)
        // A page past the end: no rows, and a way back.
        let past = try await send(console, .get, "/executions/paged?after=\(stored.count + 1000)")
        XCTAssertEqual(past.status, .ok)
        XCTAssertEqual(rowIds(past.body), [])
        XCTAssertTrue(past.body.contains("No events after event \(stored.count + 1000): the history holds \(stored.count)."), past.body)
        let segment = pathSegment(try workspace.stepFunctions.execution(named: "paged").executionArn)
        XCTAssertTrue(past.body.contains(#"<a href="/executions/\#(segment)" rel="first">First</a>"#), past.body)
        XCTAssertTrue(past.body.contains(#"<a href="/executions/\#(segment)?after=1500" rel="prev">Earlier</a>"#), "back to the last page")
    }

    func testAMapsIterationsAreCountedAndItsFailedOnesListed() async throws {
        let failing = Set([0, 7, 14, 21, 28, 35])
        let items = (0..<40).map { failing.contains($0) }
        let described = try await run("Summed", items: items, name: "summed")
        XCTAssertEqual(described.status, .succeeded)
        let history = try workspace.stepFunctions.history(ofExecutionNamed: "summed")
        let console = Console(workspace: workspace, credentials: nil)
        let page = try await send(console, .get, "/executions/summed").body
        let row = try XCTUnwrap(page.range(of: #"<tr class="map-summary" data-map="Each">"#).map { String(page[$0.upperBound...].prefix { $0 != "\n" }) })
        func cell(_ name: String) -> Int? {
            row.range(of: #"<td class="\#(name)">"#).flatMap { Int(row[$0.upperBound...].prefix { $0.isNumber }) }
        }
        XCTAssertEqual(cell("started"), 40)
        XCTAssertEqual(cell("started"), history.count { $0.type == .mapIterationStarted })
        XCTAssertEqual(cell("succeeded"), 34)
        XCTAssertEqual(cell("succeeded"), history.count { $0.type == .mapIterationSucceeded })
        XCTAssertEqual(cell("failed"), failing.count)
        XCTAssertEqual(cell("failed"), history.count { $0.type == .mapIterationFailed })
        XCTAssertEqual(cell("in-progress"), 0)
        let listed = page.components(separatedBy: ">index ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        XCTAssertEqual(Set(listed), failing)
        // One row of counts, not one row or node an iteration.
        XCTAssertEqual(page.components(separatedBy: "class=\"map-summary\"").count - 1, 1)
    }

    func testTheLiveStreamSendsOnlyNewEventsAndEndsWithTheExecution() async throws {
        try addMachine("Pausing", """
        {"StartAt": "First", "States": {"First": {"Type": "Pass", "Next": "Pause"},
          "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Last"}, "Last": {"Type": "Pass", "End": true}}}
        """)
        let arn = try XCTUnwrap(workspace.stepFunctions.stateMachines().first { $0.name == "Pausing" }?.stateMachineArn)
        _ = try await workspace.stepFunctions.startExecution(stateMachineArn: arn, name: "pausing", input: "{}")
        // The events stored when the browser loaded the page: the stream starts after them.
        let loaded = try workspace.stepFunctions.history(ofExecutionNamed: "pausing").map(\.id).max() ?? 0
        let console = Console(workspace: workspace, credentials: nil)
        // The stream's body is read until the server ends it, which it does when the execution ends.
        let stream = try await send(console, .get, "/executions/pausing/events?after=\(loaded)")
        XCTAssertEqual(stream.headers[.contentType], "text/event-stream")
        let messages = stream.body.components(separatedBy: "\n\n").filter { !$0.isEmpty && !$0.hasPrefix(":") }
        var sent: [Int] = []
        for message in messages.dropLast() {
            XCTAssertTrue(message.hasPrefix("event: history\n"), message)
            let data = try XCTUnwrap(message.components(separatedBy: "data: ").last)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
            sent += try XCTUnwrap(object["events"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
        }
        let last = try XCTUnwrap(messages.last)
        XCTAssertTrue(last.hasPrefix("event: end\n"), last)
        XCTAssertTrue(last.contains(#""status":"SUCCEEDED""#), last)
        let all = try workspace.stepFunctions.history(ofExecutionNamed: "pausing").map(\.id)
        XCTAssertEqual(sent, all.filter { $0 > loaded }, "each event after the one given, once, in order")
        XCTAssertFalse(sent.isEmpty)
    }

    func testSessionsOnLoopbackAreBounded() {
        let sessions = ConsoleSessions(credentials: nil, limit: 200)
        let first = sessions.create()
        for _ in 0..<200 { _ = sessions.create() }
        XCTAssertLessThanOrEqual(sessions.count, 200)
        XCTAssertNil(sessions.session(cookieHeader: "\(ConsoleSessions.cookieName)=\(first.id)"), "the oldest is forgotten first")
        let newest = sessions.create()
        XCTAssertEqual(sessions.session(cookieHeader: "\(ConsoleSessions.cookieName)=\(newest.id)"), newest)
    }
}
