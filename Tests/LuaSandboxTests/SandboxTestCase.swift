import JSONValue
import LuaSandbox
import XCTest

/// Runs a script's `handler` in a fresh sandbox with a short deadline.
class SandboxTestCase: XCTestCase {
    static let memoryLimit = 32 << 20
    static let deadline: Duration = .milliseconds(300)

    var lines: [(ScriptOutputKind, String)] = []

    func load(_ script: String, memoryLimit: Int = SandboxTestCase.memoryLimit,
              file: StaticString = #filePath, line: UInt = #line) throws -> LuaSandbox {
        let sandbox = try LuaSandbox(memoryLimit: memoryLimit)
        let run = sandbox.run(script, chunkName: "@attack.lua", timeout: Self.deadline) { kind, text in self.lines.append((kind, text)) }
        if case .failure(let failure) = run.result { XCTFail("the script did not load: \(failure)", file: file, line: line) }
        return sandbox
    }

    func call(_ sandbox: LuaSandbox, _ event: JSONValue = [:], timeout: Duration = SandboxTestCase.deadline) -> ScriptRun {
        sandbox.call("handler", event: event, context: [:], timeout: timeout) { kind, text in self.lines.append((kind, text)) }
    }

    /// Runs `handler` once and returns how it failed.
    func failure(of script: String, _ event: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) throws -> ScriptFailure {
        let sandbox = try load(script, file: file, line: line)
        switch call(sandbox, event).result {
        case .success(let value):
            XCTFail("expected a failure, got \(value)", file: file, line: line)
            throw UnexpectedOutcome(description: "\(value)")
        case .failure(let failure):
            return failure
        }
    }

    /// Runs `handler` once and returns its value. A script expected to succeed gets a long
    /// deadline, so that a loaded machine cannot turn a slow success into a timeout.
    func value(of script: String, _ event: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let sandbox = try load(script, file: file, line: line)
        return try call(sandbox, event, timeout: .seconds(30)).result.get()
    }
}

/// Stops a test whose call came out the other way; the failure itself is already recorded
/// where the call was made.
struct UnexpectedOutcome: Error, CustomStringConvertible {
    var description: String
}
