import Foundation
import JSONValue
import Synchronization

/// Receives an execution's events as they happen (the workspace stores them in batches,
/// the CLI prints progress from them).
public protocol ExecutionObserver: Sendable {
    func record(_ event: HistoryEvent)
}

/// Gives events their ids and keeps the history of one execution. Parallel branches and Map
/// iterations record from several tasks at once; ids stay in the order events happened.
final class HistoryRecorder: Sendable {
    /// "Maximum execution history size: 25,000 events" (Step Functions quotas).
    static let limit = 25_000

    private let events = Mutex<[HistoryEvent]>([])
    private let observer: (any ExecutionObserver)?

    init(observer: (any ExecutionObserver)?) { self.observer = observer }

    /// Records an event and returns its id. Past the history limit it records nothing and
    /// throws the error the execution fails with.
    @discardableResult
    func record(_ type: EventType, after previous: Int, at time: Date, _ details: JSONObject? = nil,
                final: Bool = false) throws(StatesError) -> Int {
        let event: HistoryEvent? = events.withLock { events in
            if !final && events.count >= Self.limit - 1 { return nil }
            let event = HistoryEvent(id: events.count + 1, previousEventId: previous, timestamp: time, type: type, details: details)
            events.append(event)
            return event
        }
        guard let event else { throw Self.limitError }
        observer?.record(event)
        return event.id
    }

    var history: [HistoryEvent] { events.withLock { $0 } }

    /// The failure of an execution whose history is full: one event is kept for it.
    static let limitError = StatesError(
        ErrorName.runtime,
        cause: "The execution reached the maximum number of history events (\(limit)).")
}

import StatesLanguage
