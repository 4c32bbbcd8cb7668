import Foundation
import JSONValue
import LuaSandbox
import Synchronization
import XCTest

/// `os.time()` and `os.date()` read the clock the host gives the sandbox; `os.clock()` stays
/// the processor time.
final class SandboxClockTests: XCTestCase {
    /// 2023-11-14T22:13:20Z is 1,700,000,000 s after the epoch.
    func testTimeAndDateReadTheHostsClockEachTimeTheyAreCalled() throws {
        let readings = Mutex(0)
        // Each reading is a minute after the one before.
        let sandbox = try LuaSandbox(memoryLimit: 32 << 20, now: {
            let n = readings.withLock { n in defer { n += 1 }; return n }
            return Date(timeIntervalSince1970: 1_700_000_000.75 + Double(n) * 60)
        })
        _ = sandbox.run("""
            function handler()
              local first = os.time()
              local second = os.time()
              return {first = first, step = second - first, date = os.date("!%Y-%m-%d %H:%M:%S"),
                      given = os.date("!%Y-%m-%d", 0), default = type(os.date())}
            end
            """, chunkName: "@clock.lua", timeout: .seconds(1))
        let run = sandbox.call("handler", event: [:], context: [:], timeout: .seconds(1))
        // (Keys come out sorted.)
        XCTAssertEqual(try run.result.get(), [
            "date": "2023-11-14 22:15:20", "default": "string", "first": 1_700_000_000, "given": "1970-01-01", "step": 60,
        ])
    }

    func testScriptsCannotReachTheSystemClockThroughOs() throws {
        let sandbox = try LuaSandbox(memoryLimit: 32 << 20, now: { Date(timeIntervalSince1970: 86_400) })
        _ = sandbox.run("""
            function handler()
              return {time = os.time(nil), date = os.date("!%Y-%m-%d", nil), clock = type(os.clock())}
            end
            """, chunkName: "@clock.lua", timeout: .seconds(1))
        let run = sandbox.call("handler", event: [:], context: [:], timeout: .seconds(1))
        XCTAssertEqual(try run.result.get(), ["clock": "number", "date": "1970-01-02", "time": 86_400])
    }
}
