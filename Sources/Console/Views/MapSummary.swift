import Engine

/// A Map state's iterations counted by status, read from the history's `MapIteration...` events
/// (docs/history.md: each names its Map state and its item's index), as the Step Functions
/// console summarises a Map's iterations instead of drawing each: a Map of 10,000 items is one
/// line of counts and the list of the iterations that failed.
struct MapSummary {
    /// One Map state's iterations.
    struct Iterations {
        var started = 0
        var succeeded = 0
        var failed = 0
        var aborted = 0
        /// The failed iterations: the item's index and the id of its `MapIterationFailed` event.
        var failures: [(index: Int, eventId: Int)] = []

        /// Started and not yet ended.
        var running: Int { max(0, started - succeeded - failed - aborted) }
    }

    /// By Map state name.
    private(set) var states: [String: Iterations] = [:]
    /// The Map states in the order their first iteration started.
    private(set) var order: [String] = []

    /// Reads the next event of the history.
    mutating func read(_ event: HistoryEvent) {
        switch event.type {
        case .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted: break
        default: return
        }
        guard let name = event.details?["name"]?.stringValue else { return }
        if states[name] == nil { order.append(name) }
        var iterations = states[name] ?? Iterations()
        switch event.type {
        case .mapIterationStarted: iterations.started += 1
        case .mapIterationSucceeded: iterations.succeeded += 1
        case .mapIterationFailed:
            iterations.failed += 1
            iterations.failures.append((event.details?["index"]?.intValue.map { Int($0) } ?? -1, event.id))
        default: iterations.aborted += 1
        }
        states[name] = iterations
    }
}
