import Foundation
import GRDB
@testable import Store
import XCTest

/// History events keyed by their execution's number (migration v14): a database written before
/// keeps every event under its execution, and new executions number on from the old ones.
final class HistoryOrderTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-history-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testADatabaseOfTheSchemaBeforeKeepsEveryEventUnderItsExecution() throws {
        // The schema as v13 left it, with two executions whose events were written interleaved.
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("host.sqlite").path)
        try HostDatabase.migrator.migrate(queue, upTo: "v13: the event rules' revision")
        try queue.write { db in
            for name in ["b", "a"] {
                try db.execute(sql: """
                    INSERT INTO execution (executionArn, stateMachineArn, machineName, name, status, startDate, input)
                    VALUES (?, 'arn:aws:states:us-east-1:123456789012:stateMachine:M', 'M', ?, 'RUNNING', 1, '{}')
                    """, arguments: [Self.arn(name), name])
            }
            for (name, id) in [("a", 1), ("b", 1), ("a", 2), ("b", 2), ("a", 3)] {
                try db.execute(sql: """
                    INSERT INTO historyEvent (executionArn, id, previousEventId, timestamp, type, details) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [Self.arn(name), id, id - 1, 10 * id, "\(name)\(id)", "{\"n\":\(id)}"])
            }
        }
        try queue.close()

        let database = try HostDatabase(directory: folder)
        XCTAssertEqual(try database.history(of: Self.arn("a")).map(\.type), ["a1", "a2", "a3"])
        XCTAssertEqual(try database.history(of: Self.arn("b")).map(\.type), ["b1", "b2"])
        XCTAssertEqual(try database.history(of: Self.arn("a")).map(\.details), ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"])
        XCTAssertEqual(try database.history(of: Self.arn("a"), after: 1, limit: 1).map(\.type), ["a2"])
        XCTAssertEqual(try database.historyCount(of: Self.arn("b")), 2)
        XCTAssertEqual(try database.history(of: Self.arn("c")), [])

        // A new execution takes the number after the old ones: its events are its own.
        var new = ExecutionRecord(executionArn: Self.arn("c"), stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:M",
                                  machineName: "M", name: "c", status: "RUNNING", startDate: 2, input: "{}")
        XCTAssertTrue(try database.insert(new))
        try database.append([HistoryEventRecord(executionArn: new.executionArn, id: 1, previousEventId: 0, timestamp: 5,
                                                type: "c1", details: nil)])
        new.status = "SUCCEEDED"
        try database.finish(new, events: [HistoryEventRecord(executionArn: new.executionArn, id: 2, previousEventId: 1, timestamp: 6,
                                                             type: "c2", details: nil)])
        XCTAssertEqual(try database.history(of: Self.arn("c")).map(\.type), ["c1", "c2"])
        XCTAssertEqual(try database.history(of: Self.arn("b")).map(\.type), ["b1", "b2"])
        let numbers = try database.readStatement { db in try Int64.fetchAll(db, sql: "SELECT number FROM execution ORDER BY name") }
        XCTAssertEqual(Set(numbers).count, 3)
        XCTAssertEqual(numbers.last, numbers.max())
    }

    /// An event of no stored execution is refused, as the reference to the ARN refused it.
    func testAnEventOfNoStoredExecutionIsRefused() throws {
        let database = try HostDatabase(directory: folder)
        XCTAssertThrowsError(try database.append([HistoryEventRecord(executionArn: Self.arn("missing"), id: 1, previousEventId: 0,
                                                                     timestamp: 1, type: "ExecutionStarted", details: nil)]))
        XCTAssertEqual(try database.history(of: Self.arn("missing")), [])
    }

    static func arn(_ name: String) -> String { "arn:aws:states:us-east-1:123456789012:execution:M:\(name)" }
}
