import Foundation
import JSONValue
import Workspace
import XCTest

/// PutEvents and TestEventPattern, and the rules put through the API routing custom events and
/// executions' status changes (docs/eventbridge.md).
final class EventBridgeEventTests: EventBridgeTestCase {
    private func order(_ number: Int, source: String = "shop") -> PutEventsEntry {
        PutEventsEntry(source: source, detailType: "Order Placed", detail: #"{"order": \#(number)}"#)
    }

    func testACustomEventGoesThroughARulePutByTheAPIToItsFunction() async throws {
        _ = try bridge.putRule(name: "orders", eventPattern: Self.pattern)
        XCTAssertEqual(try bridge.putTargets(rule: "orders", targets: [target("audit", function: "audit")]), [])
        var entry = order(7)
        entry.time = 1_715_674_502
        entry.resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]
        let answers = try bridge.putEvents([entry])
        guard case .stored(let id)? = answers.first else { return XCTFail("\(answers)") }
        await workspace.drainEvents()

        // The envelope EventBridge builds (Event structure reference).
        let stored = try XCTUnwrap(try workspace.stores().events.event(id: id))
        XCTAssertEqual(try JSONValue.parse(stored.body), [
            "version": "0", "id": .string(id), "detail-type": "Order Placed", "source": "shop", "account": "123456789012",
            "time": "2024-05-14T08:15:02Z", "region": "us-east-1",
            "resources": ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"], "detail": ["order": 7],
        ])
        XCTAssertEqual(UUID(uuidString: id)?.uuidString.lowercased(), id, "a version 4 UUID, as EventBridge's ids are")
        XCTAssertTrue(try logMessages(of: "audit").contains { $0.hasPrefix("audit Order Placed from shop: 7") })
    }

    func testEventsOfRulesThatDoNotMatchOrAreDisabledGoNowhere() async throws {
        _ = try bridge.putRule(name: "orders", eventPattern: Self.pattern, state: "DISABLED")
        _ = try bridge.putTargets(rule: "orders", targets: [target("broken", function: "broken", ["RetryPolicy": ["MaximumRetryAttempts": 0]])])
        _ = try bridge.putEvents([order(1)])
        await workspace.drainEvents()
        XCTAssertEqual(try workspace.stores().events.deadLetters(), [], "the disabled rule delivered nothing")

        try bridge.setRuleState(name: "orders", enabled: true)
        _ = try bridge.putEvents([order(2, source: "web")])
        await workspace.drainEvents()
        XCTAssertEqual(try workspace.stores().events.deadLetters(), [], "the pattern does not match")

        _ = try bridge.putEvents([order(3)])
        await workspace.drainEvents()
        let letters = try workspace.stores().events.deadLetters()
        XCTAssertEqual(letters.map(\.rule), ["orders"])
        XCTAssertEqual(letters.map(\.target), ["broken"])
        XCTAssertEqual(letters.first?.attempts, 1)
        XCTAssertEqual(letters.first?.reason, "PagerUnreachable: the pager is unreachable")
    }

    func testEachEntryIsAnsweredInItsPlace() throws {
        let entries = [
            PutEventsEntry(source: nil, detailType: "Order Placed", detail: "{}"),
            PutEventsEntry(source: "shop", detailType: "", detail: "{}"),
            PutEventsEntry(source: "shop", detailType: "Order Placed", detail: nil),
            PutEventsEntry(source: "shop", detailType: "Order Placed", detail: "[1, 2]"),
            PutEventsEntry(source: "shop", detailType: "Order Placed", detail: "{not json"),
            PutEventsEntry(source: "aws.states", detailType: "Step Functions Execution Status Change", detail: "{}"),
            PutEventsEntry(source: "shop", detailType: "Order Placed", detail: "{}", eventBusName: "orders"),
            PutEventsEntry(source: "shop", detailType: "Order Placed", detail: "{}", traceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793"),
            order(1),
        ]
        let answers = try bridge.putEvents(entries)
        XCTAssertEqual(Array(answers.prefix(8)), [
            .failed(errorCode: "InvalidArgument", errorMessage: "Parameter Source is not valid. Reason: Source is a required argument."),
            .failed(errorCode: "InvalidArgument", errorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument."),
            .failed(errorCode: "InvalidArgument", errorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument."),
            .failed(errorCode: "MalformedDetail", errorMessage: "Detail is malformed."),
            .failed(errorCode: "MalformedDetail", errorMessage: "Detail is malformed."),
            .failed(errorCode: "NotAuthorizedForSourceException", errorMessage: "Not authorized for the source."),
            .failed(errorCode: "ResourceNotFoundException", errorMessage: "Event bus orders does not exist."),
            .failed(errorCode: "InvalidArgument", errorMessage: "host does not run X-Ray tracing: give no TraceHeader"),
        ])
        guard case .stored(let id)? = answers.last else { return XCTFail("\(answers)") }
        XCTAssertEqual(try workspace.stores().events.events(since: nil, status: nil).map(\.id), [id], "only the good entry is stored")
        XCTAssertEqual(PutEventsResultEntry.answer(answers)["FailedEntryCount"], 8)
    }

    func testARequestPastTheLimitsIsRefusedWhole() throws {
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.putEvents((1...11).map { self.order($0) }) }?.code, .validation)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.putEvents([]) }?.code, .validation)
        // Source, DetailType and Detail count in UTF-8 bytes: 256 KB and one byte over, with
        // "é" taking two.
        let fixed = "shop".utf8.count + "Order Placed".utf8.count + #"{"note": ""}"#.utf8.count
        let padding = String(repeating: "é", count: (EventBridge.putEventsSizeLimit - fixed) / 2)
        let atLimit = PutEventsEntry(source: "shop", detailType: "Order Placed", detail: #"{"note": "\#(padding)"}"#)
        XCTAssertEqual(atLimit.size, EventBridge.putEventsSizeLimit)
        var over = atLimit
        over.time = 0
        XCTAssertEqual(over.size, EventBridge.putEventsSizeLimit + 14)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.putEvents([over]) },
                       ServiceError(.validation, "Total size of the entries in the request is over the limit."))
        XCTAssertEqual(try workspace.stores().events.events(since: nil, status: nil), [])
        guard case .stored = try bridge.putEvents([atLimit]).first else { return XCTFail("the entry at the limit was refused") }
    }

    func testTestEventPatternMatchesWithTheBusEngine() throws {
        let event = #"""
            {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "Order Placed", "source": "shop",
             "account": "123456789012", "time": "2024-05-14T08:15:02Z", "region": "us-east-1", "resources": [],
             "detail": {"order": 7}}
            """#
        XCTAssertTrue(try bridge.testEventPattern(#"{"detail": {"order": [{"numeric": [">", 5]}]}}"#, event: event))
        XCTAssertFalse(try bridge.testEventPattern(#"{"source": ["web"]}"#, event: event))
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.testEventPattern(#"{"source": ["shop"]}"#, event: #"{"source": "shop"}"#) },
                       ServiceError(.validation, "Parameter Event is not valid. Reason: the event has no 'id'"))
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.testEventPattern(#"{"source": ["shop"]}"#, event: "[1]") }?.code,
                       .validation)
        XCTAssertEqual(serviceError { () throws(ServiceError) in try self.bridge.testEventPattern(#"{"source": [{"prefix": 5}]}"#, event: event) }?.code,
                       .invalidEventPattern)
    }

    /// A status-change rule put through the API fires for the next execution that fails.
    func testAStatusChangeRulePutThroughTheAPIFiresWhenAnExecutionFails() async throws {
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try #"{"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "on purpose"}}}"#
            .write(to: machines.appendingPathComponent("boom.json"), atomically: true, encoding: .utf8)
        // Executions emit their status changes to an open bus, as host serve opens it.
        _ = try workspace.eventBus()
        _ = try bridge.putRule(name: "failures", eventPattern: #"""
            {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
             "detail": {"status": ["FAILED"], "stateMachineArn": ["arn:aws:states:us-east-1:123456789012:stateMachine:boom"]}}
            """#)
        XCTAssertEqual(try bridge.putTargets(rule: "failures", targets: [target("audit", function: "audit")]), [])
        let (_, running) = try workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:boom", name: "first")
        let result = try await XCTUnwrap(running).result.get()
        XCTAssertEqual(result.status.rawValue, "FAILED")
        await workspace.drainEvents()
        XCTAssertEqual(try logMessages(of: "audit").filter { $0.hasPrefix("audit ") }.map { $0.trimmingCharacters(in: .newlines) },
                       ["audit Step Functions Execution Status Change from aws.states: Custom.Boom"])
    }
}
