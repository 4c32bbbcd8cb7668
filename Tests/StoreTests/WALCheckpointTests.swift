import Foundation
import XCTest

@testable import Store

/// The write-ahead log is checkpointed by `WALCheckpointer`, off the writer's commits, once it
/// holds SQLite's default 1,000 pages: the pages reach the database file and the log does not
/// grow without end.
final class WALCheckpointTests: XCTestCase {
    func testALogOfAThousandPagesIsCheckpointedIntoTheDatabaseFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try HostDatabase(directory: folder)
        let file = folder.appendingPathComponent("host.sqlite").path
        func size(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
        let before = try size(file)
        // 1,500 commits of an event of 6,000 bytes: two pages or more each, 3,000 and more in all.
        let body = String(repeating: "x", count: 6_000)
        for index in 0..<1_500 {
            try database.insert([EventRecord(id: "e\(index)", time: Int64(index), detailType: "d", source: "s", status: nil, resource: nil,
                                             body: body)])
        }
        database.checkpointer.waitForPending()
        // Without a checkpoint every page would still be in the log, and the file as it was.
        XCTAssertGreaterThan(try size(file) - before, 1_000 * 4_096)
        XCTAssertEqual(try database.events(since: nil, status: nil).count, 1_500)
    }
}

/// Past `WALCheckpointer.limit` pages the writer's own commits checkpoint too, so that the log
/// starts over rather than growing for as long as writes go on: a checkpoint beside a busy
/// writer never finds the whole log copied, and only then does SQLite start it over.
final class WALLimitTests: XCTestCase {
    func testTheLogStartsOverPastItsLimitWhileTheCheckpointerLagsBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-wal-limit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try HostDatabase(directory: folder)
        // The checkpointer's thread never gets to copy: the writer's commits alone must keep
        // the log in bounds.
        database.checkpointer.suspend()
        defer { database.checkpointer.resume() }
        // 1,800 commits of an event of 36,000 bytes: nine pages or more each, 16,200 and more in
        // all, past the limit of 10,000.
        let body = String(repeating: "x", count: 36_000)
        for index in 0..<1_800 {
            try database.insert([EventRecord(id: "e\(index)", time: Int64(index), detailType: "d", source: "s", status: nil, resource: nil,
                                             body: body)])
        }
        let log = folder.appendingPathComponent("host.sqlite-wal").path
        let logSize = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int ?? 0
        // A frame is a page and a 24-byte header. Started over, the log never held much more
        // than the limit; grown without end it would hold every page written.
        XCTAssertLessThan(logSize, Int(WALCheckpointer.limit + 2 * WALCheckpointer.pages) * (4_096 + 24))
        XCTAssertEqual(try database.events(since: nil, status: nil).count, 1_800)
    }
}
