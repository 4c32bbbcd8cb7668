import Foundation
import JSONValue

/// `serve.roundtrip` and `serve.parked`: `host serve` over HTTP, next to moto's server mode,
/// driven by `LoadGenerator`. They run only when named (`--only serve`): they take minutes
/// and need moto (`pip install "moto[server]==5.2.1"`).
///
/// On the main actor: the servers are started from the main thread, whose signal mask they
/// inherit; from a thread of the concurrency pool they would start with SIGTERM blocked, and
/// could not be stopped.
@MainActor
struct ServeBenchmarks {
    static let names = ["serve.roundtrip", "serve.parked"]

    let options: Options
    private let load = LoadGenerator()

    init(options: Options) { self.options = options }

    /// Whether `--only` names a serve figure (or all of them: `--only serve`).
    static func selected(by only: String?) -> Bool {
        guard let only else { return false }
        return names.contains { $0 == only || $0.hasPrefix(only + ".") }
    }

    func run() async throws {
        defer { load.shutdown() }
        if options.selects("serve.roundtrip") { try await roundTrips() }
        if options.selects("serve.parked") { try await parked() }
    }

    // MARK: - serve.roundtrip

    /// StartExecution + DescribeExecution round trips of a Pass machine from `--clients`
    /// clients, host, moto and the floor (FloorServer.swift) in turn within each run, so that
    /// all meet the same load on the machine.
    private func roundTrips() async throws {
        let folder = try TemporaryServeWorkspace(machines: ["Pass": ServeWorkloads.passDefinition])
        defer { folder.remove() }
        let host = try ServerProcess.host(binary: options.host, workspace: folder.root)
        defer { host.stop() }
        let moto = try ServerProcess.moto(python: options.python, launcher: options.moto)
        defer { moto.stop() }
        _ = try await load.answer(moto.endpoint, ServeWorkloads.createMachine("Pass", ServeWorkloads.passDefinition))
        let floor = try ServerProcess.floor()
        defer { floor.stop() }

        let sides = [("host", host, options.hostRoundTrips), ("moto", moto, options.motoRoundTrips),
                     ("floor", floor, options.hostRoundTrips)]
        for (_, server, roundTrips) in sides {   // warm-up, untimed
            _ = try await load.run(server.endpoint, clients: options.clients, roundTrips: max(options.clients, roundTrips / 5),
                                   ServeWorkloads.startAndDescribe(machine: "Pass", prefix: "warm"))
        }
        var results: [[LoadResult]] = sides.map { _ in [] }
        for run in 0..<options.runs {
            for (side, (_, server, roundTrips)) in sides.enumerated() {
                let before = try server.processorSeconds()
                var result = try await load.run(server.endpoint, clients: options.clients, roundTrips: roundTrips,
                                                ServeWorkloads.startAndDescribe(machine: "Pass", prefix: "run\(run)"))
                result.serverSeconds = try server.processorSeconds() - before
                results[side].append(result)
            }
        }
        for (side, (name, _, roundTrips)) in sides.enumerated() {
            print(Self.line(name, results[side], roundTrips: roundTrips, clients: options.clients))
        }
        let ratios = zip(results[0], results[1]).map { $0.rate / $1.rate }
        let ratio = summarize(ratios)
        print("serve.roundtrip.ratio  host/moto round trips/s, run by run: median \(Int(ratio.median.rounded()))×"
            + "   min \(Int(ratio.min.rounded()))×   max \(Int(ratio.max.rounded()))×")
        let shares = summarize(zip(results[0], results[2]).map { $0.rate / $1.rate })
        print(String(format: "serve.roundtrip.share  host/floor round trips/s, run by run: median %.0f %%   min %.0f %%   max %.0f %%",
                     shares.median * 100, shares.min * 100, shares.max * 100))
    }

    private static func line(_ name: String, _ results: [LoadResult], roundTrips: Int, clients: Int) -> String {
        let rate = summarize(results.map(\.rate))
        let p50 = summarize(results.map { $0.percentile(0.5) })
        let p99 = summarize(results.map { $0.percentile(0.99) })
        let processor = summarize(results.map { ($0.serverSeconds ?? 0) / Double($0.latencies.count) })
        let succeeded = results.map { $0.notes["SUCCEEDED", default: 0] }.reduce(0, +)
        let all = results.map(\.latencies.count).reduce(0, +)
        func milliseconds(_ summary: Summary) -> String {
            String(format: "%.2f ms (%.2f..%.2f)", summary.median * 1e3, summary.min * 1e3, summary.max * 1e3)
        }
        return "serve.roundtrip.\(name)".padding(toLength: 22, withPad: " ", startingAt: 0)
            + String(format: " median %7.0f round trips/s   min %7.0f   max %7.0f", rate.median, rate.min, rate.max)
            + "   \(results.count) runs × \(roundTrips) round trips, \(clients) clients"
            + "   p50 \(milliseconds(p50))   p99 \(milliseconds(p99))"
            + String(format: "   server CPU %.0f µs/round trip (%.0f..%.0f)", processor.median * 1e6, processor.min * 1e6, processor.max * 1e6)
            + String(format: "   SUCCEEDED when described: %.0f %%", Double(succeeded) * 100 / Double(max(all, 1)))
    }

    // MARK: - serve.parked

    /// `--parked` executions started through the API into a Wait of `--wait-seconds`: the
    /// server's peak resident memory while they wait, and then that every one ended SUCCEEDED
    /// after its wait, with its input as its output. A new server each run.
    private func parked() async throws {
        var peaks: [Double] = [], finalPeaks: [Double] = [], idles: [Double] = [], startRates: [Double] = []
        let total = options.parked, seconds = options.waitSeconds
        for run in 0..<options.runs {
            let folder = try TemporaryServeWorkspace(machines: ["Park": ServeWorkloads.waitDefinition(seconds: seconds)])
            defer { folder.remove() }
            let host = try ServerProcess.host(binary: options.host, workspace: folder.root)
            defer { host.stop() }
            idles.append(Double(try host.memory("VmRSS")))
            let prefix = "park\(run)"
            let started = try await load.run(host.endpoint, clients: options.clients, roundTrips: total,
                                             ServeWorkloads.start(machine: "Park", prefix: prefix))
            startRates.append(started.rate)
            peaks.append(Double(try host.memory("VmHWM")))
            try await waitUntilNoneRunning(host.endpoint, machine: "Park", within: Double(seconds) + 300)
            finalPeaks.append(Double(try host.memory("VmHWM")))
            let ended = try await load.run(host.endpoint, clients: options.clients, roundTrips: total,
                                           ServeWorkloads.describeEnded(machine: "Park", prefix: prefix, waited: seconds, clients: options.clients))
            guard ended.notes == ["SUCCEEDED": total] else { throw BenchError("serve.parked: the executions ended \(ended.notes)") }
        }
        func megabytes(_ values: [Double]) -> String {
            let summary = summarize(values)
            return String(format: "median %.1f MB   min %.1f   max %.1f", summary.median / 1e6, summary.min / 1e6, summary.max / 1e6)
        }
        let rate = summarize(startRates)
        print("serve.parked           peak RSS with \(total) executions in a \(seconds) s Wait: \(megabytes(peaks))   \(options.runs) runs")
        print("serve.parked.end       peak RSS over the whole run, their ends included: \(megabytes(finalPeaks))")
        print("serve.parked.idle      RSS of the server before the starts: \(megabytes(idles))")
        print(String(format: "serve.parked.start     StartExecution of the %d: median %.0f/s   min %.0f   max %.0f", total, rate.median, rate.min, rate.max))
        print("serve.parked.check     every execution SUCCEEDED after its Wait, its output its input, in every run")
    }

    private func waitUntilNoneRunning(_ endpoint: Endpoint, machine: String, within seconds: Double) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        let list = Call(operation: "ListExecutions", body: JSONValue.object([
            "stateMachineArn": .string(ServeWorkloads.machineArn(machine)), "statusFilter": "RUNNING", "maxResults": 1,
        ]).compactString(), executionArn: "")
        while Date() < deadline {
            let answer = try await load.answer(endpoint, list)
            if answer["executions"]?.arrayValue?.isEmpty == true { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw BenchError("serve.parked: executions still RUNNING \(Int(seconds)) s after the starts")
    }
}

/// A throwaway workspace for `host serve`: `machines/NAME.json` for each definition.
private struct TemporaryServeWorkspace {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("host-bench-serve-\(UUID().uuidString)")

    init(machines: [String: String]) throws {
        let folder = root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, definition) in machines {
            try Data(definition.utf8).write(to: folder.appendingPathComponent("\(name).json"))
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
