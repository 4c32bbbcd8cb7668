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
