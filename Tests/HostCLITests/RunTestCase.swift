import Foundation
import JSONValue
import TestSupport
import XCTest

/// The base of the `host run` and `host executions` tests: a workspace holding the seed
/// functions and machines, and readers for what `host run --output json --history` prints
/// (DescribeExecution's shape with GetExecutionHistory's events, docs/history.md).
class RunTestCase: HostCLITestCase {
    /// Seed 003's machine (the AWS retry-and-catch tutorial) and seed 001's.
    static let apiMachine = "machines/MyAPIStateMachine.json"
    static let errorHandlingMachine = "machines/TestErrorHandling.json"

    override func setUpWithError() throws {
        try super.setUpWithError()
        for file in ["functions/MockAPIFunction.lua", "functions/Test.lua", "functions/Error.lua",
                     "machines/MyAPIStateMachine.json", "machines/TestErrorHandling.json"] {
            try workspace.copy(fromRepository: file)
        }
    }

    // MARK: - Running

    /// What `host run ... --output json --history` printed, read back.
    struct Run {
        var result: HostResult
        /// The DescribeExecution object.
        var describe: JSONValue
        var events: [Event]

        var status: String? { describe["status"]?.stringValue }
        /// DescribeExecution's `output`, JSON text, read back; nil when it has none.
        var output: JSONValue? { describe["output"]?.stringValue.flatMap { try? JSONValue.parse($0) } }
        var types: [String] { events.map(\.type) }
    }

    /// One history event: `{timestamp, type, id, previousEventId, <camelType>EventDetails}`.
    struct Event {
        var id: Int
        var previousEventId: Int
        var timestamp: Double
        var type: String
        var details: JSONValue?

        /// The state's name, for StateEntered/Exited events.
        var stateName: String? { details?["name"]?.stringValue }
        /// `Type [State name]`, as the moto peer's recording of the seeds lists the events.
        var summary: String { stateName.map { "\(type) [\($0)]" } ?? type }
    }

    /// Runs `machine` once with `--output json --history` and reads what it printed; fails the
    /// test unless the process exited with `status`.
    @discardableResult
    func runMachine(_ machine: String, input: String? = nil, virtualClock: Bool = true, name: String? = nil,
                    status: Int32, file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        var arguments = ["run", machine, "--output", "json", "--history"]
        if let input { arguments += ["--input", input] }
        if virtualClock { arguments.append("--virtual-clock") }
        if let name { arguments += ["--name", name] }
        let result = try runHost(arguments, in: workspace.root)
        XCTAssertEqual(result.status, status, "host \(arguments.joined(separator: " ")): stderr: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", "host \(arguments.joined(separator: " "))", file: file, line: line)
        let describe = try JSONValue.parse(result.stdout)
        let history = try XCTUnwrap(describe["history"]?["events"]?.arrayValue, "no history in \(result.stdout)", file: file, line: line)
        return Run(result: result, describe: describe, events: try history.map { try Self.event($0, file: file, line: line) })
    }

    /// A GetExecutionHistory event, whose details member is named after its type.
    static func event(_ value: JSONValue, file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        let object = try XCTUnwrap(value.objectValue, "event \(value)", file: file, line: line)
        let details = object.first { $0.key.hasSuffix("EventDetails") }?.value
        return Event(id: Int(try XCTUnwrap(object["id"]?.intValue, file: file, line: line)),
                     previousEventId: Int(try XCTUnwrap(object["previousEventId"]?.intValue, file: file, line: line)),
                     timestamp: try XCTUnwrap(object["timestamp"]?.doubleValue, file: file, line: line),
                     type: try XCTUnwrap(object["type"]?.stringValue, file: file, line: line),
                     details: details)
    }

    /// The events of `host executions history REFERENCE --output json [--reverse]`.
    func storedHistory(_ reference: String, reverse: Bool = false,
                       file: StaticString = #filePath, line: UInt = #line) throws -> [Event] {
        var arguments = ["executions", "history", reference, "--output", "json"]
        if reverse { arguments.append("--reverse") }
        let result = try runHost(arguments, in: workspace.root)
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        let events = try XCTUnwrap(try JSONValue.parse(result.stdout)["events"]?.arrayValue, result.stdout, file: file, line: line)
        return try events.map { try Self.event($0, file: file, line: line) }
    }

    // MARK: - Assertions

    /// docs/history.md: ids from 1, ExecutionStarted first with previousEventId 0, and each later
    /// event points at an earlier one. In an execution without Parallel or Map each event after
    /// the first state's entry follows the one before it (seed 001: `"id": 14, "previousEventId": 13`).
    func assertLinearHistory(_ events: [Event], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(events.map(\.id), Array(1...max(1, events.count)), "ids run 1...n", file: file, line: line)
        XCTAssertEqual(events.first?.type, "ExecutionStarted", file: file, line: line)
        XCTAssertEqual(events.first?.previousEventId, 0, file: file, line: line)
        for event in events.dropFirst(2) {
            XCTAssertEqual(event.previousEventId, event.id - 1, "event \(event.id) \(event.type)", file: file, line: line)
        }
        let stamps = events.map(\.timestamp)
        XCTAssertEqual(stamps, stamps.sorted(), "timestamps never go back", file: file, line: line)
    }

    /// The execution's summary in DescribeExecution's shape: `output` JSON text, set only when
    /// the execution succeeded; `error` and `cause` only when it failed (absent members left out).
    func assertDescribe(_ run: Run, status: String, output: JSONValue? = nil, error: String? = nil, cause: String? = nil,
                        file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.status, status, file: file, line: line)
        XCTAssertEqual(run.output, output, file: file, line: line)
        if output != nil { XCTAssertNotNil(run.describe["output"]?.stringValue, "output is JSON text", file: file, line: line) }
        XCTAssertEqual(run.describe["error"], error.map { .string($0) }, file: file, line: line)
        XCTAssertEqual(run.describe["cause"], cause.map { .string($0) }, file: file, line: line)
        XCTAssertEqual(run.describe["stateMachineArn"]?.stringValue?.hasPrefix("arn:aws:states:us-east-1:123456789012:stateMachine:"), true,
                       file: file, line: line)
    }

    /// Runs `host` with a Foundation `Process` of our own (for signals), in the workspace.
    func startHost(_ arguments: [String]) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = Repository.hostExecutable
        process.arguments = arguments
        process.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Writes `text` to `name` in the workspace.
    func write(_ text: String, to name: String) throws {
        let url = workspace.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
