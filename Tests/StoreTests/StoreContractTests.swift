import Foundation
import Store
import XCTest

/// The conflict rules each store protocol states (Sources/Store/Stores.swift), checked on both
/// implementations: the SQLite database and the in-memory twin tests use in its place.
final class StoreContractTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-store-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    private typealias AnyStore = ExecutionStore & LogEventStore & EventStore & TableItemStore & TopicMessageStore

    /// Each implementation, named for the failure messages.
    private func stores() throws -> [(String, any AnyStore)] {
        [("sqlite", try HostDatabase(directory: folder)), ("memory", MemoryStore())]
    }

    private func execution(_ name: String, start: Int64, status: String = "RUNNING", machine: String = "M") -> ExecutionRecord {
        ExecutionRecord(executionArn: "arn:aws:states:us-east-1:123456789012:execution:\(machine):\(name)",
                        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:\(machine)", machineName: machine,
                        name: name, status: status, startDate: start, input: "{}")
    }

    private func event(_ arn: String, _ id: Int64, _ type: String = "PassStateEntered") -> HistoryEventRecord {
        HistoryEventRecord(executionArn: arn, id: id, previousEventId: id - 1, timestamp: 1000 + id, type: type, details: nil)
    }

    func testAnExecutionArnIsUniqueAndEventsAreWrittenOnce() throws {
        for (name, store) in try stores() {
            let first = execution("a", start: 10)
            XCTAssertTrue(try store.insert(first), name)
            var again = first
            again.input = #"{"other":true}"#
            XCTAssertFalse(try store.insert(again), name)
            XCTAssertEqual(try store.execution(arn: first.executionArn)?.input, "{}", name)
            // A retried batch duplicates nothing.
            let batch = [event(first.executionArn, 1), event(first.executionArn, 2)]
            try store.append(batch, invocations: [])
            try store.append(batch + [event(first.executionArn, 3)], invocations: [])
            XCTAssertEqual(try store.history(of: first.executionArn).map(\.id), [1, 2, 3], name)
            XCTAssertEqual(try store.historyCount(of: first.executionArn), 3, name)
            var ended = first
            ended.status = "SUCCEEDED"
            ended.stopDate = 20
            try store.finish(ended, events: [event(first.executionArn, 3), event(first.executionArn, 4, "ExecutionSucceeded")], invocations: [])
            XCTAssertEqual(try store.history(of: first.executionArn).map(\.type).last, "ExecutionSucceeded", name)
            XCTAssertEqual(try store.execution(arn: first.executionArn)?.status, "SUCCEEDED", name)
        }
    }

    /// What a record, an event and a status-change event are written with reads back exactly:
    /// every column kind (text, integers, nulls), non-ASCII text, and a payload past SQLite's
    /// page size. (Compared with `==`, so that a failure does not print 70,000 characters.)
    func testEveryWrittenValueReadsBackExactly() throws {
        let text = "café ☕ \"quoted\" \n" + String(repeating: "x", count: 70_000) + "end"
        for (name, store) in try stores() {
            var record = execution("values", start: -5)
            record.input = text
            record.definition = #"{"StartAt":"P"}"#
            record.definitionDate = Int64.max
            record.owner = "me"
            record.leaseExpiry = 42
            XCTAssertTrue(try store.insert(record), name)
            XCTAssertTrue(try store.execution(arn: record.executionArn) == record, name)
            let history = HistoryEventRecord(executionArn: record.executionArn, id: 1, previousEventId: 0, timestamp: Int64.min,
                                             type: "ExecutionStarted", details: text)
            var ended = record
            (ended.status, ended.stopDate, ended.output, ended.error, ended.cause) = ("FAILED", 7, nil, "É", text)
            try store.finish(ended, events: [history], invocations: [])
            ended.owner = nil
            ended.leaseExpiry = nil
            XCTAssertTrue(try store.execution(arn: record.executionArn) == ended, name)
            XCTAssertTrue(try store.history(of: record.executionArn) == [history], name)
            let event = EventRecord(id: "é", time: 3, detailType: "d", source: "s", status: nil, resource: text, body: text)
            try store.insert([event])
            XCTAssertTrue(try store.event(id: "é") == event, name)
        }
    }

    func testHistoryAfterAnIdAndExecutionsCountedByMachineAndStatus() throws {
        for (name, store) in try stores() {
            let first = execution("a", start: 10)
            XCTAssertTrue(try store.insert(first), name)
            try store.append((1...7).map { event(first.executionArn, $0) }, invocations: [])
            XCTAssertEqual(try store.history(of: first.executionArn, after: 3, limit: 2).map(\.id), [4, 5], name)
            XCTAssertEqual(try store.history(of: first.executionArn, after: 5, limit: nil).map(\.id), [6, 7], name)
            XCTAssertEqual(try store.history(of: first.executionArn, after: 7, limit: 10).map(\.id), [], name)
            XCTAssertTrue(try store.insert(execution("b", start: 11, status: "SUCCEEDED")), name)
            XCTAssertTrue(try store.insert(execution("c", start: 12, status: "SUCCEEDED")), name)
            XCTAssertTrue(try store.insert(execution("d", start: 13, status: "FAILED", machine: "N")), name)
            let counts = try store.executionCounts().sorted { ($0.machineName, $0.status) < ($1.machineName, $1.status) }
            XCTAssertEqual(counts, [ExecutionCount(machineName: "M", status: "RUNNING", count: 1),
                                    ExecutionCount(machineName: "M", status: "SUCCEEDED", count: 2),
                                    ExecutionCount(machineName: "N", status: "FAILED", count: 1)], name)
        }
    }

    func testOneOwnerAtATimeRunsAnExecution() throws {
        for (name, store) in try stores() {
            var held = execution("leased", start: 10)
            held.owner = "a"
            held.leaseExpiry = 1_000
            XCTAssertTrue(try store.insert(held), name)
            // Held, live and unexpired: no one else may take it, nor may its owner "claim" it again.
            XCTAssertNil(try store.claim(executionArn: held.executionArn, owner: "b", until: 2_000, now: 999, isGone: { _ in false }), name)
            XCTAssertNil(try store.claim(executionArn: held.executionArn, owner: "a", until: 2_000, now: 999, isGone: { _ in false }), name)
            // Renewing moves the expiry of what the owner holds, only.
            XCTAssertEqual(try store.renewLeases(owner: "a", until: 1_500), [held.executionArn], name)
            XCTAssertEqual(try store.renewLeases(owner: "b", until: 1_500), [], name)
            XCTAssertNil(try store.claim(executionArn: held.executionArn, owner: "b", until: 2_000, now: 1_200, isGone: { _ in false }), name)
            // Expired: the first claimant gets it, the second does not.
            let claimed = try store.claim(executionArn: held.executionArn, owner: "b", until: 3_000, now: 1_500, isGone: { _ in false })
            XCTAssertEqual(claimed?.owner, "b", name)
            XCTAssertEqual(claimed?.leaseExpiry, 3_000, name)
            XCTAssertNil(try store.claim(executionArn: held.executionArn, owner: "c", until: 3_000, now: 1_500, isGone: { _ in false }), name)
            // A gone owner's execution is free before its lease expires.
            let taken = try store.claim(executionArn: held.executionArn, owner: "c", until: 4_000, now: 1_600, isGone: { $0 == "b" })
            XCTAssertEqual(taken?.owner, "c", name)
            // The owner that lost it stores no end, and loses no event of the new owner's.
            var stale = held
            stale.status = "SUCCEEDED"
            XCTAssertThrowsError(try store.finish(stale, events: [event(held.executionArn, 1)], invocations: []), name)
            XCTAssertEqual(try store.execution(arn: held.executionArn)?.status, "RUNNING", name)
            XCTAssertEqual(try store.historyCount(of: held.executionArn), 0, name)
            XCTAssertEqual(try store.runningExecutions().map(\.executionArn), [held.executionArn], name)
            // Released, it is free at once; ended, it is no one's and no longer claimable.
            try store.releaseLeases(owner: "c")
            XCTAssertNil(try store.execution(arn: held.executionArn)?.owner, name)
            var ended = try XCTUnwrap(try store.claim(executionArn: held.executionArn, owner: "d", until: 5_000, now: 1_700, isGone: { _ in false }), name)
            ended.status = "SUCCEEDED"
            try store.finish(ended, events: [], invocations: [])
            XCTAssertNil(try store.execution(arn: held.executionArn)?.owner, name)
            XCTAssertEqual(try store.runningExecutions().count, 0, name)
            XCTAssertNil(try store.claim(executionArn: held.executionArn, owner: "e", until: 6_000, now: 9_999, isGone: { _ in true }), name)
        }
    }

    /// An ended execution has no owner, yet its end is final: a second end, by any owner, alone
    /// or in a group, fails, and leaves the stored end and history as they were. Ending an
    /// execution that was never stored fails too.
    func testAStoredEndIsFinal() throws {
        for (name, store) in try stores() {
            var running = execution("once", start: 10)
            running.owner = "a"
            running.leaseExpiry = 1_000
            XCTAssertTrue(try store.insert(running), name)
            var ended = running
            (ended.status, ended.stopDate, ended.output) = ("SUCCEEDED", 20, #"{"done":true}"#)
            try store.finish(ended, events: [event(running.executionArn, 1, "ExecutionSucceeded")], invocations: [])
            let stored = try XCTUnwrap(try store.execution(arn: running.executionArn), name)
            XCTAssertEqual(stored.status, "SUCCEEDED", name)
            XCTAssertNil(stored.owner, name)

            for owner in ["a", "b", nil] as [String?] {
                var again = running
                (again.owner, again.status, again.stopDate, again.error, again.cause) = (owner, "FAILED", 30, "E", "late")
                XCTAssertThrowsError(try store.finish(again, events: [event(running.executionArn, 2, "ExecutionFailed")], invocations: []),
                                     "\(name), owner \(owner ?? "none")") { error in
                    XCTAssertEqual("\(error)", "the execution \(running.executionArn) has ended already (SUCCEEDED): "
                        + "its end is final, and this end (FAILED) is not stored", name)
                }
                let outcomes = try store.write([.finish(again, events: [event(running.executionArn, 2, "ExecutionFailed")], invocations: [])])
                XCTAssertThrowsError(try outcomes[0].get(), "\(name), in a group, owner \(owner ?? "none")")
            }
            XCTAssertTrue(try store.execution(arn: running.executionArn) == stored, "the first end is kept (\(name))")
            XCTAssertEqual(try store.history(of: running.executionArn).map(\.type), ["ExecutionSucceeded"], name)

            let never = execution("never", start: 11)
            XCTAssertThrowsError(try store.finish(never, events: [event(never.executionArn, 1)], invocations: []), name) { error in
                XCTAssertEqual("\(error)", "no execution \(never.executionArn) is stored", name)
            }
            XCTAssertNil(try store.execution(arn: never.executionArn), name)
            XCTAssertEqual(try store.historyCount(of: never.executionArn), 0, name)
        }
    }

    /// A Map Run is written with the executions' writes, each write replacing what was stored
    /// of it; its children are found by its ARN.
    func testAMapRunIsReplacedByItsLatestWriteAndFindsItsChildren() throws {
        let mapRunArn = "arn:aws:states:us-east-1:123456789012:mapRun:M/L:1"
        for (name, store) in try stores() {
            let parent = execution("p", start: 10)
            var running = MapRunRecord(mapRunArn: mapRunArn, executionArn: parent.executionArn,
                                       stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:M/L", status: "RUNNING",
                                       startDate: 11, maxConcurrency: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0,
                                       itemCounts: #"{"pending":2}"#, executionCounts: #"{"pending":2}"#)
            var first = execution("c1", start: 12, machine: "M/L")
            first.mapRunArn = mapRunArn
            var second = execution("c2", start: 13, status: "FAILED", machine: "M/L")
            second.mapRunArn = mapRunArn
            let outcomes = try store.write([.insert(parent), .mapRun(running), .insert(first), .insert(second), .insert(execution("other", start: 14))])
            XCTAssertEqual(outcomes.map { try? $0.get() }, [true, true, true, true, true], name)
            XCTAssertEqual(try store.mapRun(arn: mapRunArn), running, name)
            running.status = "SUCCEEDED"
            running.stopDate = 20
            running.executionCounts = #"{"succeeded":1,"failed":1}"#
            _ = try store.write([.mapRun(running)])
            XCTAssertEqual(try store.mapRun(arn: mapRunArn), running, name)
            XCTAssertEqual(try store.mapRuns(executionArn: parent.executionArn), [running], name)
            XCTAssertEqual(try store.mapRuns(executionArn: first.executionArn), [], name)
            XCTAssertNil(try store.mapRun(arn: mapRunArn + "0"), name)
            XCTAssertEqual(try store.executions(mapRunArn: mapRunArn, status: nil).map(\.name), ["c2", "c1"], name)
            XCTAssertEqual(try store.executions(mapRunArn: mapRunArn, status: "FAILED").map(\.name), ["c2"], name)
            XCTAssertEqual(try store.execution(arn: first.executionArn)?.mapRunArn, mapRunArn, name)
        }
    }

    func testExecutionsAreListedNewestFirstAndFiltered() throws {
        for (name, store) in try stores() {
            for (index, status) in ["SUCCEEDED", "FAILED", "SUCCEEDED"].enumerated() {
                XCTAssertTrue(try store.insert(execution("e\(index)", start: Int64(index), status: status)), name)
            }
            XCTAssertTrue(try store.insert(execution("e0", start: 5, machine: "N")), name)
            XCTAssertEqual(try store.executions(machineName: nil, status: nil, limit: nil).map(\.name), ["e0", "e2", "e1", "e0"], name)
            XCTAssertEqual(try store.executions(machineName: "M", status: "SUCCEEDED", limit: nil).map(\.name), ["e2", "e0"], name)
            XCTAssertEqual(try store.executions(machineName: nil, status: nil, limit: 2).count, 2, name)
            XCTAssertEqual(try store.executions(named: "e0").map(\.machineName), ["N", "M"], name)
        }
    }

    func testInvocationsKeepTheirOrderAndAreWrittenOnce() throws {
        for (name, store) in try stores() {
            let record = execution("i", start: 1)
            XCTAssertTrue(try store.insert(record), name)
            let invocations = (1...3).map {
                InvocationRecord(executionArn: record.executionArn, sequence: $0, logGroupName: "/aws/lambda/F", logStreamName: "s", requestId: "r\($0)")
            }
            try store.append([], invocations: Array(invocations.prefix(2)))
            try store.append([], invocations: invocations)
            XCTAssertEqual(try store.invocations(of: record.executionArn).map(\.requestId), ["r1", "r2", "r3"], name)
        }
    }

    func testLogEventsGroupsAndStreams() throws {
        for (name, store) in try stores() {
            XCTAssertEqual(try store.lastLogEventID(), 0, name)
            try store.append([NewLogEvent(groupName: "/g", streamName: "b", timestamp: 30, message: "late"),
                              NewLogEvent(groupName: "/g", streamName: "a", timestamp: 10, message: "early")], ingestionTime: 40)
            try store.append([NewLogEvent(groupName: "/g", streamName: "a", timestamp: 10, message: "tie"),
                              NewLogEvent(groupName: "/h", streamName: "a", timestamp: 5, message: "other group")], ingestionTime: 50)
            XCTAssertEqual(try store.logGroups(prefix: nil).map(\.name), ["/g", "/h"], name)
            XCTAssertEqual(try store.logGroups(prefix: "/g").map(\.storedBytes), [12], name)
            XCTAssertEqual(try store.logStreams(group: "/g", byLastEvent: false).map(\.name), ["a", "b"], name)
            XCTAssertEqual(try store.logStreams(group: "/g", byLastEvent: true).map(\.name), ["b", "a"], name)
            let a = try XCTUnwrap(try store.logStreams(group: "/g", byLastEvent: false).first, name)
            XCTAssertEqual([a.firstEventTimestamp, a.lastEventTimestamp, a.lastIngestionTime], [10, 10, 50], name)
            // By time, ties in the order appended.
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/g")).map(\.message), ["early", "tie", "late"], name)
            // Four events stored: the last id is the largest given, past which a tail finds nothing yet.
            let last = try store.lastLogEventID()
            let ids = try store.logEvents(LogEventQuery(groupName: "/g")).map(\.id) + store.logEvents(LogEventQuery(groupName: "/h")).map(\.id)
            XCTAssertEqual(ids.count, 4, name)
            XCTAssertEqual(last, ids.max(), name)
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/g", afterID: last)).count, 0, name)
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/g", streamNames: ["b"])).map(\.message), ["late"], name)
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/g", start: 10, end: 30)).map(\.message), ["early", "tie"], name)
            let first = try XCTUnwrap(try store.logEvents(LogEventQuery(groupName: "/g", limit: 1)).first, name)
            // `afterID` is a cursor in append order (what `--follow` remembers), not in time:
            // "late" was appended before "early".
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/g", afterID: first.id)).map(\.message), ["tie"], name)
            XCTAssertFalse(try store.setRetention(group: "/none", days: 1), name)
            XCTAssertTrue(try store.setRetention(group: "/g", days: 1), name)
            try store.deleteExpiredLogEvents(now: 30 + 86_400_000)
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/g")).map(\.message), ["late"], name)
            XCTAssertEqual(try store.logEvents(LogEventQuery(groupName: "/h")).map(\.message), ["other group"], name)
        }
    }

    func testEventIdsAreUniqueAndDeadLettersAccumulate() throws {
        for (name, store) in try stores() {
            let event = EventRecord(id: "e", time: 2, detailType: "d", source: "s", status: "FAILED", resource: nil, body: "{}")
            try store.insert(event)
            XCTAssertThrowsError(try store.insert(event), name)
            try store.insert(EventRecord(id: "f", time: 1, detailType: "d", source: "s", status: "SUCCEEDED", resource: nil, body: "{}"))
            XCTAssertEqual(try store.events(since: nil, status: nil).map(\.id), ["f", "e"], name)
            XCTAssertEqual(try store.events(since: 2, status: nil).map(\.id), ["e"], name)
            XCTAssertEqual(try store.events(since: nil, status: "SUCCEEDED").map(\.id), ["f"], name)
            XCTAssertEqual(try store.event(id: "e")?.status, "FAILED", name)
            for reason in ["first", "second"] {
                try store.insert(DeadLetterRecord(eventId: "e", rule: "r", target: "t", attempts: 1, reason: reason, time: 3))
            }
            XCTAssertEqual(try store.deadLetters().map(\.reason), ["first", "second"], name)
        }
    }

    /// A batch of events is one transaction: one id stored already, and none of them is.
    func testABatchOfEventsIsStoredWholeOrNotAtAll() throws {
        for (name, store) in try stores() {
            let first = EventRecord(id: "a", time: 1, detailType: "d", source: "s", status: nil, resource: nil, body: "{}")
            try store.insert(first)
            var second = first
            second.id = "b"
            XCTAssertThrowsError(try store.insert([second, first]), name)
            XCTAssertEqual(try store.events(since: nil, status: nil).map(\.id), ["a"], name)
            try store.insert([second])
            XCTAssertEqual(try store.events(since: nil, status: nil).map(\.id), ["a", "b"], name)
        }
    }

    /// `write` applies each write by its own rule: a repeated insert answers false and a
    /// finish over another owner's lease fails, while the other writes of the group are stored.
    func testAGroupOfExecutionWritesGivesEachItsOwnOutcome() throws {
        for (name, store) in try stores() {
            var held = execution("held", start: 1)
            held.owner = "other"
            held.leaseExpiry = 10
            XCTAssertTrue(try store.insert(held), name)
            let fresh = execution("fresh", start: 2)
            var stolen = held
            stolen.owner = "me"
            stolen.status = "SUCCEEDED"
            let outcomes = try store.write([
                .insert(fresh), .insert(held), .append(events: [event(fresh.executionArn, 1)], invocations: []),
                .finish(stolen, events: [event(held.executionArn, 1)], invocations: []),
            ])
            XCTAssertEqual(outcomes.count, 4, name)
            XCTAssertEqual(try outcomes[0].get(), true, name)
            XCTAssertEqual(try outcomes[1].get(), false, "the ARN exists: ExecutionAlreadyExists (\(name))")
            XCTAssertEqual(try outcomes[2].get(), true, name)
            XCTAssertThrowsError(try outcomes[3].get(), "another owner holds it (\(name))")
            XCTAssertEqual(try store.execution(arn: held.executionArn)?.status, "RUNNING", name)
            XCTAssertEqual(try store.historyCount(of: held.executionArn), 0, "nothing of the refused finish is stored (\(name))")
            XCTAssertEqual(try store.historyCount(of: fresh.executionArn), 1, name)
        }
    }

    func testATableItemChangesInOneStep() throws {
        for (name, store) in try stores() {
            let key = TableItemKey(partition: Data([1]), sort: Data([2]))
            let created: Bool = try store.changeTableItem(table: "t", key: key) { current in
                current == nil ? (.put("one"), true) : (.keep, false)
            }
            let again: Bool = try store.changeTableItem(table: "t", key: key) { current in
                current == nil ? (.put("two"), true) : (.keep, false)
            }
            XCTAssertEqual([created, again], [true, false], name)
            XCTAssertEqual(try store.tableItem(table: "t", key: key), "one", name)
            for sort in [[1], [3], [2, 0]] as [[UInt8]] {
                let _: Void = try store.changeTableItem(table: "t", key: TableItemKey(partition: Data([1]), sort: Data(sort))) { _ in (.put("\(sort)"), ()) }
            }
            let _: Void = try store.changeTableItem(table: "t", key: TableItemKey(partition: Data([0]), sort: Data())) { _ in (.put("p0"), ()) }
            // Bytewise key order, as SQLite compares blobs.
            XCTAssertEqual(try store.scanTableItems(table: "t", after: nil, limit: nil).map(\.item), ["p0", "[1]", "one", "[2, 0]", "[3]"], name)
            XCTAssertEqual(try store.scanTableItems(table: "t", after: key, limit: 1).map(\.item), ["[2, 0]"], name)
            let range = TableItemQuery(table: "t", partition: Data([1]), lower: SortKeyBound(Data([2]), inclusive: false),
                                       upper: SortKeyBound(Data([3]), inclusive: true), descending: true)
            XCTAssertEqual(try store.queryTableItems(range).map(\.item), ["[3]", "[2, 0]"], name)
            let _: Void = try store.changeTableItem(table: "t", key: key) { _ in (.delete, ()) }
            XCTAssertNil(try store.tableItem(table: "t", key: key), name)
            XCTAssertEqual(try store.deleteTableItems(table: "t"), 4, name)
        }
    }

    func testTopicMessageIdsOnlyGrow() throws {
        for (name, store) in try stores() {
            let first = try store.appendTopicMessage(NewTopicMessage(service: "sns", topic: "a", messageId: "1", timestamp: 1, message: "x"))
            let second = try store.appendTopicMessage(NewTopicMessage(service: "sns", topic: "b", messageId: "2", timestamp: 2, message: "y"))
            XCTAssertLessThan(first, second, name)
            XCTAssertEqual(try store.topicMessages(topic: nil, service: nil, afterID: first, limit: nil).map(\.messageId), ["2"], name)
            XCTAssertEqual(try store.topicMessages(topic: "a", service: "sns", afterID: nil, limit: nil).map(\.messageId), ["1"], name)
        }
    }
}
