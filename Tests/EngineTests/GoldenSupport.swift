import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

// Golden execution-history tests: each case in Golden/<feature>/ is a definition
// (`<case>.asl.json`), an input (`<case>.<variant>.input.json`), the moto peer's result for it
// (`<case>.<variant>.peer.json`) and the expected result (`<case>.<variant>.expected.json`):
// the peer's history adjusted only where AWS is known to differ from moto, each adjustment
// listed in the file (Golden/README.md explains them). The engine runs on its virtual clock and
// its result must equal the expected one: status, output, error, cause, and every event with
// its id, previousEventId, details and timestamp offset from ExecutionStarted.

/// The Lambda functions of the golden cases: the same functions as the peer's lambda module
/// (Golden/lambdas.py), so that outputs and error causes compare equal. A raised error becomes
/// Error = its name and Cause = `{"errorMessage":m,"errorType":t}` (compact), as the peer sends it
/// (the real runtime also adds requestId and stackTrace).
///
/// What Lambda's Invoke response says of a result is answered as for those Python functions:
/// the body is the result as Python's `json.dumps` writes it (its length is `Content-Length`),
/// and with `LogType: Tail` the log tail is `logTail`, since the functions log nothing
/// (Golden/lambda_invoke_adjustment.py makes the expected responses from the same facts).
struct GoldenInvoker: TaskInvoker {
    static let requestId = "6c6d0a9e-0000-4000-8000-000000000001"
    /// The START, END and REPORT lines of an invocation that logs nothing, with fixed figures
    /// (the line formats of docs/lambda.md).
    static let logTail = "START RequestId: \(requestId) Version: $LATEST\n"
        + "END RequestId: \(requestId)\n"
        + "REPORT RequestId: \(requestId)\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\t\n"

    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        switch run(call) {
        case .success(let response):
            return .success(FunctionResponse(payload: response.payload, requestId: response.requestId,
                                             bodyLength: Self.pythonBody(response.payload).utf8.count,
                                             logTail: call.wantsLogTail ? Self.logTail : nil))
        case let other:
            return other
        }
    }

    /// `json.dumps(value)` with Python's default separators, for the ASCII values of the golden
    /// cases (leaves are written as their compact JSON).
    static func pythonBody(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements):
            return "[" + elements.map(pythonBody).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { JSONValue.string($0.key).compactString() + ": " + pythonBody($0.value) }.joined(separator: ", ") + "}"
        default:
            return value.compactString()
        }
    }

    private func run(_ call: FunctionCall) -> FunctionCallResult {
        let event = call.payload
        switch Self.functionName(call.function) {
        case "MockAPIFunction":
            switch event["statuscode"]?.stringValue {
            case "429": return Self.raise("TooManyRequestsException", "429 Too Many Requests")
            case "503": return Self.raise("ServerUnavailableException", "503 Server Unavailable")
            case "200": return .success("200 OK", requestId: Self.requestId)
            default: return Self.raise("UnknownException", "Unknown error")
            }
        case "Echo":
            return .success(event, requestId: Self.requestId)
        case "Add":
            switch (event["a"], event["b"]) {
            case (.int(let a)?, .int(let b)?): return .success(.int(a + b), requestId: Self.requestId)
            case (let a?, let b?) where Self.isNumber(a) && Self.isNumber(b):
                return .success(.double(a.doubleValue! + b.doubleValue!), requestId: Self.requestId)
            default: return Self.raise("InvalidInput", "a and b must be numbers")
            }
        case "Fail":
            return Self.raise(event["errorType"]?.stringValue ?? "CustomError", event["errorMessage"]?.stringValue ?? "failed")
        case "FailByAttempt":
            let attempt = Int(event["attempt"]?.intValue ?? 0)
            let errors = event["errors"]?.arrayValue ?? []
            if attempt < errors.count, let name = errors[attempt].stringValue {
                return Self.raise(name, "attempt \(attempt) failed")
            }
            return .success(["attempt": .int(Int64(attempt)), "ok": true], requestId: Self.requestId)
        case "Slow":
            // The peer's function sleeps; here it only says whether the Task's timeout came first.
            let seconds = event["seconds"] ?? 5
            if let timeout = call.timeoutSeconds, (seconds.doubleValue ?? 0) > Double(timeout) { return .timedOut }
            return .success(["slept": seconds], requestId: Self.requestId)
        case let name:
            return .failure(StatesError("Lambda.ResourceNotFoundException", cause: "Function not found: \(name)"))
        }
    }

    /// `name`, `name:qualifier` or an ARN, as the peer's `parse_function_name` reads them.
    static func functionName(_ function: String) -> String {
        let parts = function.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn", parts.count >= 7 { return parts[6] }
        if parts.count >= 3, parts[1] == "function" { return parts[2] }
        return parts[0]
    }

    private static func isNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .int, .double: true
        default: false
        }
    }

    private static func raise(_ type: String, _ message: String) -> FunctionCallResult {
        let payload: JSONValue = ["errorMessage": .string(message), "errorType": .string(type)]
        return .failure(StatesError(type, cause: payload.compactString()))
    }
}

/// One golden case: `feature/case.variant`.
struct GoldenCase {
    static let machineName = "GoldenMachine"
    static let executionName = "golden-execution"
    /// 2024-05-01T12:00:00Z, the virtual clock's start.
    static let start = Date(timeIntervalSince1970: 1_714_564_800)

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    let feature: String
    let name: String
    let variant: String

    init(_ id: String) {
        let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
        feature = parts[0]
        let rest = parts[1].split(separator: ".", maxSplits: 1).map(String.init)
        name = rest[0]
        variant = rest[1]
    }

    var id: String { "\(feature)/\(name).\(variant)" }

    func file(_ suffix: String) -> URL {
        Self.folder.appendingPathComponent(feature).appendingPathComponent("\(name)\(suffix)")
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every `case.variant` of a feature folder (from its input files).
    static func variants(of feature: String) throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(feature).path)
        return Set(names.filter { $0.hasSuffix(".input.json") }.map { "\(feature)/" + $0.dropLast(".input.json".count) })
    }
}

enum Golden {
    /// Runs the case on the engine and compares its result with the expected file.
    static func check(_ id: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let golden = GoldenCase(id)
        let definition = try GoldenCase.text(golden.file(".asl.json"))
        let machine: StateMachine
        switch StateMachine.parse(definition) {
        case .success(let parsed): machine = parsed
        case .failure(let errors):
            return XCTFail("\(id): the definition was refused:\n\(errors.formatted(file: golden.file(".asl.json").path))", file: file, line: line)
        }
        let input = try JSONValue.parse(GoldenCase.text(golden.file(".\(golden.variant).input.json")))
        let expected = try JSONValue.parse(GoldenCase.text(golden.file(".\(golden.variant).expected.json")))

        let execution = Execution(machine: machine,
                                  identity: ExecutionIdentity(machineName: GoldenCase.machineName, executionName: GoldenCase.executionName),
                                  input: input, clock: VirtualClock(start: GoldenCase.start), invoker: GoldenInvoker(),
                                  observer: nil, random: { 0.5 })
        let result = await execution.run()
        let actual = GoldenResult(result)
        let problems = GoldenComparison(expected: expected).problems(actual)
        if !problems.isEmpty {
            XCTFail("""
                \(id): the engine's result differs from \(golden.file(".\(golden.variant).expected.json").lastPathComponent):
                \(problems.prefix(12).map { "  - " + $0 }.joined(separator: "\n"))\(problems.count > 12 ? "\n  ... \(problems.count - 12) more" : "")
                the engine's result:
                \(actual.listing)
                """, file: file, line: line)
        }
    }

    /// Fails unless `listed` names every case of the feature's folder.
    static func assertListed(_ listed: [String], feature: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let onDisk = try GoldenCase.variants(of: feature)
        XCTAssertEqual(Set(listed), onDisk, "the cases of Golden/\(feature) and the tests' list differ", file: file, line: line)
        for id in listed {
            let golden = GoldenCase(id)
            for suffix in [".asl.json", ".\(golden.variant).expected.json", ".\(golden.variant).peer.json"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: golden.file(suffix).path), "\(id): no \(suffix)", file: file, line: line)
            }
        }
    }
}
