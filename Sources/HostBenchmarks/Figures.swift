import Foundation
import Functions
import JSONValue
import LuaSandbox
import Workspace

/// One measured quantity: `prepare` sets it up untimed and returns the session that times it.
struct Figure {
    var name: String
    /// "µs" or "ms": how the per-iteration time is printed.
    var unit: String
    var iterations: Int
    var prepare: () throws -> Session
}

/// A prepared figure: `run(n)` times `n` iterations; `finish` removes what `prepare` made.
struct Session {
    var run: (Int) throws -> Duration
    var finish: () -> Void
}

/// Why the benchmarks cannot run; `usage` when the command line was wrong.
struct BenchError: Error {
    var message: String
    var usage = false
    init(_ message: String, usage: Bool = false) { (self.message, self.usage) = (message, usage) }
}

private let clock = ContinuousClock()
private let ok: JSONValue = ["statuscode": "200"]
private let throttled: JSONValue = ["statuscode": "429"]

/// A log sink that keeps nothing, to time the invocation alone.
private struct DiscardingSink: FunctionLogSink {
    func write(group: String, stream: String, events: [FunctionLogEvent]) {}
}

/// A throwaway workspace in the temporary folder holding a copy of the repository's `functions/`.
private struct TemporaryWorkspace {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("host-bench-\(UUID().uuidString)")
    var functions: URL { root.appendingPathComponent("functions") }

    init() throws {
        guard FileManager.default.fileExists(atPath: "functions/MockAPIFunction.lua") else {
            throw BenchError("functions/MockAPIFunction.lua not found: run from the repository root")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: "functions"), to: functions)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

private func discardingHost(_ workspace: TemporaryWorkspace) -> FunctionHost {
    FunctionHost(catalog: FunctionCatalog(directory: workspace.functions), logs: DiscardingSink(), now: { Date() })
}

/// Checks that an invocation did what the figure claims to time: returned `"200 OK"`, or
/// failed with `errorType` and a traceback.
private func verify(_ invocation: Invocation, _ expected: String, cold: Bool = false) throws {
    let got = switch invocation.outcome {
    case .success(let value): value.compactString()
    case .failure(let error): error.stackTrace.isEmpty ? "\(error.errorType) without a traceback" : error.errorType
    }
    guard got == expected else { throw BenchError("expected \(expected), got \(got)") }
    let report = invocation.logLines.last ?? ""
    guard report.contains("Init Duration") == cold else { throw BenchError("expected a \(cold ? "cold" : "warm") start: \(report)") }
}

/// Times warm invocations of MockAPIFunction through `host`, then `after`; a first call warms it.
private func warmSession(_ host: FunctionHost, event: JSONValue, expected: String, after: @escaping () throws -> Void = {},
                         finish: @escaping () -> Void) throws -> Session {
    _ = try host.invoke("MockAPIFunction", event: event)
    try verify(host.invoke("MockAPIFunction", event: event), expected)
    return Session(run: { n in
        try clock.measure {
            for _ in 0..<n { _ = try host.invoke("MockAPIFunction", event: event) }
            try after()
        }
    }, finish: finish)
}

/// Times `n` iterations of `make`, keeping what they make alive until the clock stops so
/// that closing it (the Lua states' deinit) is not counted.
private func timedCreation<T>(_ n: Int, _ make: () throws -> T) rethrows -> Duration {
    var made: [T] = []
    made.reserveCapacity(n)
    return try clock.measure { for _ in 0..<n { made.append(try make()) } }
}

/// Runs the `host` binary once in `directory` and returns its standard output.
///
/// Waits on `terminationHandler`, not `waitUntilExit()`: on Linux the latter polls its run
/// loop every 50 ms, which would round every process up to about 50 ms.
private func runHost(_ binary: URL, _ arguments: [String], in directory: URL) throws -> String {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    exited.wait()
    guard process.terminationStatus == 0 else { throw BenchError("host exited with status \(process.terminationStatus)") }
    return output
}

func figures(_ options: Options) -> [Figure] {
    [
        Figure(name: "invoke.warm.nolog", unit: "µs", iterations: 20000) {
            let workspace = try TemporaryWorkspace()
            let host = discardingHost(workspace)
            return try warmSession(host, event: ok, expected: #""200 OK""#) { host.shutdown(); workspace.remove() }
        },
        // The real log store: lines queue in memory and reach SQLite in batches (512 events
        // or 200 ms); each run ends with a flush so every line it made is written in its time.
        Figure(name: "invoke.warm.sqlite", unit: "µs", iterations: 10000) {
            let folder = try TemporaryWorkspace()
            let workspace = Workspace(root: folder.root)
            let host = try workspace.functionHost()
            let logs = try workspace.logStore()
            return try warmSession(host, event: ok, expected: #""200 OK""#, after: { try logs.flush() }) {
                try? workspace.close()
                folder.remove()
            }
        },
        // A new FunctionHost per iteration: catalog read, LuaSandbox, prelude, the script's
        // top level, then the handler.
        Figure(name: "invoke.cold", unit: "µs", iterations: 1000) {
            let workspace = try TemporaryWorkspace()
            try verify(discardingHost(workspace).invoke("MockAPIFunction", event: ok), #""200 OK""#, cold: true)
            return Session(run: { n in
                try timedCreation(n) { () throws -> FunctionHost in
                    let host = discardingHost(workspace)
                    _ = try host.invoke("MockAPIFunction", event: ok)
                    return host
                }
            }, finish: workspace.remove)
        },
        Figure(name: "sandbox.open", unit: "µs", iterations: 5000) {
            // 128 MB: Lambda's default memory size, as FunctionHost gives each interpreter.
            Session(run: { n in try timedCreation(n) { try LuaSandbox(memoryLimit: 128 << 20) } }, finish: {})
        },
        Figure(name: "invoke.error", unit: "µs", iterations: 10000) {
            let workspace = try TemporaryWorkspace()
            let host = discardingHost(workspace)
            return try warmSession(host, event: throttled, expected: "TooManyRequestsException") { host.shutdown(); workspace.remove() }
        },
        // The whole process: start-up, argument parsing, opening .host/ (created by the first,
        // untimed, run), one cold invocation, the log flush, exit.
        Figure(name: "process.invoke", unit: "ms", iterations: 20) {
            let binary = URL(fileURLWithPath: options.host)
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw BenchError("\(options.host): no executable there; build it (swift build -c release) or pass --host PATH")
            }
            let workspace = try TemporaryWorkspace()
            let invoke = {
                let output = try runHost(binary, ["invoke", "MockAPIFunction", "--event", #"{"statuscode":"200"}"#], in: workspace.root)
                guard output == "\"200 OK\"\n" else { throw BenchError("host printed \(output.debugDescription)") }
            }
            try invoke()
            return Session(run: { n in try clock.measure { for _ in 0..<n { try invoke() } } }, finish: workspace.remove)
        },
    ]
}
