import Foundation
import JSONValue
import TestSupport
import XCTest

/// What a function's invocation shows through the built `host`: the REPORT line's real
/// memory peak, tables logged as JSON, and deliveries to a topic's subscribers that fail.
final class FunctionOutputCLITests: HostCLITestCase {
    /// Out of memory, `Max Memory Used` is the function's whole `memorySize`, not `1 MB`.
    func testOutOfMemoryReportsTheWholeMemorySize() throws {
        try workspace.addFunction("Huge", """
            function handler()
              return #("x"):rep(300 * 1024 * 1024)
            end
            """, configuration: #"{"memorySize": 256}"#)
        let result = try host("invoke", "Huge", "--log-type", "Tail")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(try JSONValue.parse(result.stdout)["errorType"], "Runtime.OutOfMemory")
        let report = try XCTUnwrap(result.stderr.split(separator: "\n").last.map(String.init))
        let id = try XCTUnwrap(try JSONValue.parse(result.stdout)["requestId"]?.stringValue)
        assertReport(report, requestId: id, memory: 256, status: "Status: error\tError Type: Runtime.OutOfMemory")
        XCTAssertTrue(report.contains("\tMax Memory Used: 256 MB\t"), report)
    }

    func testLoggedTablesAreJSON() throws {
        try workspace.addFunction("Logger", """
            function handler(event)
              log.info({statuscode = event.statuscode, retries = {1, 2}})
              return "done"
            end
            """)
        let tail = try host("invoke", "Logger", "--event", #"{"statuscode": "429"}"#, "--log-type", "Tail")
        XCTAssertEqual(tail.status, 0, tail.stderr)
        XCTAssertEqual(tail.stdout, "\"done\"\n")
        let info = tail.stderr.split(separator: "\n").first { $0.hasPrefix("[INFO]\t") }
        XCTAssertTrue(info?.hasSuffix("\t" + #"{"retries":[1,2],"statuscode":"429"}"#) ?? false, tail.stderr)
    }

    /// A subscriber that fails is not dropped: `host events dead-letters` lists the message
    /// with the reason, the topic's ARN and the function.
    func testAFailedTopicDeliveryIsDeadLettered() throws {
        let topics = workspace.root.appendingPathComponent("topics")
        try FileManager.default.createDirectory(at: topics, withIntermediateDirectories: true)
        try #"{"Type": "sns", "Subscriptions": [{"Protocol": "lambda", "Endpoint": "pager"}]}"#
            .write(to: topics.appendingPathComponent("alerts.json"), atomically: true, encoding: .utf8)
        try workspace.addFunction("publisher", """
            function handler(event)
              return aws.client("sns").publish({TopicArn = "arn:aws:sns:us-east-1:123456789012:alerts", Message = "disk full"})
            end
            """, configuration: #"""
            {"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:alerts"}]}}
            """#)
        try workspace.addFunction("pager", """
            local Unreachable = exception("PagerUnreachable")
            function handler(event) error(Unreachable("no pager for " .. event.Records[1].Sns.Message)) end
            """)
        let published = try hostSucceeds("invoke", "publisher")
        let messageId = try XCTUnwrap(try JSONValue.parse(published.stdout)["MessageId"]?.stringValue)
        // host invoke waited for the delivery before it ended.
        let letters = try JSONValue.parse(try hostSucceeds("events", "dead-letters", "--output", "json").stdout)
        let letter = try XCTUnwrap(letters.arrayValue?.first, "\(letters)")
        XCTAssertEqual(letters.arrayValue?.count, 1)
        XCTAssertEqual(letter["eventId"], .string(messageId))
        XCTAssertEqual(letter["rule"], "arn:aws:sns:us-east-1:123456789012:alerts")
        XCTAssertEqual(letter["target"], "pager")
        XCTAssertEqual(letter["reason"], "PagerUnreachable: no pager for disk full")
        // The subscriber did run: its error is in its log.
        let logs = try hostSucceeds("logs", "get", "/aws/lambda/pager")
        XCTAssertTrue(logs.stdout.contains("[ERROR] PagerUnreachable: no pager for disk full"), logs.stdout)
    }
}
