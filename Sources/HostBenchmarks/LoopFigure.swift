import Foundation
import JSONValue
import Workspace

// Issue 14's figure of a whole `host run` that does real work: a Pass/Choice loop taken 5,000
// times, its every event stored as `host run` stores them, less what a one-state run costs
// (start-up, the store, exit), in transitions per second.

/// How many times the loop is taken: each turn enters a Pass state and a Choice state.
let loopTurns = 5_000

/// A Pass state that adds one to `$.n`, and a Choice that goes back to it while `$.n` is below
/// `turns`, then to a Succeed state: `2 × turns + 1` states entered, `4 × turns + 4` events
/// (under the 25,000 of an execution's history, Step Functions quotas, for 5,000 turns).
func loopDefinition(turns: Int) -> String {
    #"""
    {
      "Comment": "A Pass/Choice loop taken \#(turns) times",
      "StartAt": "Count",
      "States": {
        "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Again"},
        "Again": {
          "Type": "Choice",
          "Choices": [{"Variable": "$.n", "NumericLessThan": \#(turns), "Next": "Count"}],
          "Default": "Done"
        },
        "Done": {"Type": "Succeed"}
      }
    }
    """#
}

/// `host run machines/loop.json` and `host run machines/trivial.json` in one temporary
/// workspace (its .host/ made by a first, untimed, run of each), taken in turn: a run's time is
/// the loop's processes less the trivial ones, so that what is left is the loop's 10,000
/// transitions and 20,000 stored events. Every run's output is checked: the loop's must be
/// `{"n": turns}` and its history must have every state entered (checked once).
func processLoopSession(host: String) throws -> Session {
    let binary = URL(fileURLWithPath: host)
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw BenchError("\(host): no executable there; build it (swift build -c release) or pass --host PATH")
    }
    let workspace = try TemporaryWorkspace()
    let machines = workspace.root.appendingPathComponent("machines")
    try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
    try Data(loopDefinition(turns: loopTurns).utf8).write(to: machines.appendingPathComponent("loop.json"))
    try Data(trivialDefinition.utf8).write(to: machines.appendingPathComponent("trivial.json"))
    func run(_ machine: String, input: String, expected: JSONValue) throws -> JSONValue {
        let output = try runHost(binary, ["run", "machines/\(machine).json", "--input", input, "--output", "json"], in: workspace.root)
        let describe = try JSONValue.parse(output)
        let result = describe["output"]?.stringValue.flatMap { try? JSONValue.parse($0) }
        guard describe["status"] == "SUCCEEDED", result == expected else { throw BenchError("host run printed \(output)") }
        return describe
    }
    let loop = { try run("loop", input: #"{"n": 0}"#, expected: ["n": .int(Int64(loopTurns))]) }
    let trivial = { _ = try run("trivial", input: "{}", expected: ["done": true]) }
    let first = try loop()
    try trivial()
    guard let arn = first["executionArn"]?.stringValue else { throw BenchError("host run printed no executionArn: \(first)") }
    let history = try JSONValue.parse(try runHost(binary, ["executions", "history", arn, "--output", "json"], in: workspace.root))
    let events = history["events"]?.arrayValue ?? []
    let entered = events.filter { $0["type"]?.stringValue?.hasSuffix("StateEntered") == true }.count
    guard entered == 2 * loopTurns + 1, events.count == 4 * loopTurns + 4 else {
        throw BenchError("the loop's stored history has \(events.count) events, \(entered) states entered")
    }
    let clock = ContinuousClock()
    return Session(run: { n in
        var difference = Duration.zero
        for _ in 0..<n {
            difference += try clock.measure { _ = try loop() }
            difference -= try clock.measure { try trivial() }
        }
        return difference
    }, finish: workspace.remove)
}

/// process.loop's execution alone, in process: the loop's machine from a workspace's
/// `machines/`, run back to back; with `store`, through `Workspace.run` as `host run` runs it
/// (the execution's record and its events in SQLite), else on the Engine API with a virtual
/// clock and no store. Each execution must end with `{"n": turns}`.
func loopSession(store: Bool) throws -> Session {
    let folder = try TemporaryWorkspace()
    let machines = folder.root.appendingPathComponent("machines")
    try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
    try Data(loopDefinition(turns: loopTurns).utf8).write(to: machines.appendingPathComponent("loop.json"))
    let workspace = Workspace(root: folder.root)
    let file = try Workspace.loadMachine(at: machines.appendingPathComponent("loop.json"), displayPath: "machines/loop.json")
    let output: JSONValue = ["n": .int(Int64(loopTurns))]
    let run = { @Sendable (n: Int) async throws in
        try await runExecutions(n, of: file.definition, input: ["n": 0], output: output, virtual: !store, invoker: NoFunctions(),
                                workspace: store ? workspace : nil, file: file)
    }
    try blocking { try await run(1) }
    let clock = ContinuousClock()
    return Session(run: { n in try blocking { try await clock.measure { try await run(n) } } }, finish: {
        try? workspace.close()
        folder.remove()
    })
}
