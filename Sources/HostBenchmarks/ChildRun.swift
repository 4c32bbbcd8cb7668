import Foundation
import JSONValue

// Each figure runs in a child process of its own (`HostBenchmarks --child NAME`), so that its
// peak RSS is its own: the child reads its VmHWM (the kernel's high-water mark of resident
// memory, /proc/self/status) once the figure has run, and its VmRSS before it was prepared
// (what the harness itself holds). For the `process.*` figures the memory that counts is the
// `host` processes': the largest maximum resident set size among the child's own children.

/// What a figure came to in its child process.
struct FigureResult {
    var summary: Summary
    /// Resident memory of the child before the figure was prepared, and its peak, in KiB.
    var residentBefore: Int
    var residentPeak: Int
    /// The largest peak of a process the figure started (`host`), in KiB; 0 when none.
    var childrenPeak: Int
}

/// A line of /proc/self/status (`VmHWM`, `VmRSS`), in KiB; 0 where there is none (not Linux).
func procStatus(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.dropFirst(field.count + 1).split(whereSeparator: \.isWhitespace).first ?? "") ?? 0
    }
    return 0
}

/// The largest maximum resident set size among the processes this one has waited for, in KiB
/// (getrusage's ru_maxrss is in kilobytes on Linux).
func childrenPeakResident() -> Int {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss)
}

/// In the child: measures `figure` and prints its result as one JSON line.
func runInChild(_ figure: Figure, runs: Int) throws {
    let before = procStatus("VmRSS")
    let summary = try measure(figure, runs: runs)
    let result: JSONValue = [
        "median": .double(summary.median), "min": .double(summary.min), "max": .double(summary.max),
        "residentBefore": .int(Int64(before)), "residentPeak": .int(Int64(procStatus("VmHWM"))),
        "childrenPeak": .int(Int64(childrenPeakResident())),
    ]
    print(result.compactString())
}

/// In the parent: runs `HostBenchmarks --child NAME` and reads its result.
func runChild(_ figure: Figure, options: Options) throws -> FigureResult {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let arguments = ["--child", figure.name, "--runs", String(options.runs), "--host", options.host]
    let output: String
    do {
        output = try runHost(URL(fileURLWithPath: executable), arguments, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    } catch let error as BenchError {
        throw BenchError("\(figure.name): its child process failed (\(error.message))")
    }
    let line = output.split(separator: "\n").last.map(String.init) ?? ""
    guard let result = try? JSONValue.parse(line), let median = result["median"]?.doubleValue, let min = result["min"]?.doubleValue,
          let max = result["max"]?.doubleValue else {
        throw BenchError("\(figure.name): its child process printed \(output.debugDescription)")
    }
    func kib(_ key: String) -> Int { Int(result[key]?.intValue ?? 0) }
    return FigureResult(summary: (median, min, max), residentBefore: kib("residentBefore"), residentPeak: kib("residentPeak"),
                        childrenPeak: kib("childrenPeak"))
}
