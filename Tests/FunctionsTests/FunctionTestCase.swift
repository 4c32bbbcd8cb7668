import Foundation
import Functions
import JSONValue
import TestSupport
import XCTest

extension LogRecorder: FunctionLogSink {
    public func write(group: String, stream: String, events: [FunctionLogEvent]) {
        record(group: group, stream: stream, events.map { ($0.timestamp, $0.message) })
    }
}

/// A workspace of its own, a function host over it and the log lines it wrote.
class FunctionTestCase: XCTestCase {
    var workspace: TemporaryWorkspace!
    var logs: LogRecorder!
    var host: FunctionHost!

    override func setUpWithError() throws {
        workspace = try TemporaryWorkspace()
        logs = LogRecorder()
        host = FunctionHost(catalog: FunctionCatalog(directory: workspace.functions), logs: logs, now: { Date() })
    }

    override func tearDown() {
        host?.shutdown()
        host = nil
        workspace = nil
    }

    /// Invokes and expects a function error.
    func failure(_ name: String, _ event: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) throws -> FunctionError {
        let invocation = try host.invoke(name, event: event)
        guard case .failure(let error) = invocation.outcome else {
            XCTFail("expected a function error, got \(invocation.outcome)", file: file, line: line)
            throw UnexpectedOutcome(description: "\(invocation.outcome)")
        }
        return error
    }

    /// Invokes and expects a result.
    func success(_ name: String, _ event: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let invocation = try host.invoke(name, event: event)
        guard case .success(let value) = invocation.outcome else {
            XCTFail("expected a result, got \(invocation.outcome)", file: file, line: line)
            throw UnexpectedOutcome(description: "\(invocation.outcome)")
        }
        return value
    }
}

/// Stops a test whose call came out the other way; the failure itself is already recorded
/// where the call was made.
struct UnexpectedOutcome: Error, CustomStringConvertible {
    var description: String
}
