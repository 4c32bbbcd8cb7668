import Engine
import Events
import Foundation
import JSONValue
import Store
import Synchronization
import XCTest

/// Delivery, retry with backoff, dead letters; rules read with their problems located.
final class EventBusTests: XCTestCase {
    /// For the rules folder.
    var folder: URL!
    /// The bus's store: the in-memory one, which keeps the database's conflict rules.
    var database: MemoryStore!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-events-\(UUID().uuidString)")
        database = MemoryStore()
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let failedEvent = StatusChangeEvent.make(
        id: "e-1", identity: ExecutionIdentity(machineName: "ingest", executionName: "job-1"), status: .failed,
        time: Date(timeIntervalSince1970: 1_551_225_151), startDate: Date(timeIntervalSince1970: 1_551_225_146.847),
        stopDate: Date(timeIntervalSince1970: 1_551_225_151.881), input: [:], output: nil, error: "E", cause: "C")

    private func rule(_ json: String) throws -> Rule {
        try RuleCatalog.parse(json, name: "r", file: "rules/r.json").get()
    }

    private let failuresRule = #"""
        {"EventPattern": {"source": ["aws.states"], "detail": {"status": ["FAILED", "ABORTED", "TIMED_OUT"]}},
         "Targets": [{"Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:handler", "RetryPolicy": {"MaximumRetryAttempts": 2}}]}
        """#

    /// docs/status-events.md's shape: dates in epoch milliseconds, output a string only on success.
    func testStatusChangeEventShape() {
        let detail = failedEvent["detail"]
        XCTAssertEqual(failedEvent["detail-type"], "Step Functions Execution Status Change")
        XCTAssertEqual(failedEvent["source"], "aws.states")
        XCTAssertEqual(failedEvent["time"], "2019-02-26T23:52:31Z")
        XCTAssertEqual(failedEvent["resources"], ["arn:aws:states:us-east-1:123456789012:execution:ingest:job-1"])
        XCTAssertEqual(detail?["startDate"], 1_551_225_146_847)
        XCTAssertEqual(detail?["stopDate"], 1_551_225_151_881)
        XCTAssertEqual(detail?["input"], "{}")
        XCTAssertEqual(detail?["inputDetails"], ["included": true])
        XCTAssertEqual(detail?["output"], .null)
        XCTAssertEqual(detail?["outputDetails"], .null)
        XCTAssertEqual(detail?["error"], "E")
        XCTAssertEqual(detail?["status"], "FAILED")
    }

    func testMatchingEventIsDeliveredOnceWhenTheTargetSucceeds() async throws {
        let invoker = Recorder(failures: 0)
        let bus = EventBus(store: database, rules: RuleCatalog(rules: [try rule(failuresRule)]), invoker: invoker,
                           now: { Date() }, sleep: { _ in })
        try bus.put(failedEvent)
        await bus.drain()
        XCTAssertEqual(invoker.calls, ["arn:aws:lambda:us-east-1:123456789012:function:handler"])
        XCTAssertEqual(try database.deadLetters(), [])
        XCTAssertEqual(try database.events(since: nil, status: nil).map(\.id), ["e-1"])
    }

    /// MaximumRetryAttempts 2: three attempts, with backoff between them, then a dead letter
    /// that keeps the reason.
    func testFailingTargetIsRetriedWithBackoffThenDeadLettered() async throws {
        let invoker = Recorder(failures: 10)
        let waits = Waits()
        let bus = EventBus(store: database, rules: RuleCatalog(rules: [try rule(failuresRule)]), invoker: invoker,
                           now: { Date() }, sleep: { waits.add($0) })
        try bus.put(failedEvent)
        await bus.drain()
        XCTAssertEqual(invoker.calls.count, 3)
        XCTAssertEqual(waits.all, [1, 2])
        let letters = try database.deadLetters()
        XCTAssertEqual(letters.count, 1)
        XCTAssertEqual(letters.first?.eventId, "e-1")
        XCTAssertEqual(letters.first?.attempts, 3)
        XCTAssertEqual(letters.first?.reason, "AccessDeniedException: denied")
    }

    func testTargetThatRecoversIsNotDeadLettered() async throws {
        let invoker = Recorder(failures: 1)
        let bus = EventBus(store: database, rules: RuleCatalog(rules: [try rule(failuresRule)]), invoker: invoker,
                           now: { Date() }, sleep: { _ in })
        try bus.put(failedEvent)
        await bus.drain()
        XCTAssertEqual(invoker.calls.count, 2)
        XCTAssertEqual(try database.deadLetters(), [])
    }

    func testSucceededExecutionsAndDisabledRulesRouteNothing() async throws {
        let invoker = Recorder(failures: 0)
        let disabled = failuresRule.replacingOccurrences(of: #""Targets""#, with: #""State": "DISABLED", "Targets""#)
        let bus = EventBus(store: database, rules: RuleCatalog(rules: [try rule(failuresRule), try rule(disabled)]),
                           invoker: invoker, now: { Date() }, sleep: { _ in })
        var succeeded = failedEvent
        if case .object(var event) = succeeded, case .object(var detail)? = event["detail"] {
            event["id"] = "e-2"
            detail["status"] = "SUCCEEDED"
            event["detail"] = .object(detail)
            succeeded = .object(event)
        }
        try bus.put(succeeded)
        await bus.drain()
        XCTAssertEqual(invoker.calls, [])
        // The event is stored all the same.
        XCTAssertEqual(try database.events(since: nil, status: "SUCCEEDED").count, 1)
        try bus.put(failedEvent)
        await bus.drain()
        XCTAssertEqual(invoker.calls.count, 1, "only the enabled rule delivers")
    }

    /// Emitted events (the executions' status changes) are stored in the order emitted and
    /// delivered like put ones, by the time `drain` returns.
    func testEmittedEventsAreStoredInOrderAndDeliveredByDrain() async throws {
        let invoker = Recorder(failures: 0)
        let bus = EventBus(store: database, rules: RuleCatalog(rules: [try rule(failuresRule)]), invoker: invoker,
                           now: { Date() }, sleep: { _ in })
        let ids = (1...200).map { "e-\($0)" }
        for id in ids {
            guard case .object(var event) = failedEvent else { return XCTFail("the event is an object") }
            event["id"] = .string(id)
            bus.emit(.object(event))
        }
        await bus.drain()
        XCTAssertEqual(try database.events(since: nil, status: nil).map(\.id), ids)
        XCTAssertEqual(invoker.calls.count, ids.count, "each FAILED event is delivered once")
    }

    func testInputTransformerReshapesTheEvent() throws {
        let transformer = try rule(#"""
            {"EventPattern": {"source": ["aws.states"]},
             "Targets": [{"Id": "t", "Arn": "handler", "InputTransformer": {
                "InputPathsMap": {"name": "$.detail.name", "status": "$.detail.status"},
                "InputTemplate": "{\"execution\": \"<name>\", \"state\": \"<status>\"}"}}]}
            """#)
        XCTAssertEqual(transformer.targets[0].payload(for: failedEvent), ["execution": "job-1", "state": "FAILED"])
        let path = try rule(#"{"EventPattern": {"source": ["aws.states"]}, "Targets": [{"Id": "t", "Arn": "h", "InputPath": "$.detail.status"}]}"#)
        XCTAssertEqual(path.targets[0].payload(for: failedEvent), "FAILED")
    }

    func testMalformedRuleIsReportedWithItsPlaceAndTheOthersLoad() throws {
        let rules = folder.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try failuresRule.write(to: rules.appendingPathComponent("good.json"), atomically: true, encoding: .utf8)
        try """
            {
              "EventPattern": {"detail": {"status": "FAILED"}},
              "State": "ON",
              "Targets": []
            }
            """.write(to: rules.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let catalog = RuleCatalog.load(from: rules)
        XCTAssertEqual(catalog.rules.map(\.name), ["good"])
        XCTAssertEqual(catalog.problems.count, 3, "\(catalog.problems)")
        XCTAssertTrue(catalog.problems.contains { $0.hasPrefix("rules/bad.json:2:41: error: ") }, "\(catalog.problems)")
        XCTAssertTrue(catalog.problems.contains { $0.hasPrefix("rules/bad.json:3:12: error: State must be ENABLED or DISABLED") })
        XCTAssertTrue(catalog.problems.contains { $0.hasPrefix("rules/bad.json:4:14: error: Targets must be") })
    }

    /// A custom event of its own id, for the tests of how emitted events are stored.
    private func customEvent(_ index: Int) -> JSONValue {
        ["id": .string("e-\(index)"), "detail-type": "Order Placed", "source": "shop", "detail": ["index": .int(Int64(index))]]
    }

    /// Events emitted within the bus's gathering delay are stored in one transaction, not in
    /// one for the first and another for those emitted while it ran.
    func testEventsEmittedTogetherAreStoredInOneTransaction() async throws {
        let store = BatchRecorder(database)
        let bus = EventBus(store: store, rules: RuleCatalog(rules: []), invoker: Recorder(failures: 0), now: { Date() },
                           sleep: { _ in }, gatherDelay: .seconds(1))
        for index in 0..<100 { bus.emit(customEvent(index)) }
        await bus.drain()
        XCTAssertEqual(store.batches, [100])
        XCTAssertEqual(try database.events(since: nil, status: nil).map(\.id), (0..<100).map { "e-\($0)" })
    }

    /// A process about to end stores what it emitted at once, without waiting for others.
    func testFinishStoringStoresWhatWasEmittedWithoutGathering() throws {
        let store = BatchRecorder(database)
        let bus = EventBus(store: store, rules: RuleCatalog(rules: []), invoker: Recorder(failures: 0), now: { Date() },
                           sleep: { _ in }, gatherDelay: .seconds(30))
        for index in 0..<3 { bus.emit(customEvent(index)) }
        bus.finishStoring()
        XCTAssertEqual(store.batches, [3])
        XCTAssertEqual(try database.events(since: nil, status: nil).map(\.id), ["e-0", "e-1", "e-2"])
    }
}

/// A target invoker that fails its first `failures` calls.
private final class Recorder: EventTargetInvoker {
    let failures: Int
    private let made = Mutex<[String]>([])
    init(failures: Int) { self.failures = failures }
    var calls: [String] { made.withLock { $0 } }

    func deliver(_ payload: JSONValue, to function: String) async -> String? {
        let count = made.withLock { calls in
            calls.append(function)
            return calls.count
        }
        return count <= failures ? "AccessDeniedException: denied" : nil
    }
}

private final class Waits: Sendable {
    private let waits = Mutex<[Double]>([])
    func add(_ seconds: Double) { waits.withLock { $0.append(seconds) } }
    var all: [Double] { waits.withLock { $0 } }
}

/// The bus's store, counting the events of each transaction that stores a batch.
private final class BatchRecorder: EventRoutingStore {
    let store: MemoryStore
    private let sizes = Mutex<[Int]>([])
    init(_ store: MemoryStore) { self.store = store }
    var batches: [Int] { sizes.withLock { $0 } }

    func insert(_ events: [EventRecord]) throws(StoreError) {
        sizes.withLock { $0.append(events.count) }
        try store.insert(events)
    }
    func insert(_ events: [EventRecord], readingRulesUnless known: Int64?) throws(StoreError) -> RulesRead {
        sizes.withLock { $0.append(events.count) }
        return try store.insert(events, readingRulesUnless: known)
    }
    func insert(_ event: EventRecord) throws(StoreError) { try store.insert(event) }
    func insert(_ deadLetter: DeadLetterRecord) throws(StoreError) { try store.insert(deadLetter) }
    func events(since: Int64?, status: String?) throws(StoreError) -> [EventRecord] { try store.events(since: since, status: status) }
    func event(id: String) throws(StoreError) -> EventRecord? { try store.event(id: id) }
    func deadLetters() throws(StoreError) -> [DeadLetterRecord] { try store.deadLetters() }
    func rule(name: String) throws(StoreError) -> RuleRecord? { try store.rule(name: name) }
    func rules() throws(StoreError) -> [RuleRecord] { try store.rules() }
    func changeRule<Outcome>(name: String, _ decide: (_ current: RuleRecord?) -> (RuleChange, Outcome)) throws(StoreError) -> Outcome {
        try store.changeRule(name: name, decide)
    }
}
