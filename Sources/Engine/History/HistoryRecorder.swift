import Foundation
import JSONValue
import Synchronization

/// Receives an execution's events as they happen (the workspace stores them in batches,
/// the CLI prints progress from them).
public protocol ExecutionObserver: Sendable {
    func record(_ event: HistoryEvent)
    /// How the state named `state` was left, or which retrier ran it again, as it happens
    /// (`StateDecision`; names are unique in a whole machine). Ignored unless implemented.
    func decided(_ decision: StateDecision, state: String)
}

/// Gives events their ids and keeps the history of one execution. Parallel branches and Map
/// iterations record from several tasks at once; ids stay in the order events happened.
///
/// An execution that resumes (its process died) runs its definition again from the start
/// over the history it had recorded: each event it would record that the history holds —
/// the event after the same event, of the same type, for the same state or item — is taken
/// from the history (its id and time), and nothing is recorded twice; once a path of the
/// execution goes past its recorded events, it records new ones, with ids that continue
/// from the last. Recorded outcomes stand in for work done before (`recorded(after:)`).
final class HistoryRecorder: Sendable {
    /// "Maximum execution history size: 25,000 events" (Step Functions quotas).
    static let limit = 25_000

    private struct State {
        var events: [HistoryEvent]
        /// Recorded events not yet taken by the resumed run, by the event each follows.
        var unclaimed: [Int: [HistoryEvent]]
    }

    private let state: Mutex<State>
    let observer: (any ExecutionObserver)?

    init(observer: (any ExecutionObserver)?, history: [HistoryEvent] = []) {
        self.observer = observer
        state = Mutex(State(events: history, unclaimed: Dictionary(grouping: history, by: \.previousEventId)))
    }

    /// An event of the history: taken from the recorded history when it is there, recorded
    /// anew otherwise. Past the history limit it records nothing and throws the error the
    /// execution fails with.
    ///
    /// `scope`: for an event whose previous event depends on timing (a limited Map's iteration
    /// starts after whichever iteration ended first, which a resumed run need not repeat), the
    /// event it descends from (the Map's MapStateStarted); the recorded event of the same type
    /// and subject that descends from it is taken, whatever it follows.
    @discardableResult
    func record(_ type: EventType, after previous: Int, at time: Date, _ details: JSONObject? = nil,
                scope: Int? = nil, final: Bool = false) throws(StatesError) -> HistoryEvent {
        try record(type, after: previous, at: time, EventDetails(details), scope: scope, final: final)
    }

    /// As `record` above, with the details as their parts (`EventDetails`).
    @discardableResult
    func record(_ type: EventType, after previous: Int, at time: Date, _ details: EventDetails,
                scope: Int? = nil, final: Bool = false) throws(StatesError) -> HistoryEvent {
        let (event, isNew): (HistoryEvent?, Bool) = state.withLock { state in
            if let claimed = Self.claim(type, after: previous, details, &state) { return (claimed, false) }
            if let scope, let claimed = Self.claim(type, within: scope, details, &state) { return (claimed, false) }
            if !final && state.events.count >= Self.limit - 1 { return (nil, false) }
            let event = HistoryEvent(id: state.events.count + 1, previousEventId: previous, timestamp: time, type: type,
                                     storedDetails: details)
            state.events.append(event)
            return (event, true)
        }
        guard let event else { throw Self.limitError }
        if isNew { observer?.record(event) }
        return event
    }

    /// The recorded event that follows `id`, not yet taken: what a resumed execution did next
    /// on this path before its process died (a function's answer, the end of a Wait, a retry).
    func recorded(after id: Int) -> HistoryEvent? {
        state.withLock { $0.unclaimed[id]?.first }
    }

    /// Whether any recorded event is left to take: false once the run has caught up.
    var isReplaying: Bool { state.withLock { !$0.unclaimed.isEmpty } }

    var history: [HistoryEvent] { state.withLock { $0.events } }

    /// Takes the recorded event after `previous` of `type` for the same state and item (the
    /// events of concurrent branches and iterations can follow one event).
    private static func claim(_ type: EventType, after previous: Int, _ details: EventDetails, _ state: inout State) -> HistoryEvent? {
        guard var candidates = state.unclaimed[previous],
              let index = candidates.firstIndex(where: { $0.type == type && sameSubject($0.storedDetails, details) }) else { return nil }
        let event = candidates.remove(at: index)
        state.unclaimed[previous] = candidates.isEmpty ? nil : candidates
        return event
    }

    /// Takes the earliest recorded event of `type` for the same state and item that descends
    /// from the event `scope`, whatever event it follows.
    private static func claim(_ type: EventType, within scope: Int, _ details: EventDetails, _ state: inout State) -> HistoryEvent? {
        let candidates = state.unclaimed.values.joined()
            .filter { $0.type == type && sameSubject($0.storedDetails, details) && descends($0, from: scope, in: state.events) }
        guard let event = candidates.min(by: { $0.id < $1.id }) else { return nil }
        state.unclaimed[event.previousEventId]?.removeAll { $0.id == event.id }
        if state.unclaimed[event.previousEventId]?.isEmpty == true { state.unclaimed[event.previousEventId] = nil }
        return event
    }

    /// Whether following `event`'s previous events back leads to `ancestor`. (Ids are
    /// positions in `events`, and a previous event always has a smaller id.)
    private static func descends(_ event: HistoryEvent, from ancestor: Int, in events: [HistoryEvent]) -> Bool {
        var id = event.previousEventId
        while id > ancestor, id <= events.count { id = events[id - 1].previousEventId }
        return id == ancestor
    }

    /// Two events are about the same thing when they name the same state and item.
    private static func sameSubject(_ a: EventDetails, _ b: EventDetails) -> Bool {
        a.name == b.name && a.index == b.index
    }

    /// The failure of an execution whose history is full: one event is kept for it.
    static let limitError = StatesError(
        ErrorName.runtime,
        cause: "The execution reached the maximum number of history events (\(limit)).")
}

import StatesLanguage
