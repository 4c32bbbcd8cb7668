import Foundation
import Store
import XCTest

/// The store's side of tables and topics: keyed items, conditional writes in one
/// transaction, sort key ranges and paging, and topic messages with growing ids.
final class TableItemStoreTests: XCTestCase {
    var folder: URL!
    var db: HostDatabase!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-tables-\(UUID().uuidString)")
        db = try HostDatabase(directory: folder)
    }

    override func tearDownWithError() throws {
        db = nil
        try? FileManager.default.removeItem(at: folder)
    }

    private func key(_ partition: String, _ sort: UInt8? = nil) -> TableItemKey {
        TableItemKey(partition: Data(partition.utf8), sort: sort.map { Data([$0]) } ?? Data())
    }

    private func put(_ table: String, _ key: TableItemKey, _ item: String) throws {
        try db.changeTableItem(table: table, key: key) { _ in (.put(item), ()) }
    }

    func testItemsAreKeyedByTablePartitionAndSortKey() throws {
        try put("a", key("p", 1), "one")
        try put("a", key("p", 2), "two")
        try put("b", key("p", 1), "other table")
        XCTAssertEqual(try db.tableItem(table: "a", key: key("p", 1)), "one")
        XCTAssertEqual(try db.tableItem(table: "b", key: key("p", 1)), "other table")
        XCTAssertNil(try db.tableItem(table: "a", key: key("q", 1)))
        try put("a", key("p", 1), "replaced")
        XCTAssertEqual(try db.tableItem(table: "a", key: key("p", 1)), "replaced")
    }

    func testAChangeSeesTheCurrentItemAndMayKeepOrDeleteIt() throws {
        try put("t", key("k"), "first")
        let seen = try db.changeTableItem(table: "t", key: key("k")) { current in (.keep, current) }
        XCTAssertEqual(seen, "first")
        XCTAssertEqual(try db.tableItem(table: "t", key: key("k")), "first")
        let missing = try db.changeTableItem(table: "t", key: key("none")) { current in (.keep, current) }
        XCTAssertNil(missing)
        try db.changeTableItem(table: "t", key: key("k")) { _ in (.delete, ()) }
        XCTAssertNil(try db.tableItem(table: "t", key: key("k")))
    }

    func testConcurrentIncrementsLoseNothing() throws {
        let counter = key("counter")
        try put("t", counter, "0")
        let db = self.db!
        DispatchQueue.concurrentPerform(iterations: 50) { _ in
            try? db.changeTableItem(table: "t", key: counter) { current in
                (.put(String(Int(current ?? "0")! + 1)), ())
            }
        }
        XCTAssertEqual(try db.tableItem(table: "t", key: counter), "50")
    }

    func testQueryReadsARangeOfOnePartitionInEitherOrderAndPages() throws {
        for sort: UInt8 in [5, 1, 3, 2, 4] { try put("t", key("p", sort), "p\(sort)") }
        try put("t", key("q", 3), "q3")
        func query(_ q: TableItemQuery) throws -> [String] { try db.queryTableItems(q).map(\.item) }
        let partition = Data("p".utf8)
        XCTAssertEqual(try query(TableItemQuery(table: "t", partition: partition)), ["p1", "p2", "p3", "p4", "p5"])
        XCTAssertEqual(try query(TableItemQuery(table: "t", partition: partition, descending: true, limit: 2)), ["p5", "p4"])
        XCTAssertEqual(try query(TableItemQuery(table: "t", partition: partition, lower: SortKeyBound(Data([2]), inclusive: false),
                                                upper: SortKeyBound(Data([4]), inclusive: true))), ["p3", "p4"])
        XCTAssertEqual(try query(TableItemQuery(table: "t", partition: partition, afterSortKey: Data([3]))), ["p4", "p5"])
        XCTAssertEqual(try query(TableItemQuery(table: "t", partition: partition, descending: true, afterSortKey: Data([3]))), ["p2", "p1"])
    }

    func testScanGoesInKeyOrderAndResumesAfterAKey() throws {
        try put("t", key("b", 1), "b1")
        try put("t", key("a", 2), "a2")
        try put("t", key("a", 1), "a1")
        try put("u", key("a", 1), "elsewhere")
        XCTAssertEqual(try db.scanTableItems(table: "t").map(\.item), ["a1", "a2", "b1"])
        XCTAssertEqual(try db.scanTableItems(table: "t", after: key("a", 1), limit: 1).map(\.item), ["a2"])
        XCTAssertEqual(try db.scanTableItems(table: "t", after: key("a", 2)).map(\.item), ["b1"])
        XCTAssertEqual(try db.deleteTableItems(table: "t"), 3)
        XCTAssertEqual(try db.scanTableItems(table: "t"), [])
    }

    func testTopicMessagesGetGrowingIdsAndFilter() throws {
        let first = try db.appendTopicMessage(NewTopicMessage(service: "sns", topic: "status", messageId: "m1", timestamp: 10,
                                                              subject: "s", message: "one", attributes: #"{"a":1}"#))
        let second = try db.appendTopicMessage(NewTopicMessage(service: "iot", topic: "status", messageId: "m2", timestamp: 20, message: "two"))
        let third = try db.appendTopicMessage(NewTopicMessage(service: "sns", topic: "other", messageId: "m3", timestamp: 30, message: "three"))
        XCTAssertLessThan(first, second)
        XCTAssertLessThan(second, third)
        XCTAssertEqual(try db.topicMessages().map(\.message), ["one", "two", "three"])
        XCTAssertEqual(try db.topicMessages(topic: "status").map(\.message), ["one", "two"])
        XCTAssertEqual(try db.topicMessages(topic: "status", service: "sns").map(\.message), ["one"])
        XCTAssertEqual(try db.topicMessages(afterID: first).map(\.message), ["two", "three"])
        let stored = try XCTUnwrap(db.topicMessages(topic: "status").first)
        XCTAssertEqual(stored.subject, "s")
        XCTAssertEqual(stored.attributes, #"{"a":1}"#)
        XCTAssertEqual(stored.timestamp, 10)
    }
}
