import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host logs get GROUP`: the events earlier processes stored, as `aws logs tail` prints them.
final class LogsGetTests: HostCLITestCase {
    private let group = "/aws/lambda/Printer"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try addPrinter()
    }

    func testShowsEarlierInvocationsInOrder() throws {
        let first = try invokeReturningRequestId("Printer", event: #"{"name":"one"}"#)
        let second = try invokeReturningRequestId("Printer", event: #"{"name":"two"}"#)

        let result = try hostSucceeds("logs", "get", group, "--since", "1h")
        let events = detailedEvents(result.stdout)
        XCTAssertEqual(events.count, 12, result.stdout)
        guard events.count == 12 else { return }
        XCTAssertEqual(events[0..<5].map(\.message), Self.printerMessages(first, "one"))
        assertReport(events[5].message, requestId: first)
        XCTAssertEqual(events[6..<11].map(\.message), Self.printerMessages(second, "two"))
        assertReport(events[11].message, requestId: second)

        // One stream per execution environment; each process starts cold (docs/lambda.md).
        XCTAssertEqual(Set(events[0..<6].map(\.stream)).count, 1)
        XCTAssertEqual(Set(events[6..<12].map(\.stream)).count, 1)
        XCTAssertNotEqual(events[0].stream, events[6].stream)

        // Times: now, UTC, in order; the stream is named after the UTC day it opened.
        let dates = events.compactMap { Self.date(detailed: $0.time) }
        XCTAssertEqual(dates.count, events.count)
        XCTAssertEqual(dates, dates.sorted())
        for (event, date) in zip(events, dates) {
            XCTAssertGreaterThanOrEqual(date, testStart, event.time)
            XCTAssertLessThanOrEqual(date, Date().addingTimeInterval(1), event.time)
            let day = event.time.prefix(10).replacingOccurrences(of: "-", with: "/")
            XCTAssertTrue(event.stream?.hasPrefix(day + "/[$LATEST]") == true, "\(event.stream ?? "") on \(event.time)")
        }
    }

    func testMockAPIFunctionLogsItsUnhandledError() throws {
        try workspace.copy(fromRepository: "functions/MockAPIFunction.lua")
        let failed = try host("invoke", "MockAPIFunction", "--event", #"{"statuscode":"429"}"#)
        XCTAssertEqual(failed.status, 1)
        let failedId = try XCTUnwrap(try JSONValue.parse(failed.stdout)["requestId"]?.stringValue)
        let ok = try hostSucceeds("invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#)
        XCTAssertEqual(ok.stdout, "\"200 OK\"\n")

        let result = try hostSucceeds("logs", "get", "/aws/lambda/MockAPIFunction", "--since", "1h")
        let events = events(result.stdout)
        XCTAssertEqual(events.count, 7, result.stdout)
        guard events.count == 7 else { return }
        XCTAssertEqual(events[0].message, "START RequestId: \(failedId) Version: $LATEST")
        // docs/lambda.md: "Unhandled error line: `[ERROR] TypeName: message` followed by the traceback."
        XCTAssertTrue(events[1].message.hasPrefix("[ERROR] TooManyRequestsException: 429 Too Many Requests"), events[1].message)
        XCTAssertEqual(events[2].message, "END RequestId: \(failedId)")
        assertReport(events[3].message, requestId: failedId)
        let okId = try XCTUnwrap(Self.match(#"START RequestId: (\S+) Version: \$LATEST"#, events[4].message)?[1])
        XCTAssertNotEqual(okId, failedId)
        XCTAssertEqual(events[5].message, "END RequestId: \(okId)")
        assertReport(events[6].message, requestId: okId)
    }

    func testDefaultWindowIsTheLastTenMinutes() throws {
        let id = try invokeReturningRequestId("Printer", event: #"{"name":"recent"}"#)
        let result = try hostSucceeds("logs", "get", group)
        XCTAssertEqual(detailedEvents(result.stdout).prefix(5).map(\.message), Self.printerMessages(id, "recent"))
    }

    func testShortFormat() throws {
        let id = try invokeReturningRequestId("Printer", event: #"{"name":"short"}"#)
        let detailed = detailedEvents(try hostSucceeds("logs", "get", group, "--since", "1h").stdout)
        let result = try hostSucceeds("logs", "get", group, "--since", "1h", "--format", "short")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6, result.stdout)
        for line in lines {
            XCTAssertNotNil(Self.match(Self.shortPrefix + ".*", line), "not `2024-01-01T00:00:00 <message>`: \(line)")
            XCTAssertFalse(line.contains("[$LATEST]"), "short format has no stream: \(line)")
        }
        let events = events(result.stdout, short: true)
        XCTAssertEqual(events.prefix(5).map(\.message), Self.printerMessages(id, "short"))
        if let report = events.last?.message { assertReport(report, requestId: id) }
        // The same events as the detailed format, their times cut to the second.
        XCTAssertEqual(events.map(\.message), detailed.map(\.message))
        XCTAssertEqual(events.map(\.time), detailed.map { String($0.time.prefix(19)) })
    }

    func testJSONFormatPrettyPrintsJSONMessages() throws {
        try workspace.addFunction("Structured", """
            function handler(event, context)
              print('{"level":"ERROR","latency":150,"tags":["a","b"]}')
              print("plain text")
            end
            """)
        let invoke = try hostSucceeds("invoke", "Structured")
        XCTAssertEqual(invoke.stdout, "null\n")
        let result = try hostSucceeds("logs", "get", "/aws/lambda/Structured", "--since", "1h", "--format", "json")
        let events = events(result.stdout)
        XCTAssertEqual(events.count, 5, result.stdout)
        guard events.count == 5 else { return }
        let json = events[1].message
        XCTAssertTrue(json.contains("\n"), "pretty-printed over several lines: \(json)")
        XCTAssertEqual(try JSONValue.parse(json), ["level": "ERROR", "latency": 150, "tags": ["a", "b"]])
        XCTAssertEqual(events[2].message, "plain text")
        XCTAssertTrue(events[0].message.hasPrefix("START RequestId: "))
    }

    func testSinceAndUntil() throws {
        let before = Date().addingTimeInterval(-60)
        let id = try invokeReturningRequestId("Printer", event: #"{"name":"window"}"#)

        let since = try hostSucceeds("logs", "get", group, "--since", Self.iso(before))
        XCTAssertEqual(detailedEvents(since.stdout).prefix(5).map(\.message), Self.printerMessages(id, "window"))
        let sinceLater = try hostSucceeds("logs", "get", group, "--since", Self.iso(Date().addingTimeInterval(60)))
        XCTAssertEqual(sinceLater.stdout, "")
        let until = try hostSucceeds("logs", "get", group, "--since", "1h", "--until", Self.iso(before))
        XCTAssertEqual(until.stdout, "")
        let longAgo = try hostSucceeds("logs", "get", group, "--since", "2000-01-01", "--until", "2000-01-02")
        XCTAssertEqual(longAgo.stdout, "")
        let both = try hostSucceeds("logs", "get", group, "--since", "2h", "--until", Self.iso(Date().addingTimeInterval(60)))
        XCTAssertEqual(detailedEvents(both.stdout).count, 6, both.stdout)
    }

    func testStream() throws {
        let first = try invokeReturningRequestId("Printer", event: #"{"name":"one"}"#)
        let second = try invokeReturningRequestId("Printer", event: #"{"name":"two"}"#)
        let all = detailedEvents(try hostSucceeds("logs", "get", group, "--since", "1h").stdout)
        let firstStream = try XCTUnwrap(stream(of: first, in: all))
        let secondStream = try XCTUnwrap(stream(of: second, in: all))

        let streams = try hostSucceeds("logs", "streams", group)
        XCTAssertEqual(streams.stdout, [firstStream, secondStream].sorted().map { $0 + "\n" }.joined())

        for (stream, id, name) in [(firstStream, first, "one"), (secondStream, second, "two")] {
            let result = try hostSucceeds("logs", "get", group, "--since", "1h", "--stream", stream)
            let events = detailedEvents(result.stdout)
            XCTAssertEqual(events.count, 6, result.stdout)
            XCTAssertEqual(Set(events.map(\.stream)), [stream])
            XCTAssertEqual(events.prefix(5).map(\.message), Self.printerMessages(id, name))
        }
        let both = try hostSucceeds("logs", "get", group, "--since", "1h", "--stream", firstStream, "--stream", secondStream)
        XCTAssertEqual(detailedEvents(both.stdout), all)
    }

    func testFollowPrintsNewEventsOnce() throws {
        let first = try invokeReturningRequestId("Printer", event: #"{"name":"one"}"#)

        let process = Process()
        process.executableURL = Repository.hostExecutable
        process.arguments = ["logs", "get", group, "--since", "1h", "--follow", "--format", "short"]
        process.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let collected = OutputBuffer()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            output.fileHandleForReading.readabilityHandler = nil
        }

        XCTAssertTrue(collected.wait(until: 5) { $0.contains("REPORT RequestId: \(first)") },
                      "follow printed the stored events: \(collected.text)")
        let second = try invokeReturningRequestId("Printer", event: #"{"name":"two"}"#)
        XCTAssertTrue(collected.wait(until: 5) { $0.contains("REPORT RequestId: \(second)") },
                      "follow printed the new invocation: \(collected.text)")
        XCTAssertTrue(process.isRunning, "follow keeps running")
        process.terminate()
        process.waitUntilExit()
        // What the pipe still holds, read to its end.
        output.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile())

        let events = events(collected.text, short: true)
        XCTAssertEqual(events.count, 12, "each event once: \(collected.text)")
        XCTAssertEqual(events.prefix(5).map(\.message), Self.printerMessages(first, "one"))
        XCTAssertEqual(events.dropFirst(6).prefix(5).map(\.message), Self.printerMessages(second, "two"))
    }
}
