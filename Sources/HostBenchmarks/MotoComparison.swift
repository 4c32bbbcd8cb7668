import Foundation
import JSONValue

// `--compare`: the workloads moto's Step Functions interpreter can run, run on moto in the same
// run as host's figures, by Tests/Benchmarks/moto_compare.py (moto in process under mock_aws,
// each workload in a Python process of its own so that its peak RSS is its own).

/// One workload on moto, and host's figures that time the same work.
struct MotoWorkload {
    var name: String
    var hostFigures: [String]
}

/// What moto's run of a workload came to: seconds per execution, and the process's peak RSS.
struct MotoResult {
    var workload: MotoWorkload
    var summary: Summary
    var runs: Int
    var residentPeak: Int
}

let motoWorkloads = [
    MotoWorkload(name: "pass_chain_100", hostFigures: ["engine.pass100"]),
    // moto keeps its history in memory; host's figures keep it in memory and in SQLite.
    MotoWorkload(name: "seed_200", hostFigures: ["engine.seed200", "engine.seed200.store"]),
    MotoWorkload(name: "map_1000", hostFigures: ["engine.map.1000"]),
    // A whole process: start-up and one execution of a one-Pass machine.
    MotoWorkload(name: "startup_trivial", hostFigures: ["process.trivial"]),
]

/// Runs each of `workloads` on moto with `options.python` and `options.motoDriver`.
func runMoto(_ workloads: [MotoWorkload], options: Options) throws -> [MotoResult] {
    guard FileManager.default.fileExists(atPath: options.motoDriver) else {
        throw BenchError("\(options.motoDriver) not found: run from the repository root or pass --moto-driver PATH")
    }
    let python = try pythonExecutable(options.python)
    return try workloads.map { workload in
        let arguments = [options.motoDriver, workload.name, "--runs", String(options.motoRuns)]
        let output: String
        do {
            output = try runHost(python, arguments, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        } catch let error as BenchError {
            throw BenchError("moto's \(workload.name) failed (\(error.message)); is moto installed (pip install moto)?")
        }
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        guard let result = try? JSONValue.parse(line), let seconds = result["seconds"]?.arrayValue?.compactMap(\.doubleValue),
              !seconds.isEmpty else {
            throw BenchError("moto's \(workload.name) printed \(output.debugDescription)")
        }
        return MotoResult(workload: workload, summary: summarize(seconds), runs: seconds.count,
                          residentPeak: Int(result["residentPeak"]?.intValue ?? 0))
    }
}

/// `python3` found on PATH when not given as a path.
private func pythonExecutable(_ name: String) throws -> URL {
    if name.contains("/") { return URL(fileURLWithPath: name) }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw BenchError("\(name) not found on PATH; pass --python PATH")
}
