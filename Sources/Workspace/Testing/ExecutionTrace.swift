import Engine

/// What an execution's history says it did, state by state: the states it entered in order,
/// and how many times each state called its function. Each event belongs to the state whose
/// StateEntered event its chain of `previousEventId`s reaches first, so branches and
/// iterations running side by side are told apart.
public struct ExecutionTrace: Sendable {
    /// The states entered, in the order of their StateEntered events (nested ones too).
    public var entered: [String] = []
    /// By state: its LambdaFunctionScheduled and TaskScheduled events (each attempt is one).
    public var attempts: [String: Int] = [:]

    public init(history: [HistoryEvent]) {
        var stateOf: [Int: String] = [:]
        for event in history {
            if event.type.rawValue.hasSuffix("StateEntered"), let name = event.details?["name"]?.stringValue {
                entered.append(name)
                stateOf[event.id] = name
                continue
            }
            guard let state = stateOf[event.previousEventId] else { continue }
            stateOf[event.id] = state
            if event.type == .lambdaFunctionScheduled || event.type == .taskScheduled { attempts[state, default: 0] += 1 }
        }
    }

    /// The path as people read it: `A → B → C`.
    public var pathText: String { entered.isEmpty ? "(no state entered)" : entered.joined(separator: " → ") }
}
