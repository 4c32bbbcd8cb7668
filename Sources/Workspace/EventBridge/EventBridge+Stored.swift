import Foundation
import JSONValue
import Store

/// An event the workspace's bus carried, as it was stored.
public struct BusEvent: Sendable, Equatable {
    public var id: String
    /// Epoch milliseconds.
    public var time: Int64
    public var detailType: String
    public var source: String
    /// `detail.status` of a Step Functions status change.
    public var status: String?
    /// The first of the event's `resources`.
    public var resource: String?
    /// The whole event; its text as a string should it not read back as JSON.
    public var event: JSONValue
}

/// An event whose delivery finally failed, and why.
public struct DeadLetter: Sendable, Equatable {
    public var eventId: String
    /// The rule's name, or the ARN of the topic whose subscription failed.
    public var rule: String
    /// The function it was for.
    public var target: String
    public var attempts: Int
    public var reason: String
    /// Epoch milliseconds.
    public var time: Int64
    /// The event, when the bus stored it (a topic's message is not an event of the bus).
    public var event: JSONValue?
}

extension EventBridge {
    /// The events the bus carried, oldest first: from `since` (epoch milliseconds) on, and
    /// only the status changes to `status` when given. A read creates nothing.
    public func storedEvents(since: Int64? = nil, status: String? = nil) throws(ServiceError) -> [BusEvent] {
        guard workspace.hasDatabase else { return [] }
        let records = try storeCall { () throws(StoreError) in try workspace.stores().events.events(since: since, status: status) }
        return records.map { record in
            BusEvent(id: record.id, time: record.time, detailType: record.detailType, source: record.source, status: record.status,
                     resource: record.resource, event: (try? JSONValue.parse(record.body)) ?? .string(record.body))
        }
    }

    /// The events whose delivery finally failed, with the reason. A read creates nothing.
    public func deadLetters() throws(ServiceError) -> [DeadLetter] {
        guard workspace.hasDatabase else { return [] }
        let events = try storeCall { () throws(StoreError) in try workspace.stores().events }
        return try storeCall { () throws(StoreError) in try events.deadLetters() }.map { letter in
            let event = (try? events.event(id: letter.eventId)).flatMap { $0 }.flatMap { try? JSONValue.parse($0.body) }
            return DeadLetter(eventId: letter.eventId, rule: letter.rule, target: letter.target, attempts: letter.attempts,
                              reason: letter.reason, time: letter.time, event: event)
        }
    }
}
