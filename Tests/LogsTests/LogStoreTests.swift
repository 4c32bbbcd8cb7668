import Foundation
import Logs
import Store
import XCTest

final class LogStoreTests: XCTestCase {
    var folder: URL!
    var store: LogStore!
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-logs-\(UUID().uuidString)")
        let start = self.start
        store = LogStore(store: try HostDatabase(directory: folder), now: { start })
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testQueuedEventsAreWrittenOnFlush() throws {
        store.put(group: "/aws/lambda/F", stream: "s", events: [(start, "START"), (start, "hello")])
        try store.flush()
        XCTAssertEqual(try store.events(group: "/aws/lambda/F").map(\.message), ["START", "hello"])
    }

    func testAFullBatchIsWrittenWithoutWaiting() throws {
        let lines = (0..<LogStore.batchSize).map { (start, "line \($0)") }
        store.put(group: "g", stream: "s", events: lines)
        // No flush: the batch was full.
        let other = try LogStore(store: HostDatabase(directory: folder), now: { Date() })
        XCTAssertEqual(try other.events(group: "g").count, LogStore.batchSize)
    }

    func testFilterPatternSelectsEvents() throws {
        store.put(group: "g", stream: "s", events: [(start, "[ERROR] boom"), (start, "all good"), (start, #"{"level": "ERROR"}"#)])
        try store.flush()
        // A term matches anywhere in the message, JSON or not.
        XCTAssertEqual(try store.events(group: "g", filter: FilterPattern("ERROR")).map(\.message), ["[ERROR] boom", #"{"level": "ERROR"}"#])
        XCTAssertEqual(try store.events(group: "g", filter: FilterPattern(#"{ $.level = "ERROR" }"#)).map(\.message), [#"{"level": "ERROR"}"#])
    }

    /// docs/logs.md: only these retention values exist.
    func testRetentionAcceptsCloudWatchValuesOnly() throws {
        store.put(group: "g", stream: "s", events: [(start.addingTimeInterval(-10 * 86_400), "old"), (start, "new")])
        try store.flush()
        XCTAssertThrowsError(try store.putRetentionPolicy(group: "g", days: 2))
        XCTAssertThrowsError(try store.putRetentionPolicy(group: "nope", days: 7))
        try store.putRetentionPolicy(group: "g", days: 7)
        XCTAssertEqual(try store.events(group: "g").map(\.message), ["new"])
        XCTAssertEqual(LogStore.retentionDays, [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653])
    }
}
