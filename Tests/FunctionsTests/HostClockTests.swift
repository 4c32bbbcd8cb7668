import Foundation
import Functions
import JSONValue
import Synchronization
import TestSupport
import XCTest

/// The host decides what time it is: a function's `os.time()` and `os.date()` and every line
/// its invocation writes (START, its own lines, the timeout line, END, REPORT) take their time
/// from the host's one clock, so on a virtual clock they follow the execution's virtual time.
final class HostClockTests: FunctionTestCase {
    /// 2024-01-01T00:00:00.250Z.
    static let virtualNow = Date(timeIntervalSince1970: 1_704_067_200.25)
    let clock = SettableClock(HostClockTests.virtualNow)

    override func setUpWithError() throws {
        try super.setUpWithError()
        let clock = self.clock
        host = FunctionHost(catalog: FunctionCatalog(directory: workspace.functions), logs: logs, now: { clock.now })
    }

    func testTheScriptsTimeOfDayIsTheHosts() throws {
        try workspace.addFunction("Clock", """
            function handler()
              return {
                time = os.time(),
                date = os.date("!%Y-%m-%dT%H:%M:%SZ"),
                year = os.date("!*t").year,
                same = os.date("!%c") == os.date("!%c", os.time()),
                table = os.time({year = 2020, month = 6, day = 15, hour = 12}) ~= nil,
              }
            end
            """)
        // (Objects a function returns come out with their keys sorted.)
        XCTAssertEqual(try success("Clock"), [
            "date": "2024-01-01T00:00:00Z", "same": true, "table": true, "time": 1_704_067_200, "year": 2024,
        ])
        // The clock moves: the next invocation sees the new time.
        clock.now = Date(timeIntervalSince1970: 1_704_153_600)
        XCTAssertEqual(try success("Clock")["date"], "2024-01-02T00:00:00Z")
    }

    /// `os.clock()` stays the processor time: it advances while the host's clock stands still.
    func testOsClockStaysProcessorTime() throws {
        try workspace.addFunction("Busy", """
            function handler()
              local c0, t0 = os.clock(), os.time()
              repeat until os.clock() - c0 > 0.02
              return {cpu = os.clock() > c0, elapsed = os.time() - t0}
            end
            """)
        XCTAssertEqual(try success("Busy"), ["cpu": true, "elapsed": 0])
    }

    func testEveryLineOfAnInvocationIsStampedByTheHostsClock() throws {
        try workspace.addFunction("Chatty", """
            function handler()
              print("printed")
              log.info("logged")
              return "done"
            end
            """)
        let invocation = try host.invoke("Chatty", event: [:])
        let lines = logs.lines.filter { $0.group == "/aws/lambda/Chatty" }
        XCTAssertEqual(lines.count, 5, "\(lines.map(\.message))")
        for line in lines { XCTAssertEqual(line.timestamp, Self.virtualNow, line.message) }
        // The Python runtime's line carries the same time: [INFO]\t<ISO 8601 UTC, ms>\t<id>\tmessage.
        XCTAssertTrue(lines.contains { $0.message == "[INFO]\t2024-01-01T00:00:00.250Z\t\(invocation.requestId)\tlogged" },
                      "\(lines.map(\.message))")
        // The cold start's stream is named by that day: YYYY/MM/DD/[$LATEST]<32 hex>.
        XCTAssertTrue(invocation.logStream.hasPrefix("2024/01/01/[$LATEST]"), invocation.logStream)
    }

    func testTheTimeoutLineIsStampedByTheHostsClock() throws {
        try workspace.addFunction("Stuck", """
            function handler()
              print("before")
              while true do end
            end
            """, configuration: #"{"timeout": 1}"#)
        let invocation = try host.invoke("Stuck", event: [:])
        guard case .failure(let error) = invocation.outcome else { return XCTFail("expected a timeout") }
        XCTAssertEqual(error.errorType, "Sandbox.Timedout")
        let lines = logs.lines.filter { $0.group == "/aws/lambda/Stuck" }
        for line in lines { XCTAssertEqual(line.timestamp, Self.virtualNow, line.message) }
        // The timeout line begins with the time it was written, in ISO 8601.
        XCTAssertTrue(lines.contains { $0.message.hasPrefix("2024-01-01T00:00:00.250Z \(invocation.requestId) Task timed out") },
                      "\(lines.map(\.message))")
    }
}

/// A clock the test sets by hand.
final class SettableClock: Sendable {
    private let date: Mutex<Date>

    init(_ date: Date) { self.date = Mutex(date) }

    var now: Date {
        get { date.withLock { $0 } }
        set { date.withLock { $0 = newValue } }
    }
}
