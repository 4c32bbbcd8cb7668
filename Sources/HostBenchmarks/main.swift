import Foundation

// HostBenchmarks [--only NAME] [--runs N] [--host PATH] [--compare] [--markdown]: times the
// Functions layer and the Engine in process, and the `host` binary as a whole. Each figure runs
// in a child process of its own (ChildRun.swift, for its peak RSS), once untimed to warm up,
// then N timed runs of a fixed number of iterations; a run's value is its time divided by its
// iterations. The machine is shared, so each line gives the median over the runs, and their
// min and max; a figure with rates also gives them per second. The run ends with one table
// (Table.swift); `--compare` adds moto's figures for the workloads it can run, run in the same
// run (MotoComparison.swift). The `serve.*` figures (`host serve` over HTTP next to moto's
// server) and `distmap.*` (a Distributed Map over a CSV of up to 100,000 lines) run only when
// named: `--only serve`, `--only distmap`.

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
    /// `--compare`: moto's runs of the same workloads, by `motoDriver`, `motoRuns` runs each.
    var compare = false
    var motoDriver = "Tests/Benchmarks/moto_compare.py"
    var motoRuns = 3
    /// `--markdown`: the table as Markdown, for BENCHMARKS.md.
    var markdown = false
    /// `--child NAME`: the child process that runs the figure NAME and prints its result.
    var child: String?

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
            case "--compare": compare = true
            case "--moto-driver": motoDriver = try value(flag)
            case "--moto-runs": motoRuns = try positive(flag)
            case "--markdown": markdown = true
            case "--child": child = try value(flag)
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
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments == ["--floor-server"] {   // ServerProcess.floor: serve.roundtrip's floor
        try await FloorServer.run()
        exit(0)
    }
    let options = try Options(arguments)
    if let name = options.child {
        guard let figure = figures(options).first(where: { $0.name == name }) else { throw BenchError("no figure named '\(name)'") }
        try runInChild(figure, runs: options.runs)
        exit(0)
    }
    let selected = figures(options).filter { options.selects($0.name) && (!$0.onlyWhenNamed || options.only != nil) }
    let serve = ServeBenchmarks.selected(by: options.only)
    if selected.isEmpty && !serve { throw BenchError("no figure named '\(options.only ?? "")'", usage: true) }
    let description = runDescription(arguments)
    var rows: [TableRow] = []
    for figure in selected {
        let result = try runChild(figure, options: options)
        print(line(figure, result.summary, runs: options.runs), terminator: "")
        print(figure.items > 0 ? String(format: "   = %.3f µs/item", result.summary.median * 1e6 / Double(figure.items)) : "")
        rows.append(TableRow(figure: figure, result: result))
    }
    if options.compare {
        let names = Set(selected.map(\.name))
        for moto in try runMoto(motoWorkloads.filter { !names.isDisjoint(with: $0.hostFigures) }, options: options) {
            print("moto \(moto.workload.name)".padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: " median %9.1f ms   min %9.1f   max %9.1f   %d runs", moto.summary.median * 1e3, moto.summary.min * 1e3,
                         moto.summary.max * 1e3, moto.runs))
            for index in rows.indices where moto.workload.hostFigures.contains(rows[index].figure.name) { rows[index].moto = moto }
        }
    }
    if !rows.isEmpty { print("\n" + description + "\n\n" + renderTable(rows, markdown: options.markdown)) }
    if serve { try await ServeBenchmarks(options: options).run() }
} catch let error as BenchError {
    let usage = error.usage ? "\nusage: HostBenchmarks [--only NAME] [--runs N] [--host PATH] [--clients N] [--host-round-trips N] "
        + "[--moto-round-trips N] [--parked N] [--wait-seconds N] [--python PATH] [--moto moto_serve.py] [--compare] [--moto-driver moto_compare.py] "
        + "[--moto-runs N] [--markdown]" : ""
    FileHandle.standardError.write(Data("HostBenchmarks: \(error.message)\(usage)\n".utf8))
    exit(error.usage ? 2 : 1)
} catch {
    FileHandle.standardError.write(Data("HostBenchmarks: \(error)\n".utf8))
    exit(1)
}
