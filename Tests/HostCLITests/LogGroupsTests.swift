import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host logs groups`, `host logs streams` and the retention policy commands, with the shapes
/// of DescribeLogGroups and DescribeLogStreams (docs/logs.md).
final class LogGroupsTests: HostCLITestCase {
    /// The retention values CloudWatch Logs accepts (docs/logs.md).
    private static let allowedDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
                                      1827, 2192, 2557, 2922, 3288, 3653]

    override func setUpWithError() throws {
        try super.setUpWithError()
        for name in ["Alpha", "AlphaBeta", "Beta"] { try addPrinter(name) }
    }

    private func groupsJSON(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> [JSONValue] {
        let result = try runHost(["logs", "groups", "--output", "json"] + arguments, in: workspace.root)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        let value = try JSONValue.parse(result.stdout)
        XCTAssertEqual(value.objectValue.map { Array($0.keys) }, ["logGroups"], file: file, line: line)
        return try XCTUnwrap(value["logGroups"]?.arrayValue, file: file, line: line)
    }

    private func retention(of group: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue? {
        let groups = try groupsJSON("--prefix", group, file: file, line: line)
        let found = try XCTUnwrap(groups.first { $0["logGroupName"] == .string(group) }, "no group \(group)", file: file, line: line)
        return found["retentionInDays"]
    }

    // MARK: - groups

    func testNoGroupsBeforeAnyInvocation() throws {
        XCTAssertEqual(try hostSucceeds("logs", "groups").stdout, "")
        XCTAssertEqual(try groupsJSON(), [])
    }

    func testGroupsAndPrefix() throws {
        for name in ["Beta", "AlphaBeta", "Alpha"] { _ = try invokeReturningRequestId(name, event: #"{"name":"x"}"#) }
        XCTAssertEqual(try hostSucceeds("logs", "groups").stdout,
                       "/aws/lambda/Alpha\n/aws/lambda/AlphaBeta\n/aws/lambda/Beta\n")
        XCTAssertEqual(try hostSucceeds("logs", "groups", "--prefix", "/aws/lambda/Alpha").stdout,
                       "/aws/lambda/Alpha\n/aws/lambda/AlphaBeta\n")
        XCTAssertEqual(try hostSucceeds("logs", "groups", "--prefix", "/aws/lambda/AlphaB").stdout, "/aws/lambda/AlphaBeta\n")
        XCTAssertEqual(try hostSucceeds("logs", "groups", "--prefix", "/aws/lambda/Gamma").stdout, "")
        // Prefixes are case-sensitive, like CloudWatch's logGroupNamePrefix.
        XCTAssertEqual(try hostSucceeds("logs", "groups", "--prefix", "/aws/lambda/alpha").stdout, "")
    }

    func testGroupsAsJSON() throws {
        _ = try invokeReturningRequestId("Alpha", event: #"{"name":"x"}"#)
        let groups = try groupsJSON()
        XCTAssertEqual(groups.count, 1)
        let group = try XCTUnwrap(groups.first)
        XCTAssertEqual(group["logGroupName"], "/aws/lambda/Alpha")
        XCTAssertNil(group["retentionInDays"], "no retention: never expire")
        let created = try XCTUnwrap(group["creationTime"]?.intValue, "creationTime in milliseconds")
        XCTAssertGreaterThanOrEqual(created, Int64(testStart.timeIntervalSince1970 * 1000))
        XCTAssertLessThanOrEqual(created, Int64(Date().timeIntervalSince1970 * 1000))
        XCTAssertNotNil(group["storedBytes"]?.intValue)
        let arn = try XCTUnwrap(group["arn"]?.stringValue)
        XCTAssertTrue(arn.hasPrefix("arn:aws:logs:") && arn.hasSuffix(":log-group:/aws/lambda/Alpha:*"), arn)
    }

    // MARK: - streams

    func testStreamsOrderedByLastEventNewestFirst() throws {
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(try invokeReturningRequestId("Alpha", event: #"{"name":"n\#(index)"}"#))
            // Each stream's last event a millisecond later than the one before.
            awaitNextMillisecond()
        }
        let events = detailedEvents(try hostSucceeds("logs", "get", "/aws/lambda/Alpha", "--since", "1h").stdout)
        let streams = try ids.map { try XCTUnwrap(stream(of: $0, in: events)) }
        XCTAssertEqual(Set(streams).count, 3, "one cold start, one stream, per process")

        let byName = try hostSucceeds("logs", "streams", "/aws/lambda/Alpha")
        XCTAssertEqual(byName.stdout, streams.sorted().map { $0 + "\n" }.joined())
        let explicitName = try hostSucceeds("logs", "streams", "/aws/lambda/Alpha", "--order-by", "name")
        XCTAssertEqual(explicitName.stdout, byName.stdout)
        let byLastEvent = try hostSucceeds("logs", "streams", "/aws/lambda/Alpha", "--order-by", "last-event")
        XCTAssertEqual(byLastEvent.stdout, streams.reversed().map { $0 + "\n" }.joined())
    }

    func testStreamsAsJSON() throws {
        let id = try invokeReturningRequestId("Alpha", event: #"{"name":"x"}"#)
        let events = detailedEvents(try hostSucceeds("logs", "get", "/aws/lambda/Alpha", "--since", "1h").stdout)
        let name = try XCTUnwrap(stream(of: id, in: events))
        let result = try hostSucceeds("logs", "streams", "/aws/lambda/Alpha", "--output", "json")
        let value = try JSONValue.parse(result.stdout)
        let streams = try XCTUnwrap(value["logStreams"]?.arrayValue)
        XCTAssertEqual(streams.count, 1)
        let stream = try XCTUnwrap(streams.first)
        XCTAssertEqual(stream["logStreamName"], .string(name))
        let now = Int64(Date().timeIntervalSince1970 * 1000), start = Int64(testStart.timeIntervalSince1970 * 1000)
        for key in ["creationTime", "firstEventTimestamp", "lastEventTimestamp", "lastIngestionTime"] {
            let time = try XCTUnwrap(stream[key]?.intValue, "\(key) in \(stream)")
            XCTAssertTrue((start...now).contains(time), "\(key) \(time) not in \(start)...\(now)")
        }
        XCTAssertLessThanOrEqual(stream["firstEventTimestamp"]?.intValue ?? 0, stream["lastEventTimestamp"]?.intValue ?? 0)
        XCTAssertNotNil(stream["storedBytes"]?.intValue)
    }

    /// The times `logs get` prints are the events' stored milliseconds, the same numbers
    /// DescribeLogStreams gives as firstEventTimestamp (START) and lastEventTimestamp (REPORT).
    func testPrintedTimesAreTheStoredMilliseconds() throws {
        var ids: [String] = []
        for index in 0..<4 { ids.append(try invokeReturningRequestId("Alpha", event: #"{"name":"t\#(index)"}"#)) }
        let events = detailedEvents(try hostSucceeds("logs", "get", "/aws/lambda/Alpha", "--since", "1h").stdout)
        let streams = try XCTUnwrap(try JSONValue.parse(try hostSucceeds("logs", "streams", "/aws/lambda/Alpha", "--output", "json").stdout)["logStreams"]?.arrayValue)
        XCTAssertEqual(streams.count, ids.count)
        func milliseconds(_ event: PrintedEvent?) -> Int64? {
            event.flatMap { Self.date(detailed: $0.time) }.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
        }
        for stream in streams {
            let name = try XCTUnwrap(stream["logStreamName"]?.stringValue)
            let own = events.filter { $0.stream == name }
            XCTAssertEqual(milliseconds(own.first), stream["firstEventTimestamp"]?.intValue,
                           "\(own.first?.time ?? "-") printed for firstEventTimestamp \(stream["firstEventTimestamp"] ?? nil)")
            XCTAssertEqual(milliseconds(own.last), stream["lastEventTimestamp"]?.intValue,
                           "\(own.last?.time ?? "-") printed for lastEventTimestamp \(stream["lastEventTimestamp"] ?? nil)")
        }
    }

    // MARK: - retention

    func testEveryAllowedRetentionIsAccepted() throws {
        _ = try invokeReturningRequestId("Alpha", event: #"{"name":"x"}"#)
        for days in Self.allowedDays {
            let result = try hostSucceeds("logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days", String(days))
            XCTAssertEqual(result.stdout, "", "put-retention-policy prints nothing")
            if days == 1 || days == 400 || days == 3653 {
                XCTAssertEqual(try retention(of: "/aws/lambda/Alpha"), .int(Int64(days)))
            }
        }
    }

    func testRefusedRetentionValues() throws {
        _ = try invokeReturningRequestId("Alpha", event: #"{"name":"x"}"#)
        try hostSucceeds("logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days", "14")
        for days in ["0", "2", "4", "10", "364", "366", "3652", "3654", "=-1"] {
            let arguments = days.hasPrefix("=")
                ? ["logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days" + days]
                : ["logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days", days]
            let result = try runHost(arguments, in: workspace.root)
            assertUsageError(result, mentions: [days.hasPrefix("=") ? String(days.dropFirst()) : days])
            XCTAssertEqual(try retention(of: "/aws/lambda/Alpha"), 14, "a refused value leaves the policy as it was")
        }
        assertUsageError(try host("logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days", "week"),
                         mentions: ["week"])
    }

    func testRetentionShownInJSONAndDeleted() throws {
        let id = try invokeReturningRequestId("Alpha", event: #"{"name":"kept"}"#)
        _ = try invokeReturningRequestId("Beta", event: #"{"name":"x"}"#)
        try hostSucceeds("logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days", "30")
        let groups = try groupsJSON()
        XCTAssertEqual(groups.map { $0["logGroupName"] }, ["/aws/lambda/Alpha", "/aws/lambda/Beta"])
        XCTAssertEqual(groups.first?["retentionInDays"], 30)
        XCTAssertNil(groups.last?["retentionInDays"], "only the group named gets the policy")

        // Recent events stay within a one-day retention.
        try hostSucceeds("logs", "put-retention-policy", "/aws/lambda/Alpha", "--retention-in-days", "1")
        let events = detailedEvents(try hostSucceeds("logs", "get", "/aws/lambda/Alpha", "--since", "1h").stdout)
        XCTAssertEqual(events.prefix(5).map(\.message), Self.printerMessages(id, "kept"))

        let deleted = try hostSucceeds("logs", "delete-retention-policy", "/aws/lambda/Alpha")
        XCTAssertEqual(deleted.stdout, "")
        XCTAssertNil(try retention(of: "/aws/lambda/Alpha"), "no retention after delete-retention-policy")
    }

    func testRetentionOfAGroupThatDoesNotExist() throws {
        _ = try invokeReturningRequestId("Alpha", event: #"{"name":"x"}"#)
        assertUsageError(try host("logs", "put-retention-policy", "/aws/lambda/Nobody", "--retention-in-days", "7"),
                         mentions: ["/aws/lambda/Nobody"])
        assertUsageError(try host("logs", "delete-retention-policy", "/aws/lambda/Nobody"), mentions: ["/aws/lambda/Nobody"])
        XCTAssertEqual(try hostSucceeds("logs", "groups").stdout, "/aws/lambda/Alpha\n", "no group is made by a policy")
    }
}
