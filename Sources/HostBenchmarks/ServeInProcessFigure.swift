import Foundation
import JSONValue
import Workspace

// `serve.inprocess`: the Workspace half of a `host serve` round trip (docs/benchmarks-history.md section 8),
// without HTTP: what the StartExecution and DescribeExecution routes do with a request's body
// (parse the JSON, call Step Functions, write the answer's JSON), from `clients` tasks at
// once, in one process that valgrind can follow (it stops in `host serve`).

private let clock = ContinuousClock()

/// StartExecution + DescribeExecution of a one-Pass machine from `machines/Pass.json`, set up
/// as `host serve` sets up its workspace (event bus open, long Waits parked), `clients` round
/// trips in flight. Each answer is checked as the serve.roundtrip load checks it, and each run
/// ends once every execution it started has ended and its end is stored, so that the end's
/// writes are in the figure as they are in the server's CPU time.
func serveInProcessSession(clients: Int) throws -> Session {
    let folder = try TemporaryWorkspace()
    let machines = folder.root.appendingPathComponent("machines")
    try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
    try #"{"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true}}}"#
        .write(to: machines.appendingPathComponent("Pass.json"), atomically: true, encoding: .utf8)
    let workspace = Workspace(root: folder.root)
    _ = try workspace.eventBus()
    workspace.parkWaits(longerThan: 1)
    let service = workspace.stepFunctions
    let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Pass"
    let counter = Box<Int>()
    counter.value = 0

    let roundTrip = { @Sendable (name: String, index: Int) async throws -> RunningExecution? in
        let input = #"{"client":\#(index),"index":\#(index)}"#
        let startBody = JSONValue.object(["stateMachineArn": .string(machineArn), "name": .string(name), "input": .string(input)])
            .compactString()
        let start = try JSONValue.parse(bytes: Array(startBody.utf8))
        let (started, running) = try await service.startExecution(stateMachineArn: start["stateMachineArn"]!.stringValue!,
                                                                  name: start["name"]?.stringValue, input: start["input"]?.stringValue)
        let startAnswer = try JSONValue.parse(started.json.compactString())
        guard let arn = startAnswer["executionArn"]?.stringValue, arn.hasSuffix(":Pass:\(name)") else {
            throw BenchError("StartExecution answered \(startAnswer.compactString())")
        }
        let describeBody = JSONValue.object(["executionArn": .string(arn)]).compactString()
        let describe = try JSONValue.parse(bytes: Array(describeBody.utf8))
        let answer = try JSONValue.parse(await service.describeExecution(arn: describe["executionArn"]!.stringValue!).json.compactString())
        switch answer["status"]?.stringValue {
        case "RUNNING": break
        case "SUCCEEDED" where answer["output"]?.stringValue.flatMap({ try? JSONValue.parse($0) }) == (try JSONValue.parse(input)): break
        default: throw BenchError("DescribeExecution answered \(answer.compactString())")
        }
        return running
    }
    let run = { @Sendable (n: Int) async throws in
        let first = counter.value!
        counter.value = first + n
        let executions = try await withThrowingTaskGroup(of: RunningExecution?.self, returning: [RunningExecution].self) { group in
            var started = 0
            var executions: [RunningExecution] = []
            func add() {
                let index = first + started
                group.addTask { try await roundTrip("run-\(index)", index) }
                started += 1
            }
            while started < min(clients, n) { add() }
            while let running = try await group.next() {
                if let running { executions.append(running) }
                if started < n { add() }
            }
            return executions
        }
        for execution in executions {
            let result = try await execution.result.get()
            guard result.status == .succeeded else { throw BenchError("\(execution.executionArn) ended \(result.status.rawValue)") }
        }
    }
    try blocking { try await run(clients) }
    return Session(run: { n in
        try blocking { try await clock.measure { try await run(n) } }
    }, finish: {
        try? workspace.close()
        folder.remove()
    })
}
