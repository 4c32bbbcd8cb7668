import StatesLanguage

extension TestCaseMocks {
    /// Refuses, before anything runs, mocks that `machine` cannot use: a state it does not
    /// have (in any branch or item processor), a state that is not a Task, or a callback Task,
    /// which host does not mock. Each problem is at the place the file names the state.
    public func check(against machine: StateMachine, file: String) throws(MockConfigurationError) {
        var states: [String: State] = [:]
        Self.collect(machine, into: &states)
        var problems: [String] = []
        // In the order the file gives them: by line, then column.
        let position = { (name: String) -> [Int] in (self.places[name] ?? "").split(separator: ":").suffix(2).compactMap { Int($0) } }
        for name in places.keys.sorted(by: { position($0).lexicographicallyPrecedes(position($1)) }) {
            let place = places[name] ?? file
            guard let state = states[name] else {
                problems.append("\(place): the test case '\(self.name)' mocks the state '\(name)', which \(file) does not have")
                continue
            }
            guard case .task(let task) = state.kind else {
                problems.append("\(place): '\(name)' is a \(state.type.rawValue) state; only Task states are mocked")
                continue
            }
            if TaskResource(task.resource).waitsForTaskToken {
                problems.append("\(place): unsupported: host does not mock a callback Task ('\(name)' waits for a task token); leave it out of the test case")
            }
        }
        if !problems.isEmpty { throw MockConfigurationError(problems) }
    }

    private static func collect(_ machine: StateMachine, into states: inout [String: State]) {
        for state in machine.states {
            states[state.name] = state
            switch state.kind {
            case .parallel(let parallel): for branch in parallel.branches { collect(branch, into: &states) }
            case .map(let map): collect(map.itemProcessor, into: &states)
            default: break
            }
        }
    }
}
