import JSONValue

/// The states of one machine, branch or item processor, and the transitions between them, for
/// the checks that need the whole scope: targets exist, every state is reachable, some state ends.
struct StateScope {
    /// Where the scope's object is (`[]` for the top level).
    let path: [JSONPathComponent]
    /// The scope's state names, in document order.
    let order: [String]
    let names: Set<String>
    /// Every transition (Next, Default, Choices, Catch) found, by source state.
    var edges: [String: [String]] = [:]
    /// Whether some state is terminal ("End": true, Succeed or Fail).
    var hasTerminal = false
    /// Whether some state could not be decoded at all, which makes the graph unknown.
    var incomplete = false
    /// Whether a transition names no state of the scope and no name is near it: where it was
    /// meant to go is unknown, so reachability is not checked.
    var hasUnknownTransition = false

    init(path: [JSONPathComponent], states: [String]) {
        self.path = path
        order = states
        names = Set(states)
    }
}

extension DefinitionDecoder {
    /// Checks that `target`, a transition of state `source` found at `path`, names a state of
    /// the current scope, and records the edge.
    ///
    /// AWS (MISSING_TRANSITION_TARGET) says "Missing 'Next' target: <name>" for StartAt, Next,
    /// Default, Choices[].Next and Catch[].Next alike. "States in a branch can only transition
    /// to other states in the same branch" (and likewise for a Map's item processor).
    func transition(to target: String, from source: String?, at path: [JSONPathComponent]) {
        guard var scope = scopes.popLast() else { return }
        defer { scopes.append(scope) }
        guard scope.names.contains(target) else {
            let suggestion = Suggestion.nearest(to: target, among: scope.order)
            if allStateNames.contains(target) {
                error("Missing 'Next' target: \(target) (that state is in another scope, and a transition cannot leave its own branch, item processor or machine).", at: path)
            } else {
                error("Missing 'Next' target: \(target).\(suggestion.map { " Did you mean '\($0)'?" } ?? "")", at: path)
            }
            // One wrong name is one problem: the graph is checked as though it were the name
            // suggested, or, with none, not at all, rather than calling the states it was meant
            // to reach unreachable.
            if let suggestion, !allStateNames.contains(target) {
                if let source { scope.edges[source, default: []].append(suggestion) }
            } else {
                scope.hasUnknownTransition = true
            }
            return
        }
        if let source { scope.edges[source, default: []].append(target) }
    }

    /// Records a transition without checking it: for a `Next` already refused as a field its
    /// state cannot have, so that the state it names is not also called unreachable.
    func recordEdge(to target: String, from source: String) {
        guard scopes[scopes.count - 1].names.contains(target) else { return }
        scopes[scopes.count - 1].edges[source, default: []].append(target)
    }

    /// Notes that the current scope has a terminal state.
    func markTerminal() {
        scopes[scopes.count - 1].hasTerminal = true
    }

    /// Notes that a state of the current scope could not be decoded.
    func markIncomplete() {
        scopes[scopes.count - 1].incomplete = true
    }

    /// Ends the current scope with its graph checks.
    ///
    /// - "Workflow has no terminal state" (MISSING_END_STATE) when no state ends it. AWS then
    ///   skips the reachability check, and so does this.
    /// - `State "<name>" is not reachable.` (MISSING_TRANSITION_TARGET) for each state that no
    ///   path of transitions from StartAt reaches.
    func endScope(startAt: String?) {
        guard let scope = scopes.popLast(), !scope.incomplete else { return }
        guard scope.hasTerminal || scope.order.isEmpty else {
            error("Workflow has no terminal state.", at: scope.path + ["States"], atKey: true)
            return
        }
        guard let startAt, scope.names.contains(startAt), !scope.hasUnknownTransition else { return }
        var reached: Set<String> = [startAt]
        var pending = [startAt]
        while let state = pending.popLast() {
            for next in scope.edges[state] ?? [] where reached.insert(next).inserted {
                pending.append(next)
            }
        }
        for name in scope.order where !reached.contains(name) {
            error("State \"\(name)\" is not reachable.", at: scope.path + ["States", .key(name)], atKey: true)
        }
    }
}
