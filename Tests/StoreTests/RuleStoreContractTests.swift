import Dispatch
import Foundation
import Store
import XCTest

/// RuleStore's conflict rules (Sources/Store/Stores.swift), on the SQLite database and on the
/// in-memory twin.
final class RuleStoreContractTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-rules-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    private func stores() throws -> [(String, any RuleStore)] {
        [("sqlite", try HostDatabase(directory: folder)), ("memory", MemoryStore())]
    }

    private let pattern = #"{"source": ["app"]}"#

    func testChangeRuleCreatesReplacesAndDeletes() throws {
        for (name, store) in try stores() {
            let created: Bool = try store.changeRule(name: "b") { current in
                (.put(RuleRecord(name: "b", eventPattern: pattern, description: "first")), current == nil)
            }
            XCTAssertTrue(created, name)
            _ = try store.changeRule(name: "a") { _ in (.put(RuleRecord(name: "a", eventPattern: pattern, state: "DISABLED")), ()) }
            XCTAssertEqual(try store.rules().map(\.name), ["a", "b"], name)
            XCTAssertEqual(try store.rule(name: "a")?.state, "DISABLED", name)

            // A replacement is whole: the description it leaves out is gone.
            let seen: RuleRecord? = try store.changeRule(name: "b") { current in
                (.put(RuleRecord(name: "b", eventPattern: #"{"source": ["other"]}"#, targets: current?.targets ?? "[]")), current)
            }
            XCTAssertEqual(seen?.description, "first", name)
            XCTAssertEqual(try store.rule(name: "b"), RuleRecord(name: "b", eventPattern: #"{"source": ["other"]}"#), name)

            // `.keep` writes nothing, whatever the closure saw.
            try store.changeRule(name: "c") { _ in (.keep, ()) }
            XCTAssertNil(try store.rule(name: "c"), name)

            try store.changeRule(name: "a") { _ in (.delete, ()) }
            XCTAssertEqual(try store.rules().map(\.name), ["b"], name)
            // Deleting what is not there changes nothing.
            try store.changeRule(name: "a") { _ in (.delete, ()) }
            XCTAssertEqual(try store.rules().map(\.name), ["b"], name)
        }
    }

    /// Concurrent read-and-write steps on one rule never lose each other's changes: each
    /// appends one target to what it read.
    func testConcurrentChangesToOneRuleAreNotLost() throws {
        for (name, store) in try stores() {
            try store.changeRule(name: "r") { _ in (.put(RuleRecord(name: "r", eventPattern: pattern)), ()) }
            let writers = 16
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: writers) { writer in
                do {
                    try store.changeRule(name: "r") { current in
                        guard var record = current else { return (.keep, ()) }
                        var targets = (try? JSONSerialization.jsonObject(with: Data(record.targets.utf8))) as? [String] ?? []
                        targets.append("t\(writer)")
                        record.targets = String(decoding: try! JSONSerialization.data(withJSONObject: targets), as: UTF8.self)
                        return (.put(record), ())
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
            XCTAssertEqual(failures.all, [], name)
            let stored = try XCTUnwrap(try store.rule(name: "r"), name)
            let targets = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stored.targets.utf8)) as? [String], name)
            XCTAssertEqual(Set(targets), Set((0..<writers).map { "t\($0)" }), name)
        }
    }

    /// The database keeps the rules for the next process: "v9" creates their table once.
    func testRulesOutliveTheDatabaseConnection() throws {
        do {
            let database = try HostDatabase(directory: folder)
            try database.changeRule(name: "kept") { _ in
                (.put(RuleRecord(name: "kept", eventPattern: pattern, roleArn: "arn:aws:iam::123456789012:role/r",
                                 targets: #"[{"Id":"t","Arn":"arn:aws:lambda:us-east-1:123456789012:function:f"}]"#)), ())
            }
        }
        let reopened = try HostDatabase(directory: folder)
        let record = try XCTUnwrap(try reopened.rule(name: "kept"))
        XCTAssertEqual(record.roleArn, "arn:aws:iam::123456789012:role/r")
        XCTAssertEqual(record.state, "ENABLED")
        XCTAssertEqual(record.targets, #"[{"Id":"t","Arn":"arn:aws:lambda:us-east-1:123456789012:function:f"}]"#)
    }
}

/// Errors collected from concurrent writers.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
