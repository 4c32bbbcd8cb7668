import Engine
import Events
import Foundation
import JSONValue
import Store
import Synchronization
import XCTest

/// Rules created through the API: kept in the store, read by the bus for every event, and
/// shadowed by a file of the same name (docs/eventbridge.md). Targets read alike from files and
/// from the API, refusing what host does not run.
final class StoredRuleTests: XCTestCase {
    private let store = MemoryStore()

    private func event(_ id: String, source: String = "shop") -> JSONValue {
        ["version": "0", "id": .string(id), "detail-type": "Order Placed", "source": .string(source), "account": "123456789012",
         "time": "2024-05-14T08:15:02Z", "region": "us-east-1", "resources": [], "detail": ["order": 7]]
    }

    private func put(_ name: String, pattern: String = #"{"source": ["shop"]}"#, state: String = "ENABLED", function: String) throws {
        let targets = #"[{"Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:\#(function)"}]"#
        try store.changeRule(name: name) { _ in (.put(RuleRecord(name: name, eventPattern: pattern, state: state, targets: targets)), ()) }
    }

    private func bus(files: [Rule] = [], invoker: Calls) -> EventBus {
        EventBus(store: store, rules: RuleCatalog(rules: files), readsStoredRules: true, invoker: invoker, now: { Date() }, sleep: { _ in })
    }

    func testAStoredRuleAppliesToTheVeryNextEvent() async throws {
        let calls = Calls()
        let bus = bus(invoker: calls)
        try bus.put(event("e1"))
        await bus.drain()
        XCTAssertEqual(calls.functions, [], "no rule yet")

        try put("orders", function: "audit")
        try bus.put(event("e2"))
        await bus.drain()
        XCTAssertEqual(calls.functions, ["arn:aws:lambda:us-east-1:123456789012:function:audit"])
        XCTAssertEqual(calls.payloads.first?["id"], "e2")

        // Disabled, then changed to another pattern: each change applies at once.
        try put("orders", state: "DISABLED", function: "audit")
        try bus.put(event("e3"))
        try put("orders", pattern: #"{"source": ["billing"]}"#, function: "audit")
        try bus.put(event("e4"))
        try bus.put(event("e5", source: "billing"))
        await bus.drain()
        XCTAssertEqual(calls.payloads.compactMap { $0["id"]?.stringValue }, ["e2", "e5"])
    }

    /// Two processes sharing one workspace's SQLite store: a rule put, changed or deleted by
    /// the other one routes this bus's very next batch, though the bus reads the rules only
    /// when their revision changed.
    func testARuleChangedByAnotherProcessRoutesTheNextBatch() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = try HostDatabase(directory: folder), other = try HostDatabase(directory: folder)
        let calls = Calls()
        let bus = EventBus(store: mine, rules: RuleCatalog(rules: []), readsStoredRules: true, invoker: calls, now: { Date() },
                           sleep: { _ in })
        func put(_ pattern: String) throws {
            let targets = #"[{"Id": "t", "Arn": "audit"}]"#
            try other.changeRule(name: "orders") { _ in (.put(RuleRecord(name: "orders", eventPattern: pattern, targets: targets)), ()) }
        }
        func send(_ id: String, source: String = "shop") async throws {
            try bus.put(event(id, source: source))
            await bus.drain()
        }
        try await send("e1")
        try put(#"{"source": ["shop"]}"#)
        try await send("e2")
        try await send("e3")
        try put(#"{"source": ["billing"]}"#)
        try await send("e4")
        try await send("e5", source: "billing")
        try other.changeRule(name: "orders") { _ in (.delete, ()) }
        try await send("e6", source: "billing")
        XCTAssertEqual(calls.payloads.compactMap { $0["id"]?.stringValue }, ["e2", "e3", "e5"])
        XCTAssertEqual(try mine.events(since: nil, status: nil).map(\.id), ["e1", "e2", "e3", "e4", "e5", "e6"])
    }

    func testAFileRuleHoldsItsNameOverAStoredOne() async throws {
        let file = try RuleCatalog.parse(#"""
            {"EventPattern": {"source": ["shop"]}, "Targets": [{"Id": "f", "Arn": "from-file"}]}
            """#, name: "orders", file: "rules/orders.json").get()
        try put("orders", function: "from-store")
        try put("other", function: "other")
        let calls = Calls()
        let bus = bus(files: [file], invoker: calls)
        XCTAssertEqual(try bus.currentRules().map(\.name), ["orders", "other"])
        try bus.put(event("e1"))
        await bus.drain()
        XCTAssertEqual(Set(calls.functions), ["from-file", "arn:aws:lambda:us-east-1:123456789012:function:other"])
    }

    func testAStoredRuleReadsItsPatternAndTargets() throws {
        let record = RuleRecord(name: "r", eventPattern: #"{"detail": {"order": [{"numeric": [">", 5]}]}}"#, state: "DISABLED",
                                description: "big orders", targets: #"""
                                    [{"Id": "a", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "InputPath": "$.detail",
                                      "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 120}},
                                     {"Id": "b", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:g", "Input": "{\"fixed\": 1}"}]
                                    """#)
        let rule = try Rule(record: record)
        XCTAssertFalse(rule.enabled)
        XCTAssertEqual(rule.description, "big orders")
        XCTAssertTrue(rule.pattern.matches(event("e")))
        XCTAssertEqual(rule.targets.map(\.id), ["a", "b"])
        XCTAssertEqual(rule.targets[0].retryPolicy.maximumRetryAttempts, 3)
        XCTAssertEqual(rule.targets[0].retryPolicy.maximumEventAgeInSeconds, 120)
        XCTAssertEqual(rule.targets[0].payload(for: event("e")), ["order": 7])
        XCTAssertEqual(rule.targets[1].payload(for: event("e")), ["fixed": 1])
    }

    /// A target's problems, each with the member it is about, as PutTargets reports them.
    func testATargetsProblemsNameTheirMembers() {
        let target: JSONValue = [
            "Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "InputPath": "detail",
            "RetryPolicy": ["MaximumRetryAttempts": 186], "DeadLetterConfig": ["Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"],
            "SqsParameters": ["MessageGroupId": "g"], "Colour": "red",
        ]
        guard case .failure(let failure) = Rule.target(target) else { return XCTFail("the target was accepted") }
        XCTAssertEqual(failure.problems.count, 5, "\(failure.problems)")
        XCTAssertTrue(failure.problems.contains { $0.hasPrefix("host does not run DeadLetterConfig") && $0.hasSuffix("(at $.DeadLetterConfig)") },
                      "\(failure.problems)")
        XCTAssertTrue(failure.problems.contains("host does not run SqsParameters: its targets are functions (at $.SqsParameters)"))
        XCTAssertTrue(failure.problems.contains("unknown field 'Colour' in a target (at $.Colour)"))
        XCTAssertTrue(failure.problems.contains("InputPath must be a JSONPath such as $.detail (at $.InputPath)"))
        XCTAssertTrue(failure.problems.contains(
            "MaximumRetryAttempts must be a whole number from 0 to 185 (at $.RetryPolicy.MaximumRetryAttempts)"))
        XCTAssertNoThrow(try Rule.target(["Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
                                          "RoleArn": "arn:aws:iam::123456789012:role/events"]).get())
    }

    /// A file of rules/ that names what host does not run is refused at its place, never read
    /// without it.
    func testARuleFileRefusesWhatHostDoesNotRun() {
        let text = """
            {
              "EventPattern": {"source": ["shop"]},
              "ScheduleExpression": "rate(5 minutes)",
              "EventBusName": "orders",
              "Targets": [{"Id": "t", "Arn": "f", "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"}}]
            }
            """
        guard case .failure(let failure) = RuleCatalog.parse(text, name: "r", file: "rules/r.json") else {
            return XCTFail("the rule was accepted")
        }
        XCTAssertEqual(failure.problems.count, 3, "\(failure.problems)")
        XCTAssertTrue(failure.problems.contains { $0.hasPrefix("rules/r.json:3:3: error: host does not run scheduled rules") }, "\(failure.problems)")
        XCTAssertTrue(failure.problems.contains { $0.hasPrefix("rules/r.json:4:19: error: host has one event bus, 'default'") }, "\(failure.problems)")
        XCTAssertTrue(failure.problems.contains { $0.hasPrefix("rules/r.json:5:39: error: host does not run DeadLetterConfig") }, "\(failure.problems)")
        XCTAssertNoThrow(try RuleCatalog.parse(#"{"EventPattern": {"source": ["s"]}, "EventBusName": "default", "Name": "r", "Targets": [{"Arn": "f"}]}"#,
                                               name: "r", file: "rules/r.json").get())
    }
}

/// A target invoker that records every delivery and succeeds.
private final class Calls: EventTargetInvoker {
    private let made = Mutex<[(String, JSONValue)]>([])
    var functions: [String] { made.withLock { $0.map(\.0) } }
    var payloads: [JSONValue] { made.withLock { $0.map(\.1) } }

    func deliver(_ payload: JSONValue, to function: String) async -> String? {
        made.withLock { $0.append((function, payload)) }
        return nil
    }
}
