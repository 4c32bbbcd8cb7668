import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Workspace

// The figures of issue 14 beyond the first ones: an inline Map over many items, 64 executions
// at once, a definition of 10,000 states, and a whole `host run` of a one-state machine.

private let clock = ContinuousClock()

/// An inline Map over `$.items` whose item processor is one Pass state; MaxConcurrency 0 (no
/// limit), so that every iteration may run at once, as on AWS.
let inlineMapDefinition = """
    {
      "Comment": "An inline Map over $.items, one Pass state per item",
      "StartAt": "Each",
      "States": {
        "Each": {
          "Type": "Map",
          "ItemsPath": "$.items",
          "MaxConcurrency": 0,
          "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"},
            "StartAt": "Item",
            "States": {"Item": {"Type": "Pass", "End": true}}
          },
          "End": true
        }
      }
    }
    """

/// One execution of the inline Map over `count` integers on the virtual clock, no store: its
/// output must be the items themselves, and its history must hold one MapIterationSucceeded per
/// item (checked once), so the figure cannot time a Map that skipped its items.
func inlineMapSession(items count: Int) throws -> Session {
    let machine = try parseMachine(inlineMapDefinition)
    let items = JSONValue.array((0..<count).map { .int(Int64($0)) })
    let input: JSONValue = ["items": items]
    let identity = ExecutionIdentity(machineName: "map", executionName: "check")
    let history = try blocking {
        await Execution(machine: machine, identity: identity, input: input, clock: VirtualClock(start: Date()), invoker: NoFunctions()).run().history
    }
    let iterations = history.filter { $0.type == .mapIterationSucceeded }.count
    guard iterations == count, history.last?.type == .executionSucceeded else {
        throw BenchError("map over \(count) items: \(iterations) iterations succeeded, ended with \(history.last?.type.rawValue ?? "nothing")")
    }
    return Session(run: { n in
        try blocking {
            try await clock.measure {
                try await runExecutions(n, of: machine, input: input, output: items, virtual: true, invoker: NoFunctions())
            }
        }
    }, finish: {})
}

/// Seed 003's machine with `{"statuscode":"200"}`, as engine.seed200.store (record and history in
/// SQLite, as `host run` keeps them), but `width` executions in flight at once: each run starts
/// `width`, then one more as each ends, until `n` have ended, each checked as it ends.
func concurrentSeedSession(width: Int) throws -> Session {
    let folder = try TemporaryWorkspace(machines: true)
    let workspace = Workspace(root: folder.root)
    let file = try Workspace.loadMachine(at: workspace.machinesDirectory.appendingPathComponent("MyAPIStateMachine.json"),
                                         displayPath: "machines/MyAPIStateMachine.json")
    let logs = try workspace.logStore()
    let output: JSONValue = "The request has succeeded."
    let one = { @Sendable () async throws in
        let identity = ExecutionIdentity(machineName: "bench", executionName: UUID().uuidString.lowercased())
        let result = try await workspace.run(try workspace.prepareExecution(of: RunnableMachine(file), identity: identity, input: ok))
        guard result.status == .succeeded, result.output == output else {
            throw BenchError("an execution ended \(result.status.rawValue): \(result.error ?? "") \(result.cause ?? "")")
        }
    }
    let run = { @Sendable (n: Int) async throws in
        try await withThrowingTaskGroup(of: Void.self) { group in
            var started = 0
            while started < min(width, n) { group.addTask(operation: one); started += 1 }
            while try await group.next() != nil {
                if started < n { group.addTask(operation: one); started += 1 }
            }
        }
    }
    try blocking { try await run(width) }
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

/// A definition of `count` states in under 1 MiB (AWS's limit on a definition's size, which
/// mixedDefinition passes past about 4,500 states): Pass states with a ResultPath, Choices with
/// a rule and a Default, Waits and Tasks, in turn, each going to the next; the last ends.
func compactDefinition(_ count: Int) -> String {
    let states = (0..<count).map { index -> String in
        let next = index + 1 < count ? #""Next":"s\#(index + 1)""# : #""End":true"#
        switch (index % 4, index + 1 < count) {
        case (1, true):
            return #""s\#(index)":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,\#(next)}],"Default":"s\#(index + 1)"}"#
        case (2, _): return #""s\#(index)":{"Type":"Wait","Seconds":1,\#(next)}"#
        case (3, _): return #""s\#(index)":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:W",\#(next)}"#
        default: return #""s\#(index)":{"Type":"Pass","ResultPath":"$.r",\#(next)}"#
        }
    }
    return #"{"StartAt":"s0","States":{"# + states.joined(separator: ",") + "}}"
}

/// StateMachine.parse of `text`, checked once to hold `count` states.
func parseSession(states count: Int, text: String) throws -> Session {
    let machine = try parseMachine(text)
    guard machine.states.count == count else { throw BenchError("parsed \(machine.states.count) states, not \(count)") }
    return Session(run: { n in
        clock.measure { for _ in 0..<n { _ = StateMachine.parse(text) } }
    }, finish: {})
}

/// The peer's trivial machine: one Pass state whose Result is the output.
let trivialDefinition = #"{"StartAt": "Only", "States": {"Only": {"Type": "Pass", "Result": {"done": true}, "End": true}}}"#

/// The whole process: `host run machines/trivial.json --output json` in a temporary workspace
/// (its .host/ made by the first, untimed, run): start-up, the store, one Pass state, exit.
/// What moto's "start-up + one trivial execution" figure times, for host.
func processTrivialSession(host: String) throws -> Session {
    let binary = URL(fileURLWithPath: host)
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw BenchError("\(host): no executable there; build it (swift build -c release) or pass --host PATH")
    }
    let workspace = try TemporaryWorkspace()
    let machines = workspace.root.appendingPathComponent("machines")
    try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
    try Data(trivialDefinition.utf8).write(to: machines.appendingPathComponent("trivial.json"))
    let run = {
        let output = try runHost(binary, ["run", "machines/trivial.json", "--output", "json"], in: workspace.root)
        let describe = try JSONValue.parse(output)
        let result = describe["output"]?.stringValue.flatMap { try? JSONValue.parse($0) }
        guard describe["status"] == "SUCCEEDED", result == ["done": true] else { throw BenchError("host run printed \(output)") }
    }
    try run()
    return Session(run: { n in try clock.measure { for _ in 0..<n { try run() } } }, finish: workspace.remove)
}

/// The whole process: `host --help`, checked to print the usage of its subcommands.
func processHelpSession(host: String) throws -> Session {
    let binary = URL(fileURLWithPath: host)
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw BenchError("\(host): no executable there; build it (swift build -c release) or pass --host PATH")
    }
    let directory = FileManager.default.temporaryDirectory
    let help = {
        let output = try runHost(binary, ["--help"], in: directory)
        guard output.contains("USAGE:"), output.contains("run") else { throw BenchError("host --help printed \(output)") }
    }
    try help()
    return Session(run: { n in try clock.measure { for _ in 0..<n { try help() } } }, finish: {})
}
