import Foundation

// The table every run ends with: one row per figure, with moto's figure and the ratio beside the
// figures moto also ran (`--compare`); as aligned text, or as Markdown (`--markdown`).

/// One row: a figure, what it came to, and moto's result for the same work, if it ran.
struct TableRow {
    var figure: Figure
    var result: FigureResult
    var moto: MotoResult?
}

private func scaled(_ seconds: Double, _ unit: String) -> String {
    let value = seconds * (unit == "ms" ? 1e3 : 1e6)
    return value >= 100 ? String(format: "%.0f", value) : String(format: value >= 10 ? "%.1f" : "%.2f", value)
}

/// `12,345`: a count with thousands separators, whatever the locale.
func grouped(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var out = ""
    for (index, character) in digits.reversed().enumerated() {
        if index > 0 && index % 3 == 0 && character != "-" { out.append(",") }
        out.append(character)
    }
    return String(out.reversed())
}

private func mebibytes(_ kib: Int) -> String { String(format: "%.0f MiB", Double(kib) / 1024) }

extension TableRow {
    var cells: [String] {
        let summary = result.summary, unit = figure.unit
        var rates = figure.rates.map { "\(grouped($0.perIteration / summary.median)) \($0.unit)" }
        if figure.items > 0 { rates.append(String(format: "%.3f µs/item", summary.median * 1e6 / Double(figure.items))) }
        // The `host` processes' peak for process.*, else this figure's child process's peak
        // and how much it rose over what the harness held before the figure was prepared.
        let memory = figure.name.hasPrefix("process.")
            ? "\(mebibytes(result.childrenPeak)) (host)"
            : "\(mebibytes(result.residentPeak)) (+\(mebibytes(max(0, result.residentPeak - result.residentBefore))))"
        var cells = [figure.name, "\(scaled(summary.median, unit)) \(unit)", "\(scaled(summary.min, unit))..\(scaled(summary.max, unit))",
                     rates.joined(separator: ", "), memory, "", ""]
        if let moto {
            // moto is hundreds of times slower: its time in the unit that keeps it short.
            let motoUnit = moto.summary.median >= 1e-3 ? "ms" : "µs"
            cells[5] = "\(grouped(moto.summary.median * (motoUnit == "ms" ? 1e3 : 1e6))) \(motoUnit), \(mebibytes(moto.residentPeak))"
            cells[6] = "\(grouped(moto.summary.median / summary.median))×"
        }
        return cells
    }
}

let tableHeader = ["figure", "median", "min..max", "rate", "peak RSS", "moto (median, peak RSS)", "moto time / host time"]

/// The rows as text columns, or as a Markdown table.
func renderTable(_ rows: [TableRow], markdown: Bool) -> String {
    let body = rows.map(\.cells)
    if markdown {
        let lines = [tableHeader, tableHeader.map { _ in "---" }] + body
        return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }
    let widths = tableHeader.indices.map { column in ([tableHeader] + body).map { $0[column].count }.max() ?? 0 }
    return ([tableHeader] + body).map { cells in
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
    }.joined(separator: "\n")
}

/// What a reader needs to weigh the table: when, on what, under what load, at which commit.
func runDescription(_ arguments: [String]) -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    let commit = (try? runHost(URL(fileURLWithPath: "/usr/bin/git"), ["rev-parse", "--short", "HEAD"],
                               in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    let date = ISO8601DateFormatter().string(from: Date())
    return "\(date), \(ProcessInfo.processInfo.activeProcessorCount) × \(cpu), load average \(load) (before the run), commit \(commit), "
        + "command: HostBenchmarks \(arguments.joined(separator: " "))"
}
