import Foundation
@testable import Store
import XCTest

final class HostDatabaseTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-store-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testEventsComeBackInTimeOrderWithStreamsAndGroups() throws {
        let db = try HostDatabase(directory: folder)
        try db.append([
            NewLogEvent(groupName: "/aws/lambda/A", streamName: "s1", timestamp: 2000, message: "second"),
            NewLogEvent(groupName: "/aws/lambda/A", streamName: "s1", timestamp: 1000, message: "first"),
            NewLogEvent(groupName: "/aws/lambda/A", streamName: "s2", timestamp: 3000, message: "third"),
            NewLogEvent(groupName: "/aws/lambda/B", streamName: "s1", timestamp: 1500, message: "other group"),
        ], ingestionTime: 5000)
        let events = try db.logEvents(LogEventQuery(groupName: "/aws/lambda/A"))
        XCTAssertEqual(events.map(\.message), ["first", "second", "third"])
        XCTAssertEqual(try db.logEvents(LogEventQuery(groupName: "/aws/lambda/A", streamNames: ["s2"])).map(\.message), ["third"])
        XCTAssertEqual(try db.logEvents(LogEventQuery(groupName: "/aws/lambda/A", start: 1500, end: 3000)).map(\.message), ["second"])
        XCTAssertEqual(try db.logGroups(prefix: "/aws/lambda/").map(\.name), ["/aws/lambda/A", "/aws/lambda/B"])
        XCTAssertEqual(try db.logGroups(prefix: "/aws/lambda/B").map(\.name), ["/aws/lambda/B"])
        let streams = try db.logStreams(group: "/aws/lambda/A")
        XCTAssertEqual(streams.map(\.name), ["s1", "s2"])
        XCTAssertEqual(streams[0].firstEventTimestamp, 1000)
        XCTAssertEqual(streams[0].lastEventTimestamp, 2000)
        XCTAssertEqual(streams[0].storedBytes, Int64("second".utf8.count + "first".utf8.count))
        XCTAssertEqual(streams[0].lastIngestionTime, 5000)
        XCTAssertEqual(try db.logStreams(group: "/aws/lambda/A", byLastEvent: true).map(\.name), ["s2", "s1"])
        XCTAssertEqual(try db.logGroups(prefix: "/aws/lambda/A").first?.storedBytes, Int64("secondfirstthird".utf8.count))
    }

    /// The live tail's look for a group's events past an id (docs/console.md) is a range of the
    /// index by group and id, not a walk over the group's events by time; the home page's
    /// counts read the index by machine and status alone.
    func testLiveTailAndCountsAreAnsweredByIndexes() throws {
        let db = try HostDatabase(directory: folder)
        for streams in [nil, ["s"]] as [[String]?] {
            let tail = HostDatabase.statement(of: LogEventQuery(groupName: "g", streamNames: streams, afterID: 7))
            let plan = try db.queryPlan(tail.sql, arguments: tail.arguments)
            XCTAssertTrue(plan.contains { $0.contains("INDEX logEventByGroupAndId (groupName=? AND id>?)") }, "\(plan)")
        }
        let counts = try db.queryPlan(HostDatabase.executionCountsSQL, arguments: [])
        XCTAssertEqual(counts, ["SCAN execution USING COVERING INDEX executionByMachineAndStatus"])
    }

    func testReopeningKeepsDataAndDoesNotMigrateTwice() throws {
        try HostDatabase(directory: folder).append([NewLogEvent(groupName: "g", streamName: "s", timestamp: 1, message: "kept")], ingestionTime: 1)
        let again = try HostDatabase(directory: folder)
        XCTAssertEqual(try again.logEvents(LogEventQuery(groupName: "g")).map(\.message), ["kept"])
    }

    func testRetentionDeletesOnlyExpiredEventsOfThatGroup() throws {
        let db = try HostDatabase(directory: folder)
        let day: Int64 = 86_400_000
        try db.append([
            NewLogEvent(groupName: "g", streamName: "s", timestamp: 10 * day, message: "old"),
            NewLogEvent(groupName: "g", streamName: "s", timestamp: 19 * day, message: "recent"),
            NewLogEvent(groupName: "h", streamName: "s", timestamp: 10 * day, message: "other"),
        ], ingestionTime: 20 * day)
        XCTAssertTrue(try db.setRetention(group: "g", days: 7))
        XCTAssertFalse(try db.setRetention(group: "missing", days: 7))
        try db.deleteExpiredLogEvents(now: 20 * day)
        XCTAssertEqual(try db.logEvents(LogEventQuery(groupName: "g")).map(\.message), ["recent"])
        XCTAssertEqual(try db.logEvents(LogEventQuery(groupName: "h")).map(\.message), ["other"])
        XCTAssertEqual(try db.logGroups(prefix: "g").first?.retentionInDays, 7)
    }

    /// Several writers at once (as several `host` processes are): every line is kept.
    func testConcurrentWritersLoseNothing() throws {
        let writers = 4, batches = 25, perBatch = 20
        let folder = self.folder!
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            // A connection of its own per writer, as a separate process would have.
            let db = try! HostDatabase(directory: folder)
            for batch in 0..<batches {
                let events = (0..<perBatch).map { i in
                    NewLogEvent(groupName: "g", streamName: "w\(writer)", timestamp: Int64(batch), message: "\(writer)-\(batch)-\(i)")
                }
                try! db.append(events, ingestionTime: 0)
            }
        }
        let db = try HostDatabase(directory: folder)
        let messages = try db.logEvents(LogEventQuery(groupName: "g")).map(\.message)
        XCTAssertEqual(messages.count, writers * batches * perBatch)
        XCTAssertEqual(Set(messages).count, writers * batches * perBatch)
    }
}
