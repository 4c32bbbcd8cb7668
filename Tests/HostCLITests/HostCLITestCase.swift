import Foundation
import JSONValue
import TestSupport
import XCTest

/// `.build/debug/host` is not there: build it first.
struct MissingExecutable: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path) does not exist: run `swift build --product host` before these tests" }
}

/// The base of the end-to-end tests: each test gets a workspace of its own and runs the built
/// `host` in it, as a user would from a shell. Expected values come from the issue text, AWS's
/// documentation and docs/, never from what the program printed before.
///
/// The tests run `.build/debug/host` (TestSupport's `Repository.hostExecutable`); build it
/// first with `swift build --product host`.
class HostCLITestCase: XCTestCase {
    var workspace: TemporaryWorkspace!
    /// When the test began, less a second: log timestamps must not be older.
    var testStart = Date()

    override func setUpWithError() throws {
        try super.setUpWithError()
        let executable = Repository.hostExecutable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            // An error fails the test: without the binary there is nothing to test.
            throw MissingExecutable(path: executable.path)
        }
        workspace = try TemporaryWorkspace()
        testStart = Date().addingTimeInterval(-1)
    }

    override func tearDown() {
        workspace = nil
        super.tearDown()
    }

    // MARK: - Running

    /// Runs `host` with `arguments` in `directory` (default: the workspace's root).
    @discardableResult
    func host(_ arguments: String..., in directory: URL? = nil) throws -> HostResult {
        try runHost(arguments, in: directory ?? workspace.root)
    }

    /// Runs `host` in the workspace with the file `input` as its standard input.
    func host(_ arguments: [String], standardInput input: URL) throws -> HostResult {
        let process = Process()
        process.executableURL = Repository.hostExecutable
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: input)
        return try outcome(of: process)
    }

    /// Runs `process` in the workspace, without colours, and returns what it printed and how
    /// it exited.
    func outcome(of process: Process) throws -> HostResult {
        process.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = OutputBuffer()
        errors.collect(err)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errors.finish(err)
        return HostResult(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: errors.text)
    }

    /// Runs `host` and requires a clean success: status 0 and nothing on standard error.
    @discardableResult
    func hostSucceeds(_ arguments: String..., in directory: URL? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws -> HostResult {
        let result = try runHost(arguments, in: directory ?? workspace.root)
        XCTAssertEqual(result.status, 0, "host \(arguments.joined(separator: " ")): stderr: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", "host \(arguments.joined(separator: " "))", file: file, line: line)
        return result
    }

    /// Invokes `name` with `event` and returns the request id the function returned; the
    /// function must return `context.aws_request_id`.
    func invokeReturningRequestId(_ name: String, event: String = "{}",
                                  file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try hostSucceeds("invoke", name, "--event", event, file: file, line: line)
        let value = try JSONValue.parse(result.stdout)
        let id = try XCTUnwrap(value.stringValue, "invoke \(name) printed \(result.stdout)", file: file, line: line)
        XCTAssertTrue(Self.isRequestId(id), "request id \(id)", file: file, line: line)
        return id
    }

    // MARK: - Waiting

    /// Polls `condition` until it holds or `seconds` pass; whether it held. Tests wait for what
    /// they need to see this way, never for a fixed time.
    func eventually(within seconds: TimeInterval = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            usleep(20_000)
        }
    }

    /// Returns once the wall clock has reached the next millisecond, so that what happens next
    /// has a later timestamp than what happened before.
    func awaitNextMillisecond() {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        while Int64(Date().timeIntervalSince1970 * 1000) <= now {}
    }

    // MARK: - Assertions

    /// A usage error or bad input: status 2, nothing on standard output, exactly one line
    /// `host: ...` on standard error that contains each of `mentions`.
    func assertUsageError(_ result: HostResult, mentions: [String] = [],
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 2, "stderr: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "expected exactly one line on stderr, got: \(result.stderr.debugDescription)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("host: "), "stderr should start with 'host: ': \(result.stderr.debugDescription)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasSuffix("\n"), "stderr should end its line: \(result.stderr.debugDescription)", file: file, line: line)
        for mention in mentions {
            XCTAssertTrue(result.stderr.contains(mention), "stderr should mention \(mention): \(result.stderr.debugDescription)", file: file, line: line)
        }
    }

    /// The workspace holds no `.host/` folder: nothing was created.
    func assertNoState(in root: URL? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let state = (root ?? workspace.root).appendingPathComponent(".host")
        XCTAssertFalse(FileManager.default.fileExists(atPath: state.path), "\(state.path) should not exist", file: file, line: line)
    }

    /// `REPORT RequestId: <id>\tDuration: 15.74 ms\tBilled Duration: 16 ms\tMemory Size: 128 MB\t
    /// Max Memory Used: 56 MB\t` with `Init Duration: 130.49 ms\t` on a cold start (docs/lambda.md).
    /// Returns the duration in milliseconds.
    @discardableResult
    func assertReport(_ message: String, requestId: String, memory: Int = 128, coldStart: Bool = true, status: String? = nil,
                      file: StaticString = #filePath, line: UInt = #line) -> Double? {
        var pattern = #"REPORT RequestId: "# + NSRegularExpression.escapedPattern(for: requestId)
            + #"\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\tMemory Size: \#(memory) MB\tMax Memory Used: (\d+) MB\t"#
        if coldStart { pattern += #"Init Duration: \d+\.\d\d ms\t"# }
        if let status { pattern += NSRegularExpression.escapedPattern(for: status) + #"\t?"# }
        guard let groups = Self.match(pattern, message) else {
            XCTFail("REPORT line does not have docs/lambda.md's shape \(pattern.debugDescription): \(message.debugDescription)", file: file, line: line)
            return nil
        }
        let duration = Double(groups[1])!, billed = Int(groups[2])!, used = Int(groups[3])!
        // Lambda bills the duration rounded up to the millisecond.
        XCTAssertGreaterThanOrEqual(Double(billed), duration, message, file: file, line: line)
        XCTAssertLessThanOrEqual(Double(billed), max(1, duration + 1.01), message, file: file, line: line)
        XCTAssertGreaterThanOrEqual(used, 1, message, file: file, line: line)
        XCTAssertLessThanOrEqual(used, memory, message, file: file, line: line)
        return duration
    }

    // MARK: - Functions used by the tests

    /// `Printer`: prints three lines naming `event.name` and returns its request id.
    func addPrinter(_ name: String = "Printer", configuration: String? = nil) throws {
        try workspace.addFunction(name, """
            function handler(event, context)
              print("begin " .. event.name)
              print("middle " .. event.name)
              print("finish " .. event.name)
              return context.aws_request_id
            end
            """, configuration: configuration)
    }

    /// The messages one invocation of `addPrinter`'s function logs, START to END (REPORT apart).
    static func printerMessages(_ id: String, _ name: String) -> [String] {
        ["START RequestId: \(id) Version: $LATEST", "begin \(name)", "middle \(name)", "finish \(name)", "END RequestId: \(id)"]
    }

    // MARK: - Reading output

    /// One event as `host logs get` printed it.
    struct PrintedEvent: Equatable {
        var time: String
        var stream: String?
        var message: String
    }

    /// `2024-01-01T00:00:00.123000+00:00 <stream> <message>`: Python's isoformat of a
    /// millisecond timestamp, as `aws logs tail --format detailed` prints it.
    static let detailedPrefix = #"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000\+00:00) (\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}) "#
    /// `2024-01-01T00:00:00 <message>`, as `aws logs tail --format short` prints it.
    static let shortPrefix = #"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) "#

    /// The events of `host logs get` output; a line without the format's prefix continues the
    /// message before it (a message with newlines, a pretty-printed JSON message).
    func events(_ output: String, short: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> [PrintedEvent] {
        XCTAssertTrue(output.isEmpty || output.hasSuffix("\n"), "output should end with a newline", file: file, line: line)
        var events: [PrintedEvent] = []
        for text in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let text = String(text)
            if let groups = Self.match((short ? Self.shortPrefix : Self.detailedPrefix) + "(.*)", text) {
                events.append(short ? PrintedEvent(time: groups[1], stream: nil, message: groups[2])
                                    : PrintedEvent(time: groups[1], stream: groups[2], message: groups[3]))
            } else if !events.isEmpty {
                events[events.count - 1].message += "\n" + text
            } else {
                XCTFail("first line of logs output has no timestamp prefix: \(text.debugDescription)", file: file, line: line)
            }
        }
        return events
    }

    /// Lines printed in detailed format, requiring every line to carry the prefix.
    func detailedEvents(_ output: String, file: StaticString = #filePath, line: UInt = #line) -> [PrintedEvent] {
        let lines = output.split(separator: "\n").map(String.init)
        for text in lines where Self.match(Self.detailedPrefix + "(.*)", text) == nil {
            XCTFail("not `<time> <stream> <message>`: \(text.debugDescription)", file: file, line: line)
        }
        return events(output, file: file, line: line)
    }

    /// The date of a detailed timestamp.
    static func date(detailed time: String) -> Date? {
        // `2024-01-01T00:00:00.123000+00:00` → `2024-01-01T00:00:00.123+00:00`
        guard time.count == 32 else { return nil }
        let trimmed = String(time.prefix(23)) + String(time.suffix(6))
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The capture groups of the whole-string match of `pattern` (group 0 is the whole text).
    static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.dotMatchesLineSeparators]) else {
            XCTFail("bad pattern \(pattern)")
            return nil
        }
        let range = NSRange(text.startIndex..., in: text)
        guard let found = regex.firstMatch(in: text, range: range) else { return nil }
        return (0..<found.numberOfRanges).map { index in
            Range(found.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }

    /// A request id: a lowercase UUID.
    static func isRequestId(_ text: String) -> Bool {
        match("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text) != nil
    }

    /// The stream named next to `START RequestId: <id>` in detailed output.
    func stream(of requestId: String, in events: [PrintedEvent], file: StaticString = #filePath, line: UInt = #line) -> String? {
        let stream = events.first { $0.message == "START RequestId: \(requestId) Version: $LATEST" }?.stream
        XCTAssertNotNil(stream, "no START line for \(requestId)", file: file, line: line)
        return stream
    }

    /// An ISO 8601 UTC timestamp, as a user types one for `--since` and `--until`.
    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
