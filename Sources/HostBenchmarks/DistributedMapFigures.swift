import Foundation
import JSONValue

// distmap.csv.N: `host run` of a Distributed Map over an N-line CSV object in `buckets/`, 100
// items a child (ItemBatcher), its results written back (ResultWriter), STANDARD children
// kept in .host/ as `host run` keeps them. Run only when named (`--only distmap`): each run
// is a whole process and the largest reads 100,000 lines. After each timed run, untimed, the
// Map Run's counts are checked with `host executions describe` (docs/distributed-map.md).

/// The Distributed Map the figures run.
private let distributedMapMachine = """
    {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Rows",
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                     "Parameters": {"Bucket": "data", "Key": "rows.csv"}},
      "ItemBatcher": {"MaxItemsPerBatch": 100},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Count", "States": {"Count": {"Type": "Pass", "Parameters": {"count.$": "States.ArrayLength($.Items)"}, "End": true}}},
      "End": true}}}
    """

func distributedMapFigures(_ options: Options) -> [Figure] {
    [1_000, 10_000, 100_000].map { lines in
        Figure(name: "distmap.csv.\(lines)", unit: "ms", iterations: 1, rates: [(Double(lines), "lines/s")], onlyWhenNamed: true) {
            try distributedMapSession(lines: lines, host: options.host)
        }
    }
}

private func distributedMapSession(lines: Int, host: String) throws -> Session {
    let binary = URL(fileURLWithPath: host)
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw BenchError("\(host): no executable there; build it (swift build -c release) or pass --host PATH")
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("host-bench-distmap-\(UUID().uuidString)")
    let manager = FileManager.default
    for folder in ["machines", "buckets/data", "buckets/out"] {
        try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    var csv = "id,name,score\n"
    csv.reserveCapacity(lines * 24)
    for index in 0..<lines { csv += "\(index),name \(index),\(index % 97)\n" }
    try csv.write(to: root.appendingPathComponent("buckets/data/rows.csv"), atomically: true, encoding: .utf8)
    try distributedMapMachine.write(to: root.appendingPathComponent("machines/Rows.json"), atomically: true, encoding: .utf8)
    let clock = ContinuousClock()
    var runs = 0
    return Session(run: { n in
        var total = Duration.zero
        for _ in 0..<n {
            runs += 1
            let name = "run\(runs)"
            total += try clock.measure {
                _ = try runHostProcess(binary, ["run", "machines/Rows.json", "--name", name, "--output", "json"], in: root)
            }
            try checkMapRun(binary, name: name, lines: lines, in: root)
        }
        return total
    }, finish: { try? manager.removeItem(at: root) })
}

/// The run succeeded, wrote its results, and its Map Run counts every line once, in one
/// child per 100 lines.
private func checkMapRun(_ binary: URL, name: String, lines: Int, in root: URL) throws {
    let described = try JSONValue.parse(try runHostProcess(binary, ["executions", "describe", name], in: root))
    guard described["status"] == "SUCCEEDED", let mapRun = described["mapRuns"]?.arrayValue?.first else {
        throw BenchError("\(name) did not succeed with a Map Run: \(described.compactString().prefix(500))")
    }
    let children = (lines + 99) / 100
    let items = mapRun["itemCounts"], executions = mapRun["executionCounts"]
    guard items?["succeeded"]?.intValue == Int64(lines), items?["total"]?.intValue == Int64(lines),
          items?["resultsWritten"]?.intValue == Int64(lines), executions?["succeeded"]?.intValue == Int64(children),
          executions?["total"]?.intValue == Int64(children) else {
        throw BenchError("\(name)'s Map Run counts are not \(lines) items in \(children) children: \(mapRun.compactString())")
    }
}

/// Runs `host` in `directory` to its end; its standard output.
private func runHostProcess(_ binary: URL, _ arguments: [String], in directory: URL) throws -> String {
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
    guard process.terminationStatus == 0 else { throw BenchError("host \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)") }
    return output
}
