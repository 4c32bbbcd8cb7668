import Foundation
import Store
import XCTest

/// Executions, their history and the invocations they made, as the store keeps them.
final class ExecutionStoreTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-store-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func execution(_ machine: String, _ name: String, start: Int64) -> ExecutionRecord {
        ExecutionRecord(executionArn: "arn:aws:states:us-east-1:123456789012:execution:\(machine):\(name)",
                        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:\(machine)",
                        machineName: machine, name: name, status: "RUNNING", startDate: start, input: "{}",
                        definition: #"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
                        definitionFile: "/w/machines/\(machine).json", definitionDate: 5)
    }

    private func event(_ arn: String, _ id: Int64) -> HistoryEventRecord {
        HistoryEventRecord(executionArn: arn, id: id, previousEventId: id - 1, timestamp: 1000 + id, type: "PassStateEntered", details: nil)
    }

    func testAnExecutionWithItsDefinitionEventsAndInvocations() throws {
        let db = try HostDatabase(directory: folder)
        var record = execution("M", "e", start: 100)
        XCTAssertTrue(try db.insert(record))
        XCTAssertFalse(try db.insert(record), "ExecutionAlreadyExists")
        let arn = record.executionArn
        try db.append([event(arn, 1), event(arn, 2)], invocations: [
            InvocationRecord(executionArn: arn, sequence: 1, logGroupName: "/aws/lambda/F", logStreamName: "s1", requestId: "r1"),
        ])
        XCTAssertEqual(try db.historyCount(of: arn), 2)
        record.status = "SUCCEEDED"
        record.stopDate = 200
        try db.finish(record, events: [event(arn, 3), event(arn, 2)], invocations: [
            InvocationRecord(executionArn: arn, sequence: 2, logGroupName: "/aws/lambda/G", logStreamName: "s2", requestId: "r2"),
        ])
        // Read back by another connection, as another process would.
        let other = try HostDatabase(directory: folder)
        XCTAssertEqual(try other.execution(arn: arn), record)
        XCTAssertEqual(try other.history(of: arn).map(\.id), [1, 2, 3], "an event stored twice is kept once")
        XCTAssertEqual(try other.invocations(of: arn).map(\.requestId), ["r1", "r2"])
        XCTAssertEqual(try other.execution(arn: arn)?.definitionFile, "/w/machines/M.json")
    }

    /// An end sets the end's columns and lets go of the lease; the start's columns stay as
    /// stored. An end of an execution that is not stored stores nothing.
    func testAnEndSetsItsColumnsAndKeepsTheStartsOnes() throws {
        let db = try HostDatabase(directory: folder)
        var record = execution("M", "failed", start: 100)
        record.owner = "me"
        record.leaseExpiry = 10_000
        XCTAssertTrue(try db.insert(record))
        var ended = record
        ended.status = "FAILED"
        ended.stopDate = 300
        ended.error = "States.TaskFailed"
        ended.cause = "it broke"
        try db.finish(ended, events: [event(record.executionArn, 1)], invocations: [])
        var expected = ended
        expected.owner = nil
        expected.leaseExpiry = nil
        XCTAssertEqual(try db.execution(arn: record.executionArn), expected)
        XCTAssertEqual(try db.historyCount(of: record.executionArn), 1)

        let missing = execution("M", "missing", start: 1)
        XCTAssertThrowsError(try db.finish(missing, events: [event(missing.executionArn, 1)], invocations: [])) { error in
            XCTAssertTrue("\(error)".contains("no execution"), "\(error)")
        }
        XCTAssertNil(try db.execution(arn: missing.executionArn))
        XCTAssertEqual(try db.historyCount(of: missing.executionArn), 0)
    }

    func testByNameAndLimits() throws {
        let db = try HostDatabase(directory: folder)
        for (machine, name, start) in [("M", "a", 1), ("N", "a", 3), ("M", "b", 2)] as [(String, String, Int64)] {
            XCTAssertTrue(try db.insert(execution(machine, name, start: start)))
        }
        XCTAssertEqual(try db.executions(named: "a").map(\.machineName), ["N", "M"], "newest first")
        XCTAssertEqual(try db.executions(named: "b").count, 1)
        XCTAssertEqual(try db.executions(named: "c").count, 0)
        XCTAssertEqual(try db.executions(limit: 2).map(\.name), ["a", "b"])
        XCTAssertEqual(try db.executions(machineName: "M", limit: 1).map(\.name), ["b"])
        XCTAssertNil(try db.execution(arn: "a"), "a name is not an ARN")
    }
}
