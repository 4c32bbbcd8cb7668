import Foundation
import JSONValue
import Synchronization
import TestSupport
import XCTest

/// Several `host` processes writing the same workspace's logs at once: no line may be lost.
final class ConcurrentProcessesTests: HostCLITestCase {
    private static let processes = 8
    private static let linesPerInvocation = 50

    func testConcurrentInvocationsLoseNoLine() throws {
        try workspace.addFunction("Chatty", """
            function handler(event, context)
              for i = 1, \(Self.linesPerInvocation) do
                print("line " .. i .. " of " .. event.tag)
              end
              return context.aws_request_id
            end
            """)
        let root: URL = workspace.root
        let results = Mutex<[Int: (status: Int32, stdout: String, stderr: String)]>([:])
        DispatchQueue.concurrentPerform(iterations: Self.processes) { index in
            let outcome: (Int32, String, String)
            do {
                let result = try runHost(["invoke", "Chatty", "--event", #"{"tag":"p\#(index)"}"#], in: root)
                outcome = (result.status, result.stdout, result.stderr)
            } catch {
                outcome = (-1, "", "\(error)")
            }
            results.withLock { $0[index] = outcome }
        }

        var requestIds: [String: String] = [:]  // tag → request id
        for index in 0..<Self.processes {
            let result = try XCTUnwrap(results.withLock { $0[index] })
            XCTAssertEqual(result.status, 0, "process \(index): \(result.stderr)")
            XCTAssertEqual(result.stderr, "", "process \(index)")
            let id = try XCTUnwrap(try JSONValue.parse(result.stdout).stringValue, "process \(index): \(result.stdout)")
            requestIds["p\(index)"] = id
        }
        XCTAssertEqual(Set(requestIds.values).count, Self.processes)

        let logs = try hostSucceeds("logs", "get", "/aws/lambda/Chatty", "--since", "1h")
        let events = detailedEvents(logs.stdout)
        let perInvocation = Self.linesPerInvocation + 3
        XCTAssertEqual(events.count, Self.processes * perInvocation, "\(Self.processes) × (\(Self.linesPerInvocation) lines + START, END, REPORT)")

        // Every line exactly once, and each invocation's lines in order in its own stream.
        let streams = try hostSucceeds("logs", "streams", "/aws/lambda/Chatty").stdout.split(separator: "\n")
        XCTAssertEqual(streams.count, Self.processes, "one cold start, one stream, per process")
        for (tag, id) in requestIds.sorted(by: { $0.key < $1.key }) {
            guard let stream = stream(of: id, in: events) else { continue }
            let own = events.filter { $0.stream == stream }.map(\.message)
            var expected = ["START RequestId: \(id) Version: $LATEST"]
            expected += (1...Self.linesPerInvocation).map { "line \($0) of \(tag)" }
            expected.append("END RequestId: \(id)")
            XCTAssertEqual(own.count, perInvocation, "stream of \(tag)")
            XCTAssertEqual(Array(own.prefix(expected.count)), expected, "stream of \(tag)")
            if let report = own.last { assertReport(report, requestId: id) }
            XCTAssertEqual(events.filter { $0.message.contains(id) }.count, 3, "START, END and REPORT of \(tag) once each")
        }

        // Time order across streams: what `logs get` prints never goes back in time.
        let dates = events.compactMap { Self.date(detailed: $0.time) }
        XCTAssertEqual(dates, dates.sorted())
    }
}
