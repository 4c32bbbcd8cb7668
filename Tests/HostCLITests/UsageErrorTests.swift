import Foundation
import TestSupport
import XCTest

/// Usage errors and bad input: one line `host: ...` on standard error naming the place,
/// status 2, and nothing created (no `.host/`).
final class UsageErrorTests: HostCLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.copy(fromRepository: "functions/MockAPIFunction.lua")
    }

    /// An argument whose bytes are not UTF-8 is refused, naming its position, rather than read
    /// with U+FFFD in their place: the execution would run under another name than the one
    /// given. A shell makes the byte (0xFF), which no Swift string can carry.
    func testArgumentThatIsNotUTF8() throws {
        try workspace.copy(fromRepository: "machines/MyAPIStateMachine.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"exec "$0" run machines/MyAPIStateMachine.json --name "$(printf 'job\377')""#,
                             Repository.hostExecutable.path]
        let result = try outcome(of: process)
        assertUsageError(result, mentions: ["argument 4 is not valid UTF-8", "job\u{FFFD}"])
        assertNoState()
    }

    func testMissingFunction() throws {
        let result = try host("invoke", "NoSuchFunction")
        assertUsageError(result, mentions: ["NoSuchFunction"])
        assertNoState()
    }

    func testInvalidEventJSON() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode": }"#)
        assertUsageError(result, mentions: ["--event"])
        // The place: the option and a line and column in its text.
        XCTAssertNotNil(Self.match(#"host: .*--event:1:\d+.*\n"#, result.stderr), result.stderr)
        assertNoState()
    }

    func testInvalidJSONInAnEventFile() throws {
        let file = workspace.root.appendingPathComponent("bad.json")
        try "{\n  \"statuscode\": \n}\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try host("invoke", "MockAPIFunction", "--event-file", "bad.json")
        assertUsageError(result, mentions: ["bad.json"])
        XCTAssertNotNil(Self.match(#"host: .*bad\.json:3:\d+.*\n"#, result.stderr), result.stderr)
        assertNoState()
    }

    func testUnreadableEventFile() throws {
        let result = try host("invoke", "MockAPIFunction", "--event-file", "missing.json")
        assertUsageError(result, mentions: ["missing.json"])
        assertNoState()
    }

    func testBothEventAndEventFile() throws {
        let file = workspace.root.appendingPathComponent("event.json")
        try #"{"statuscode": "200"}"#.write(to: file, atomically: true, encoding: .utf8)
        let result = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode": "200"}"#, "--event-file", "event.json")
        assertUsageError(result, mentions: ["--event", "--event-file"])
        assertNoState()
    }

    func testBadLogType() throws {
        let result = try host("invoke", "MockAPIFunction", "--event", "{}", "--log-type", "Everything")
        assertUsageError(result, mentions: ["--log-type", "Everything"])
        assertNoState()
    }

    func testUnknownLogsFormat() throws {
        try addPrinter()
        _ = try invokeReturningRequestId("Printer", event: #"{"name":"x"}"#)
        let result = try host("logs", "get", "/aws/lambda/Printer", "--format", "fancy")
        assertUsageError(result, mentions: ["--format", "fancy"])
    }

    func testLogsOfAGroupThatDoesNotExist() throws {
        try addPrinter()
        _ = try invokeReturningRequestId("Printer", event: #"{"name":"x"}"#)
        assertUsageError(try host("logs", "get", "/aws/lambda/Nobody"), mentions: ["/aws/lambda/Nobody"])
        assertUsageError(try host("logs", "streams", "/aws/lambda/Nobody"), mentions: ["/aws/lambda/Nobody"])
    }

    func testInvalidTimes() throws {
        try addPrinter()
        _ = try invokeReturningRequestId("Printer", event: #"{"name":"x"}"#)
        assertUsageError(try host("logs", "get", "/aws/lambda/Printer", "--since", "yesterday"), mentions: ["yesterday"])
        // aws logs tail: "multiple units are not supported (i.e. 5h30m)".
        assertUsageError(try host("logs", "get", "/aws/lambda/Printer", "--since", "5h30m"), mentions: ["5h30m"])
        assertUsageError(try host("logs", "get", "/aws/lambda/Printer", "--until", "2024-13-01"), mentions: ["2024-13-01"])
    }

    func testInvalidFilterPattern() throws {
        try addPrinter()
        _ = try invokeReturningRequestId("Printer", event: #"{"name":"x"}"#)
        let result = try host("logs", "get", "/aws/lambda/Printer", "--since", "1h", "--filter-pattern", "{ $.level = ")
        assertUsageError(result, mentions: ["--filter-pattern"])
    }
}

/// How `host` finds its workspace: the nearest folder upward holding `functions/` or
/// `machines/`, or `--workspace DIR`.
final class WorkspaceLocationTests: HostCLITestCase {
    private var elsewhere: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.copy(fromRepository: "functions/MockAPIFunction.lua")
        elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("host-test-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let elsewhere { try? FileManager.default.removeItem(at: elsewhere) }
        super.tearDown()
    }

    private func assertOutsideAnyWorkspace(_ folder: URL) throws {
        var url = folder.standardizedFileURL
        while url.path != "/" {
            for marker in ["functions", "machines"] where FileManager.default.fileExists(atPath: url.appendingPathComponent(marker).path) {
                throw XCTSkip("\(url.path) holds \(marker)/, so \(folder.path) is inside a workspace")
            }
            url.deleteLastPathComponent()
        }
    }

    func testFoundFromTheFunctionsFolder() throws {
        let result = try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#, in: workspace.functions)
        XCTAssertEqual(result.stdout, "\"200 OK\"\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(".host").path),
                      "state goes to the workspace's .host/")
        assertNoState(in: workspace.functions)
        let groups = try hostSucceeds("logs", "groups", in: workspace.functions)
        XCTAssertEqual(groups.stdout, "/aws/lambda/MockAPIFunction\n")
    }

    func testFoundFromADeeperFolder() throws {
        let deep = workspace.root.appendingPathComponent("notes/2024/january")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let result = try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#, in: deep)
        XCTAssertEqual(result.stdout, "\"200 OK\"\n")
        assertNoState(in: deep)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(".host").path))
    }

    func testWorkspaceOptionFromElsewhere() throws {
        let result = try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#,
                                      "--workspace", workspace.root.path, in: elsewhere)
        XCTAssertEqual(result.stdout, "\"200 OK\"\n")
        assertNoState(in: elsewhere)
        let groups = try hostSucceeds("logs", "groups", "--workspace", workspace.root.path, in: elsewhere)
        XCTAssertEqual(groups.stdout, "/aws/lambda/MockAPIFunction\n")
        let logs = try hostSucceeds("logs", "get", "/aws/lambda/MockAPIFunction", "--since", "1h",
                                    "--workspace", workspace.root.path, in: elsewhere)
        XCTAssertEqual(detailedEvents(logs.stdout).count, 3, "START, END, REPORT: \(logs.stdout)")
    }

    func testRelativeWorkspaceOption() throws {
        let parent = workspace.root.deletingLastPathComponent()
        let result = try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#,
                                      "--workspace", workspace.root.lastPathComponent, in: parent)
        XCTAssertEqual(result.stdout, "\"200 OK\"\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(".host").path))
    }

    func testOutsideAnyWorkspace() throws {
        try assertOutsideAnyWorkspace(elsewhere)
        let invoke = try host("invoke", "MockAPIFunction", "--event", "{}", in: elsewhere)
        assertUsageError(invoke, mentions: ["workspace"])
        assertNoState(in: elsewhere)
        assertUsageError(try host("logs", "groups", in: elsewhere), mentions: ["workspace"])
        assertNoState(in: elsewhere)
    }

    func testWorkspaceOptionThatIsNoFolder() throws {
        let missing = elsewhere.appendingPathComponent("nowhere").path
        assertUsageError(try host("invoke", "MockAPIFunction", "--workspace", missing, in: elsewhere), mentions: [missing])
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }
}
