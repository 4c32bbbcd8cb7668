import Clocks
import Diagrams
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// Where the tests find the repository's machines and their own golden files.
enum Files {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = tests.appendingPathComponent("Golden")
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let machines = repository.appendingPathComponent("machines")

    /// The text of a file, failing the test when it cannot be read.
    static func text(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: url.path), "cannot read \(url.path)", file: file, line: line)
        return String(decoding: data, as: UTF8.self)
    }

    /// `machines/<name>.json`, parsed and validated.
    static func machine(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> StateMachine {
        try parse(try text(machines.appendingPathComponent("\(name).json"), file: file, line: line), file: file, line: line)
    }

    static func parse(_ definition: String, file: StaticString = #filePath, line: UInt = #line) throws -> StateMachine {
        switch StateMachine.parse(definition) {
        case .success(let machine): return machine
        case .failure(let errors):
            // Thrown, so the test fails with the diagnostics (a skip would hide it).
            throw errors
        }
    }

    /// A history as `host executions history NAME --output json` printed it (GetExecutionHistory's
    /// shape), read back into events.
    static func history(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [HistoryEvent] {
        let value = try JSONValue.parse(try text(golden.appendingPathComponent("histories/\(name).json"), file: file, line: line))
        let events = try XCTUnwrap(value["events"]?.arrayValue, file: file, line: line)
        return try events.map { event in
            let object = try XCTUnwrap(event.objectValue, file: file, line: line)
            let type = try XCTUnwrap(object["type"]?.stringValue.flatMap(EventType.init(rawValue:)), "\(event)", file: file, line: line)
            return HistoryEvent(id: Int(try XCTUnwrap(object["id"]?.intValue, file: file, line: line)),
                                previousEventId: Int(try XCTUnwrap(object["previousEventId"]?.intValue, file: file, line: line)),
                                timestamp: Date(timeIntervalSince1970: object["timestamp"]?.doubleValue ?? 0), type: type,
                                details: object.first { $0.key.hasSuffix("EventDetails") }?.value.objectValue)
        }
    }
}

/// Runs a definition on the engine with a virtual clock and functions written in Swift, and
/// returns its history: the histories of Parallel and Map states come from the engine itself.
struct StubFunctions: TaskInvoker {
    /// The seed's MockAPIFunction (seed 003): it raises the error a status code stands for.
    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        let payload = call.payload
        switch payload["statuscode"]?.stringValue {
        case "200": return .success("200 OK", requestId: "00000000-0000-4000-8000-000000000000")
        case "429": return .failure(StatesError("TooManyRequestsException", cause: "429 Too Many Requests"))
        case "503": return .failure(StatesError("ServerUnavailableException", cause: "503 Server Unavailable"))
        default: return .failure(StatesError("UnknownException", cause: "Unknown error"))
        }
    }

    static func run(_ machine: StateMachine, input: JSONValue) async -> ExecutionResult {
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "test", executionName: "run"), input: input,
                                  clock: VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000)), invoker: StubFunctions(),
                                  random: { 0.5 })
        return await execution.run()
    }
}

/// Compares `actual` with the golden file `name`; on a difference, writes the actual text
/// beside it as `<name>.actual` (never over the golden file) and fails with the first
/// differing line.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = Files.golden.appendingPathComponent(name)
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    guard actual != expected else { return }
    let actualURL = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name).actual")
    try? actual.write(to: actualURL, atomically: true, encoding: .utf8)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let index = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    XCTFail("""
        \(name) differs from its golden file at line \(index + 1) (the whole output is in \(actualURL.path)):
          expected: \(index < e.count ? String(e[index]) : "<end>")
          actual:   \(index < a.count ? String(a[index]) : "<end>")
        """, file: file, line: line)
}
