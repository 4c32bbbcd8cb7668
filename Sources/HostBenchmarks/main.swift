import Foundation

// HostBenchmarks [--only NAME] [--runs N] [--host PATH]: times the Functions layer and the
// Engine in process, and the `host` binary as a whole. Each figure runs once untimed to warm
// up, then N timed runs of a fixed number of iterations; a run's value is its time divided by
// its iterations. The machine is shared, so each line gives the median over the runs, and
// their min and max; a figure with rates also gives them per second. The `serve.*` figures
// (`host serve` over HTTP next to moto's server) and `distmap.*` (a Distributed Map over a CSV
// of up to 100,000 lines) run only when named: `--only serve`, `--only distmap`.

/// What the command line asked for.
struct Options {
    var only: String?
    var runs = 5
    var host = ".build/release/host"
    /// For `serve.*`: concurrent clients, round trips a run for host and for moto, executions
    /// parked and their Wait, and how moto's server is started.
    var clients = 32
    var hostRoundTrips = 16_000
    var motoRoundTrips = 320
    var parked = 10_000
    var waitSeconds = 60
    var python = "python3"
    var moto = "Tests/Benchmarks/moto_serve.py"

    init(_ arguments: [String]) throws(BenchError) {
        var rest = arguments[...]
        func value(_ flag: String) throws(BenchError) -> String {
            guard let value = rest.popFirst() else { throw BenchError("\(flag) needs a value", usage: true) }
            return value
        }
        func positive(_ flag: String) throws(BenchError) -> Int {
            guard let n = Int(try value(flag)), n > 0 else { throw BenchError("\(flag) needs a positive integer", usage: true) }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--only": only = try value(flag)
            case "--host": host = try value(flag)
            case "--runs": runs = try positive(flag)
            case "--clients": clients = try positive(flag)
            case "--host-round-trips": hostRoundTrips = try positive(flag)
            case "--moto-round-trips": motoRoundTrips = try positive(flag)
            case "--parked": parked = try positive(flag)
            case "--wait-seconds": waitSeconds = try positive(flag)
            case "--python": python = try value(flag)
            case "--moto": moto = try value(flag)
            default: throw BenchError("unknown argument '\(flag)'", usage: true)
            }
        }
    }

    /// `--only invoke.warm` selects `invoke.warm.nolog` and `invoke.warm.sqlite`.
    func selects(_ name: String) -> Bool {
        guard let only else { return true }
        return name == only || name.hasPrefix(only + ".")
    }
}

/// The median, min and max of the runs' per-iteration times, in seconds.
typealias Summary = (median: Double, min: Double, max: Double)

func summarize(_ values: [Double]) -> Summary {
    let sorted = values.sorted(), middle = sorted.count / 2
    let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    return (median, sorted.first!, sorted.last!)
}

func measure(_ figure: Figure, runs: Int) throws -> Summary {
    let session = try figure.prepare()
    defer { session.finish() }
    _ = try session.run(max(1, figure.iterations / 5))   // warm-up, untimed
    var values: [Double] = []
    for _ in 0..<runs {
        values.append(try session.run(figure.iterations) / .seconds(1) / Double(figure.iterations))
    }
    return summarize(values)
}

func line(_ figure: Figure, _ summary: Summary, runs: Int) -> String {
    let scale = figure.unit == "ms" ? 1e3 : 1e6
    func number(_ seconds: Double) -> String { String(format: "%9.1f", seconds * scale) }
    let name = figure.name.padding(toLength: 20, withPad: " ", startingAt: 0)
    // A rate is per iteration over the median time; its range comes from the max and min times.
    let rates = figure.rates.map { perIteration, unit in
        func rate(_ seconds: Double) -> String { String(format: "%.0f", perIteration / seconds) }
        return "   = \(rate(summary.median)) \(unit) (\(rate(summary.max))..\(rate(summary.min)))"
    }
    return "\(name) median \(number(summary.median)) \(figure.unit)   min \(number(summary.min))   "
        + "max \(number(summary.max))   \(runs) runs × \(figure.iterations) iterations" + rates.joined()
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let selected = figures(options).filter { options.selects($0.name) && (!$0.onlyWhenNamed || options.only != nil) }
    let serve = ServeBenchmarks.selected(by: options.only)
    if selected.isEmpty && !serve { throw BenchError("no figure named '\(options.only ?? "")'", usage: true) }
    for figure in selected {
        let summary = try measure(figure, runs: options.runs)
        print(line(figure, summary, runs: options.runs))
    }
    if serve { try await ServeBenchmarks(options: options).run() }
} catch let error as BenchError {
    let usage = error.usage ? "\nusage: HostBenchmarks [--only NAME] [--runs N] [--host PATH] [--clients N] [--host-round-trips N] "
        + "[--moto-round-trips N] [--parked N] [--wait-seconds N] [--python PATH] [--moto moto_serve.py]" : ""
    FileHandle.standardError.write(Data("HostBenchmarks: \(error.message)\(usage)\n".utf8))
    exit(error.usage ? 2 : 1)
} catch {
    FileHandle.standardError.write(Data("HostBenchmarks: \(error)\n".utf8))
    exit(1)
}
