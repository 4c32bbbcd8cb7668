/// What a suite of workflow tests covered of a machine, as a diagram draws it
/// (`host graph MACHINE --coverage FILE`, docs/testing.md): uncovered states and transitions
/// are highlighted, covered ones drawn green.
package struct CoverageMarks: Sendable, Equatable {
    /// By state name, its StateEntered events in the tests' executions.
    package var entered: [String: Int]
    /// By state name, how often it was left each way (`Next`, a Choice rule, `Default`, a
    /// catcher).
    package var taken: [String: [Exit: Int]]
    /// The executions the counts come from.
    package var executions: Int

    package init(entered: [String: Int], taken: [String: [Exit: Int]], executions: Int) {
        self.entered = entered
        self.taken = taken
        self.executions = executions
    }

    /// A state's colour: covered when a test entered it.
    func status(of state: String) -> PathStatus { (entered[state] ?? 0) > 0 ? .covered : .uncovered }

    /// A state's note: how often the tests entered it.
    func notes(of state: String) -> [String] {
        let count = entered[state] ?? 0
        return [count == 0 ? "never entered" : "entered ×\(count)"]
    }
}
