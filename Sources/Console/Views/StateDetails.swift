import Engine
import Foundation
import JSONValue

/// What the execution page shows of each state and each event, read from the history: the
/// state an event belongs to, and each state's last input, output, error, cause and duration.
///
/// An event belongs to the state its thread of events is in: `previousEventId` links each event
/// to the one before it in its branch or iteration (docs/history.md), so a StateEntered starts a
/// state's thread and its StateExited ends it.
struct StateDetails {
    /// One state's details, from its last visit.
    struct Visit {
        var input: String?
        var output: String?
        var error: String?
        var cause: String?
        var entered: Date?
        var exited: Date?
    }

    /// The state each event belongs to, by event id (absent for the execution's own events).
    private(set) var stepOf: [Int: String] = [:]
    private(set) var visits: [String: Visit] = [:]

    init() {}

    /// Reads the next event of the history (events come in id order).
    mutating func read(_ event: HistoryEvent) {
        let name = event.type.rawValue
        let details = event.details.map(JSONValue.object)
        if name.hasSuffix("StateEntered"), let state = details?["name"]?.stringValue {
            stepOf[event.id] = state
            visits[state] = Visit(input: details?["input"]?.stringValue, entered: event.timestamp)
            return
        }
        // The execution's own events (ExecutionFailed after a state's last event) are no state's.
        guard !name.hasPrefix("Execution"), let state = stepOf[event.previousEventId] else { return }
        stepOf[event.id] = state
        if name.hasSuffix("StateExited") {
            visits[state]?.output = details?["output"]?.stringValue
            visits[state]?.exited = event.timestamp
            return
        }
        if let error = details?["error"]?.stringValue { visits[state]?.error = error }
        if let cause = details?["cause"]?.stringValue { visits[state]?.cause = cause }
    }

    /// A duration as the console shows it: milliseconds below a second, else seconds.
    static func duration(from start: Date?, to end: Date?) -> String? {
        guard let start, let end else { return nil }
        let milliseconds = Int((end.timeIntervalSince(start) * 1000).rounded())
        return milliseconds < 1000 ? "\(milliseconds) ms" : String(format: "%.3f s", Double(milliseconds) / 1000)
    }

    /// A JSON text pretty-printed for reading; the text as it is when it is not JSON.
    static func pretty(_ text: String?) -> String? {
        guard let text else { return nil }
        guard let value = try? JSONValue.parse(text) else { return text }
        return value.prettyString()
    }
}
