import Clocks
import Engine
import Foundation
import Functions
import JSONValue
import LuaSandbox
import StatesLanguage
import Workspace

/// One measured quantity: `prepare` sets it up untimed and returns the session that times it.
struct Figure {
    var name: String
    /// "µs" or "ms": how the per-iteration time is printed.
    var unit: String
    var iterations: Int
    /// Rates to print beside the time, each as (units per iteration, name): a pass_chain_100
    /// execution is 1 execution and 100 transitions.
    var rates: [(perIteration: Double, unit: String)] = []
    /// Run only when `--only` names it (or its group): too long for every run.
    var onlyWhenNamed = false
    /// Items an iteration goes through (a Map's), to print the time per item; 0: none.
    var items = 0
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
let ok: JSONValue = ["statuscode": "200"]
private let throttled: JSONValue = ["statuscode": "429"]

/// A log sink that keeps nothing, to time the invocation alone.
private struct DiscardingSink: FunctionLogSink {
    func write(group: String, stream: String, events: [FunctionLogEvent]) {}
}

/// A throwaway workspace in the temporary folder holding a copy of the repository's `functions/`.
struct TemporaryWorkspace {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("host-bench-\(UUID().uuidString)")
    var functions: URL { root.appendingPathComponent("functions") }

    init(machines: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: "functions/MockAPIFunction.lua") else {
            throw BenchError("functions/MockAPIFunction.lua not found: run from the repository root")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: "functions"), to: functions)
        if machines { try FileManager.default.copyItem(at: URL(fileURLWithPath: "machines"), to: root.appendingPathComponent("machines")) }
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
func runHost(_ binary: URL, _ arguments: [String], in directory: URL) throws -> String {
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


// MARK: - Executions (the Engine)

/// Holds what a detached task hands back; the semaphore orders the write before the read.
final class Box<T>: @unchecked Sendable {
    var value: T?
}

/// Runs async work to its end from the synchronous harness. Detached, so that it never waits
/// for the main actor, which the harness blocks meanwhile.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = Box<Result<T, any Error>>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.value = .success(try await work()) } catch { box.value = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.value!.get()
}

func parseMachine(_ text: String) throws -> StateMachine {
    switch StateMachine.parse(text) {
    case .success(let machine): return machine
    case .failure(let errors): throw BenchError("the benchmark's definition does not validate:\n\(errors)")
    }
}

/// The peer benchmark's pass_chain_100 (docs/benchmarks-history.md, section 5): Pass states S001 → S100, nothing else.
private func passChain(_ count: Int) -> String {
    let names = (1...count).map { String(format: "S%03d", $0) }
    let states = names.enumerated().map { index, name in
        let next = index + 1 < count ? #""Next": "\#(names[index + 1])""# : #""End": true"#
        return #"    "\#(name)": {"Type": "Pass", \#(next)}"#
    }
    return """
        {
          "Comment": "\(count) chained Pass states (S001 -> S\(String(format: "%03d", count)))",
          "StartAt": "S001",
          "States": {
        \(states.joined(separator: ",\n"))
          }
        }
        """
}

/// A definition of `count` states that exercises the decoder and the validator: Pass states
/// with Parameters and ResultPath, Tasks with Retry and Catch, Choices with two rules and a
/// Default, and Waits, in turn, each going to the next; the last ends.
func mixedDefinition(_ count: Int) -> String {
    let names = (0..<count).map { "State \($0)" }
    let states = names.enumerated().map { index, name -> String in
        let next = index + 1 < count ? names[index + 1] : nil
        let transition = next.map { #""Next": "\#($0)""# } ?? #""End": true"#
        switch (index % 4, next) {
        case (1, _):
            return #""\#(name)": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work", "#
                + #""TimeoutSeconds": 30, "Retry": [{"ErrorEquals": ["Throttled"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 2.0}, "#
                + #"{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "#
                + #""Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "\#(next ?? name)"}], \#(transition)}"#
        case (2, let next?):
            return #""\#(name)": {"Type": "Choice", "Choices": ["#
                + #"{"Variable": "$.count", "NumericGreaterThan": 10, "Next": "\#(next)"}, "#
                + #"{"And": [{"Variable": "$.name", "StringMatches": "a*"}, {"Variable": "$.flag", "BooleanEquals": true}], "Next": "\#(next)"}], "#
                + #""Default": "\#(next)"}"#
        case (3, _):
            return #""\#(name)": {"Type": "Wait", "Seconds": 1, \#(transition)}"#
        default:
            return #""\#(name)": {"Type": "Pass", "Parameters": {"value.$": "$.value", "fixed": [1, 2, 3], "#
                + #""joined.$": "States.Format('{} {}', $.a, $.b)"}, "ResultPath": "$.result", \#(transition)}"#
        }
    }
    return "{\n  \"Comment\": \"\(count) generated states\",\n  \"StartAt\": \"State 0\",\n  \"States\": {\n    "
        + states.joined(separator: ",\n    ") + "\n  }\n}\n"
}

/// Task states in pass_chain_100 never run: a call here is a bug in the benchmark.
struct NoFunctions: TaskInvoker {
    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        .failure(StatesError("Bench.NoFunctions", cause: "pass_chain_100 called \(call.function)"))
    }
}

/// Runs `n` executions back to back, each checked to end SUCCEEDED with `output`.
func runExecutions(_ n: Int, of machine: StateMachine, input: JSONValue, output: JSONValue, virtual: Bool,
                           invoker: any TaskInvoker, workspace: Workspace? = nil, file: MachineFile? = nil) async throws {
    for index in 0..<n {
        let identity = ExecutionIdentity(machineName: "bench", executionName: UUID().uuidString.lowercased())
        let result: ExecutionResult
        if let workspace, let file {
            // As `host run` does: the execution's record with its definition, and its history
            // and invocations written as they happen, on the workspace's clock.
            result = try await workspace.run(try workspace.prepareExecution(of: RunnableMachine(file), identity: identity, input: input))
        } else {
            let clock: any HostClock = virtual ? VirtualClock(start: Date()) : SystemClock()
            result = await Execution(machine: machine, identity: identity, input: input, clock: clock, invoker: invoker).run()
        }
        guard result.status == .succeeded, result.output == output else {
            throw BenchError("execution \(index) ended \(result.status.rawValue) with \(result.output?.compactString() ?? "no output"): "
                + "\(result.error ?? "") \(result.cause ?? "")")
        }
    }
}

/// pass_chain_100 as the benchmark runs it.
private func passChainSession() throws -> Session {
    try passStatesSession(try parseMachine(passChain(100)), name: "pass_chain_100", input: [:], output: [:])
}

/// A chain of 100 Pass states run back to back on the virtual clock with no store, each
/// execution checked to end with `output`; one execution's history is checked first.
func passStatesSession(_ machine: StateMachine, name: String, input: JSONValue, output: JSONValue) throws -> Session {
    let history = try blocking {
        await Execution(machine: machine, identity: ExecutionIdentity(machineName: name, executionName: "check"),
                        input: input, clock: VirtualClock(start: Date()), invoker: NoFunctions()).run().history
    }
    let entered = history.filter { $0.type == .passStateEntered }.count
    guard entered == 100, history.last?.type == .executionSucceeded else {
        throw BenchError("\(name) entered \(entered) states, ended with \(history.last?.type.rawValue ?? "nothing")")
    }
    return Session(run: { n in
        try blocking {
            try await clock.measure {
                try await runExecutions(n, of: machine, input: input, output: output, virtual: true, invoker: NoFunctions())
            }
        }
    }, finish: {})
}

/// Seed 003's machine with `{"statuscode":"200"}` and the real FunctionHost of a workspace
/// (SQLite log store); with `store`, also the execution record and its history, as `host run`.
private func seedSession(store: Bool) throws -> Session {
    let folder = try TemporaryWorkspace(machines: true)
    let workspace = Workspace(root: folder.root)
    let file = try Workspace.loadMachine(at: workspace.machinesDirectory.appendingPathComponent("MyAPIStateMachine.json"),
                                         displayPath: "machines/MyAPIStateMachine.json")
    let machine = file.definition
    let invoker = try workspace.taskInvoker()
    let logs = try workspace.logStore()
    let output: JSONValue = "The request has succeeded."
    let run = { @Sendable (n: Int) async throws in
        try await runExecutions(n, of: machine, input: ok, output: output, virtual: false, invoker: invoker,
                                workspace: store ? workspace : nil, file: file)
    }
    try blocking { try await run(1) }
    return Session(run: { n in
        try blocking {
            try await clock.measure {
                try await run(n)
                try logs.flush()
            }
        }
    }, finish: {
        try? workspace.close()
        folder.remove()
    })
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

        // Executions, through the Engine API: pass_chain_100 (the peer's machine), virtual
        // clock, no store, no observer.
        Figure(name: "engine.pass100", unit: "µs", iterations: 2000, rates: [(1, "exec/s"), (100, "transitions/s")]) {
            try passChainSession()
        },
        // The same chain where every Pass reshapes its input alike, in JSONPath and in JSONata
        // (QueryLanguageFigures.swift): what JSONata costs a state.
        Figure(name: "engine.pass.jsonpath", unit: "µs", iterations: 1000, rates: [(100, "transitions/s")]) {
            try passEffectSession(.jsonPath)
        },
        Figure(name: "engine.pass.jsonata", unit: "µs", iterations: 1000, rates: [(100, "transitions/s")]) {
            try passEffectSession(.jsonata)
        },
        // An inline Map with a Pass body over 1,000 and 6,000 items (ScaleFigures.swift): its
        // time per item must stay flat from the one to the other. 6,000 items make 24,006
        // events, near the 25,000 of an execution's history (Step Functions quotas): a Map over
        // 100,000 items fails with States.Runtime there, on AWS as in host.
        Figure(name: "engine.map.1000", unit: "ms", iterations: 20, rates: [(1000, "items/s")], items: 1000) {
            try inlineMapSession(items: 1000)
        },
        Figure(name: "engine.map.6000", unit: "ms", iterations: 4, rates: [(6000, "items/s")], items: 6000) {
            try inlineMapSession(items: 6000)
        },
        // process.loop's execution alone (LoopFigure.swift): on the Engine API with no store, and
        // through the workspace with its record and events in SQLite, as `host run` runs it.
        Figure(name: "engine.loop", unit: "ms", iterations: 10, rates: [(Double(2 * loopTurns + 1), "transitions/s")]) {
            try loopSession(store: false)
        },
        Figure(name: "engine.loop.store", unit: "ms", iterations: 10, rates: [(Double(2 * loopTurns + 1), "transitions/s")]) {
            try loopSession(store: true)
        },
        // Seed 003's machine with {"statuscode":"200"}: one real Lua call through the
        // workspace's FunctionHost (its log lines into SQLite, flushed in each run), no
        // execution record.
        Figure(name: "engine.seed200", unit: "µs", iterations: 10000, rates: [(1, "exec/s")]) {
            try seedSession(store: false)
        },
        // The same, with the execution's record and history in SQLite, as `host run` keeps them.
        Figure(name: "engine.seed200.store", unit: "µs", iterations: 2000, rates: [(1, "exec/s")]) {
            try seedSession(store: true)
        },
        // The same, 64 executions in flight at once (ScaleFigures.swift).
        Figure(name: "engine.seed200.concurrent64", unit: "µs", iterations: 2000, rates: [(1, "exec/s")]) {
            try concurrentSeedSession(width: 64)
        },
        // The Workspace half of serve.roundtrip (docs/benchmarks-history.md section 8) without HTTP: one
        // iteration is StartExecution + DescribeExecution of a Pass machine, 32 at once
        // (ServeInProcessFigure.swift).
        Figure(name: "serve.inprocess", unit: "µs", iterations: 4000, rates: [(1, "round trips/s")], onlyWhenNamed: true) {
            try serveInProcessSession(clients: 32)
        },
        // StateMachine.parse of a generated definition of 1,000 and of 10,000 states: JSON with
        // locations, decoding, and every validation rule.
        // The 10,000 states are smaller (compactDefinition): mixedDefinition's would be 2.3 MB,
        // over the 1 MiB AWS accepts, and fail validation.
        Figure(name: "parse.1000", unit: "ms", iterations: 20) { try parseSession(states: 1000, text: mixedDefinition(1000)) },
        Figure(name: "parse.10000", unit: "ms", iterations: 3) { try parseSession(states: 10_000, text: compactDefinition(10_000)) },
        // The whole process: `host run` of seed 003's machine with {"statuscode":"200"},
        // --output json, in a temporary copy of functions/ and machines/ (its .host/ made by
        // the first, untimed, run): start-up, parsing the definition, one cold Lua call, the
        // execution record and history in SQLite, exit.
        Figure(name: "process.run", unit: "ms", iterations: 20) {
            let binary = URL(fileURLWithPath: options.host)
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw BenchError("\(options.host): no executable there; build it (swift build -c release) or pass --host PATH")
            }
            let workspace = try TemporaryWorkspace(machines: true)
            let arguments = ["run", "machines/MyAPIStateMachine.json", "--input", #"{"statuscode":"200"}"#, "--output", "json"]
            let run = {
                let output = try runHost(binary, arguments, in: workspace.root)
                let describe = try JSONValue.parse(output)
                // DescribeExecution's output is JSON text.
                let result = describe["output"]?.stringValue.flatMap { try? JSONValue.parse($0) }
                guard describe["status"] == "SUCCEEDED", result == "The request has succeeded." else {
                    throw BenchError("host run printed \(output)")
                }
            }
            try run()
            return Session(run: { n in try clock.measure { for _ in 0..<n { try run() } } }, finish: workspace.remove)
        },
        // The whole process, `host run` of a one-Pass machine: moto's start-up figure.
        Figure(name: "process.trivial", unit: "ms", iterations: 20) { try processTrivialSession(host: options.host) },
        // A whole `host run` of a Pass/Choice loop taken 5,000 times (10,000 transitions, 20,000
        // events stored), less a run of the one-state machine, taken in turn (LoopFigure.swift).
        Figure(name: "process.loop", unit: "ms", iterations: 5, rates: [(Double(2 * loopTurns), "transitions/s")]) {
            try processLoopSession(host: options.host)
        },
        // The whole process, `host --help`: start-up and exit, nothing opened.
        Figure(name: "process.help", unit: "ms", iterations: 20) { try processHelpSession(host: options.host) },
    ] + distributedMapFigures(options)
}
