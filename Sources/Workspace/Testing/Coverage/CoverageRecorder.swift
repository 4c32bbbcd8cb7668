import Engine
import Synchronization

/// Collects what the engine tells of each test's execution that its history does not (which
/// way each state was left, which retrier granted each retry), and makes the coverage report
/// of a run of workflow tests (docs/testing.md, "Coverage").
public final class CoverageRecorder: Sendable {
    private let decisions = Mutex<[String: DecisionCounts]>([:])

    public init() {}

    /// An observer for one execution of `machine`; give it to the execution (the test runner's
    /// `observers`).
    public func observer(for machine: String) -> any ExecutionObserver {
        DecisionObserver(machine: machine, recorder: self)
    }

    fileprivate func add(_ decision: StateDecision, state: String, machine: String) {
        decisions.withLock { $0[machine, default: DecisionCounts()].add(decision, state: state) }
    }

    /// The coverage of each machine the results ran, by machine name. A test that could not
    /// run its execution adds nothing; a failed test's execution counts as any other.
    public func report(_ results: [WorkflowTestResult]) -> [MachineCoverage] {
        let byMachine = Dictionary(grouping: results, by: \.machine.name)
        let decisions = self.decisions.withLock { $0 }
        return byMachine.keys.sorted().map { name in
            let results = byMachine[name]!
            return MachineCoverage(machine: name, file: "machines/\(name).json", definition: results[0].machine.definition,
                                   histories: results.compactMap { $0.execution?.history },
                                   decisions: decisions[name] ?? DecisionCounts())
        }
    }
}

/// Passes an execution's decisions to its recorder.
private struct DecisionObserver: ExecutionObserver {
    let machine: String
    let recorder: CoverageRecorder

    func record(_ event: HistoryEvent) {}

    func decided(_ decision: StateDecision, state: String) {
        recorder.add(decision, state: state, machine: machine)
    }
}
