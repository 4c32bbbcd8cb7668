import Workspace

/// How `host test --coverage` prints coverage: a row a machine with its four percentages, and
/// under it each item the tests never used (docs/testing.md, "Coverage").
enum CoverageTable {
    static func text(_ machines: [MachineCoverage]) -> String {
        let headers = ["machine", "states", "transitions", "retriers", "branches"]
        let rows = machines.map { machine in
            [machine.machine] + [machine.stateRatio, machine.transitionRatio, machine.retrierRatio, machine.branchRatio].map(\.cell)
        }
        let widths = headers.indices.map { column in ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacing(/\s+$/, with: "")
        }
        var lines = ["Coverage of \(machines.count) machine\(machines.count == 1 ? "" : "s") (docs/testing.md):", line(headers)]
        for (machine, row) in zip(machines, rows) {
            lines.append(line(row))
            lines += missed(machine).map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The items of `machine` no test used.
    static func missed(_ machine: MachineCoverage) -> [String] {
        machine.states.filter { $0.entered == 0 }.map { "state not entered: \($0.path)" }
            + machine.transitions.filter { $0.taken == 0 }.map { "transition not taken: \($0.from) \($0.field) → \($0.to)" }
            + machine.retriers.filter { $0.fired == 0 }.map { "retrier not fired: \($0.state) \($0.field) [\($0.errorEquals.joined(separator: ", "))]" }
            + machine.branches.filter { $0.ran == 0 }.map { "branch not run: \($0.state) \($0.field) (StartAt \($0.startAt))" }
    }

    /// The machines whose state or transition coverage is below `minimum` percent, each with
    /// what it reached.
    static func below(_ minimum: Double, _ machines: [MachineCoverage]) -> [String] {
        machines.compactMap { machine in
            var short: [String] = []
            if !machine.stateRatio.reaches(minimum) { short.append("states \(machine.stateRatio.text)") }
            if !machine.transitionRatio.reaches(minimum) { short.append("transitions \(machine.transitionRatio.text)") }
            return short.isEmpty ? nil : "\(machine.machine): \(short.joined(separator: ", "))"
        }
    }
}

private extension CoverageRatio {
    /// A table cell: `-` when there is nothing to cover.
    var cell: String { total == 0 ? "-" : text }
}
