import Foundation
import JSONValue
import TestSupport
import XCTest

/// "Inputs over the limit are refused before anything runs: `host run` with an input over
/// 262,144 bytes exits 2 with the limit named (as StartExecution answers with a
/// ValidationException), without first reading a 50 MB file whole into memory."
final class InputLimitTests: RunTestCase {
    static let limit = 262_144

    /// `{"data":"xxx…"}` of exactly `bytes` bytes.
    static func document(bytes: Int) -> String {
        #"{"data":""# + String(repeating: "x", count: bytes - 11) + #""}"#
    }

    private func assertRefused(_ result: HostResult, source: String, file: StaticString = #filePath, line: UInt = #line) {
        assertUsageError(result, mentions: [source, "ValidationException", "262144"], file: file, line: line)
        assertNoState(file: file, line: line)
    }

    func testAFiftyMegabyteFileIsRefusedUnread() throws {
        let big = workspace.root.appendingPathComponent("big.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 50 << 20)
        try handle.close()
        let result = try host("run", Self.apiMachine, "--input-file", "big.json")
        assertRefused(result, source: "big.json")
        XCTAssertTrue(result.stderr.contains("52428800 bytes"), result.stderr)
        // The same through standard input, which has no size to ask first.
        assertRefused(try host(["run", Self.apiMachine, "--input-file", "-"], standardInput: big), source: "standard input")
    }

    func testTheLimitItself() throws {
        try write(#"{"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}"#, to: "machines/Echo.json")
        // (An argument that long cannot be passed on Linux's command line: files only.)
        let over = Self.document(bytes: Self.limit + 1)
        XCTAssertEqual(over.utf8.count, Self.limit + 1)
        try write(over, to: "over.json")
        assertRefused(try host("run", "machines/Echo.json", "--input-file", "over.json"), source: "over.json")

        // 262,144 bytes are allowed.
        let at = Self.document(bytes: Self.limit)
        try write(at, to: "at.json")
        let result = try host("run", "machines/Echo.json", "--input-file", "at.json", "--output", "json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let describe = try JSONValue.parse(result.stdout)
        XCTAssertEqual(describe["status"], "SUCCEEDED")
        XCTAssertEqual(describe["input"]?.stringValue?.utf8.count, Self.limit)
    }

    /// A multi-byte character counts as its UTF-8 bytes.
    func testBytesNotCharacters() throws {
        let text = #"{"data":""# + String(repeating: "é", count: (Self.limit - 11) / 2 + 1) + #""}"#
        XCTAssertLessThan(text.count, Self.limit)
        XCTAssertGreaterThan(text.utf8.count, Self.limit)
        try write(text, to: "accents.json")
        assertRefused(try host("run", Self.apiMachine, "--input-file", "accents.json"), source: "accents.json")
    }
}
