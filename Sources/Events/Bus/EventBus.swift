import Clocks
import Dispatch
import Foundation
import Identifiers
import JSONValue
import Store
import Synchronization

/// How the bus reaches a target; the workspace connects it to the functions.
public protocol EventTargetInvoker: Sendable {
    /// Invokes `function` with `payload`: nil when it was delivered, else why it failed.
    func deliver(_ payload: JSONValue, to function: String) async -> String?
}

/// The workspace's event bus: every event is stored, so none is lost when no rule matches or
/// the process ends; each enabled rule that matches sends it to its targets at once, in the
/// background, retrying a failed delivery as the target's RetryPolicy says. An event whose
/// delivery finally fails goes to the dead-letter list with the reason.
///
/// Its rules are those of `rules/`, read when the bus is made, and those created through the
/// API, checked in the store with every batch of events it stores, so that a rule put by any
/// process applies to the very next batch; they are read again only when their revision
/// changed. A file's rule holds its name: a stored rule of the same name is left out
/// (docs/eventbridge.md).
public final class EventBus: Sendable {
    let store: any EventRoutingStore
    /// The rules of `rules/`, with the files' problems.
    public let rules: RuleCatalog
    /// Whether the rules created through the API (in `store`) route events too.
    let readsStoredRules: Bool
    /// The stored rules as last read.
    private let storedRules = Mutex(StoredRules())
    let invoker: any EventTargetInvoker
    let now: @Sendable () -> Date
    let sleep: @Sendable (Double) async throws -> Void
    private let deliveries = Mutex<[Task<Void, Never>]>([])
    /// The events `emit` has queued, and whether the writer is storing them.
    private let emitted = Mutex(Emitted())
    /// The thread `emit`'s events are stored on: a transaction blocks it, and no thread of
    /// Swift's concurrency pool.
    private let writer = DispatchQueue(label: "host.event-bus")

    private struct Emitted {
        var events: [Pending] = []
        var storing = false
        /// `drain`s waiting for the queue to be stored.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// An event to store: its record, and its JSON when it was given as JSON (else its body is
    /// parsed when a rule is there to match it).
    private struct Pending {
        var record: EventRecord
        var event: JSONValue?
    }

    /// The most events one transaction of `emit` stores.
    static let batchLimit = 512

    /// How long an emitted event waits for others before they are stored together. The
    /// executions' status changes do not wait for their storing, so a steady stream of them is
    /// stored a few dozen to a transaction rather than a few: each commit writes the pages it
    /// changed whole, and the bus's commits were half of the store's (docs/profiles/serve.md).
    let gatherDelay: DispatchTimeInterval

    /// The stored rules at one revision, with the record each was read from: a record read
    /// again unchanged keeps its rule, so that only a changed rule is parsed again.
    private struct StoredRules {
        var revision: Int64?
        var byName: [String: (record: RuleRecord, rule: Rule?)] = [:]
        /// The runnable ones, by name.
        var routing: [Rule] = []
    }

    /// `sleep` waits between retries (on a virtual clock it returns at once);
    /// `readsStoredRules`: the rules created through the API route events too; `gatherDelay`:
    /// how long an emitted event waits for others to be stored with.
    public init(store: any EventRoutingStore, rules: RuleCatalog, readsStoredRules: Bool = false, invoker: any EventTargetInvoker,
                now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Double) async throws -> Void,
                gatherDelay: DispatchTimeInterval = .milliseconds(2)) {
        self.gatherDelay = gatherDelay
        self.store = store
        self.rules = rules
        self.readsStoredRules = readsStoredRules
        self.invoker = invoker
        self.now = now
        self.sleep = sleep
    }

    /// Stores `event` and starts its deliveries (PutEvents, which answers once it is stored).
    public func put(_ event: JSONValue) throws(StoreError) {
        try store([Pending(record: record(of: event), event: event)])
    }

    /// Stores `event` and starts its deliveries in the background, after the events emitted
    /// before it (the executions' status changes, which their executions do not wait for). The
    /// events emitted within `gatherDelay`, and while a transaction runs, are stored together
    /// in the next one, routed by one reading of the rules made just before it; `drain` waits
    /// for them.
    public func emit(_ event: JSONValue) {
        emit(Pending(record: record(of: event), event: event))
    }

    /// Emits an event already written as its record (`StatusChangeEvent.record`): its body is
    /// read back as JSON only when an enabled rule is there to match it.
    public func emit(_ record: EventRecord) {
        emit(Pending(record: record, event: nil))
    }

    private func emit(_ pending: Pending) {
        let startWriter = emitted.withLock { emitted -> Bool in
            emitted.events.append(pending)
            guard !emitted.storing else { return false }
            emitted.storing = true
            return true
        }
        if startWriter { writer.asyncAfter(deadline: .now() + gatherDelay) { [self] in storeEmitted() } }
    }

    /// Stores at once the events emitted so far, and starts their deliveries; for a process
    /// about to end, which cannot wait asynchronously.
    public func finishStoring() {
        writer.sync { storeEmitted(gathering: false) }
    }

    /// Stores what `emit` queued, one transaction a batch. Unless `gathering` is false, what
    /// was emitted while a transaction ran waits `gatherDelay` for more before the next one
    /// (at once when a whole batch is there). A batch that cannot be stored is not delivered
    /// either, as `put` delivers only what it stored.
    private func storeEmitted(gathering: Bool = true) {
        while true {
            let (batch, waiters) = emitted.withLock { emitted -> ([Pending], [CheckedContinuation<Void, Never>]) in
                let batch = Array(emitted.events.prefix(Self.batchLimit))
                emitted.events.removeFirst(batch.count)
                guard batch.isEmpty else { return (batch, []) }
                emitted.storing = false
                defer { emitted.waiters = [] }
                return (batch, emitted.waiters)
            }
            guard !batch.isEmpty else {
                for waiter in waiters { waiter.resume() }
                return
            }
            try? store(batch)
            if gathering, emitted.withLock({ $0.events.count < Self.batchLimit }) {
                writer.asyncAfter(deadline: .now() + gatherDelay) { [self] in storeEmitted() }
                return
            }
        }
    }

    /// Stores `events` in one transaction, then starts the deliveries of each to the rules that
    /// match it, as that transaction read them.
    private func store(_ events: [Pending]) throws(StoreError) {
        let records = events.map(\.record)
        let current: [Rule]
        if readsStoredRules {
            let known = storedRules.withLock { $0.revision }
            current = rules.rules + update(with: try store.insert(records, readingRulesUnless: known))
        } else {
            try store.insert(records)
            current = rules.rules
        }
        let enabled = current.filter(\.enabled)
        guard !enabled.isEmpty else { return }
        for pending in events {
            // A record's body is JSON text the bus or StatusChangeEvent wrote.
            guard let event = pending.event ?? (try? JSONValue.parse(pending.record.body)) else { continue }
            for rule in enabled where rule.pattern.matches(event) {
                for target in rule.targets {
                    let delivery = Task { await deliver(event, id: pending.record.id, rule: rule.name, target: target) }
                    deliveries.withLock { $0.append(delivery) }
                }
            }
        }
    }

    /// How an event given as JSON is stored: its id (a new one when it has none), the fields
    /// the store looks events up by, and its whole text.
    private func record(of event: JSONValue) -> EventRecord {
        EventRecord(
            id: event["id"]?.stringValue ?? RandomIdentifier.lowercased(), time: now().epochMilliseconds,
            detailType: event["detail-type"]?.stringValue ?? "", source: event["source"]?.stringValue ?? "",
            status: event["detail"]?["status"]?.stringValue, resource: event["resources"]?[0]?.stringValue,
            body: event.compactString())
    }

    /// The rules events are routed by now: the files' and, after them, the stored ones whose
    /// names no file holds.
    public func currentRules() throws(StoreError) -> [Rule] {
        guard readsStoredRules else { return rules.rules }
        return rules.rules + update(with: RulesRead(revision: -1, rules: try store.rules()), remember: false)
    }

    /// The stored rules that route events after `read`: those read (when it read them) or
    /// those last read. A revision read again is remembered only when `remember`.
    private func update(with read: RulesRead, remember: Bool = true) -> [Rule] {
        let fileNames = Set(rules.rules.map(\.name))
        return storedRules.withLock { stored in
            guard let records = read.rules else { return stored.routing }
            var byName: [String: (record: RuleRecord, rule: Rule?)] = [:]
            for record in records where !fileNames.contains(record.name) {
                if let known = stored.byName[record.name], known.record == record {
                    byName[record.name] = known
                } else {
                    // PutRule and PutTargets stored only what reads back, so a record that does
                    // not (one a later host refuses) is a rule host cannot run: it is left out.
                    byName[record.name] = (record, try? Rule(record: record))
                }
            }
            let routing = records.compactMap { byName[$0.name]?.rule }
            if remember { stored = StoredRules(revision: read.revision, byName: byName, routing: routing) }
            return routing
        }
    }

    /// Waits until the events emitted so far are stored, and every delivery started so far
    /// (and any they lead to) has ended.
    public func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stored = emitted.withLock { emitted -> Bool in
                guard emitted.storing else { return true }
                emitted.waiters.append(continuation)
                return false
            }
            if stored { continuation.resume() }
        }
        while let next = deliveries.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            await next.value
        }
    }

    private func deliver(_ event: JSONValue, id: String, rule: String, target: Rule.Target) async {
        let payload = target.payload(for: event)
        let start = now()
        var attempts = 0
        while true {
            attempts += 1
            guard let reason = await invoker.deliver(payload, to: target.function) else { return }
            let age = now().timeIntervalSince(start)
            let retries = attempts - 1
            let wait = Self.backoff(afterAttempt: attempts)
            if retries >= target.retryPolicy.maximumRetryAttempts
                || age + wait > Double(target.retryPolicy.maximumEventAgeInSeconds) {
                try? store.insert(DeadLetterRecord(eventId: id, rule: rule, target: target.id, attempts: attempts,
                                                      reason: reason, time: now().epochMilliseconds))
                return
            }
            do { try await sleep(wait) } catch { return }
        }
    }

    /// EventBridge retries "with exponential back off and jitter"; its schedule is not
    /// published. `host` waits 1 s, then doubles, up to 60 s, without jitter, so that runs
    /// repeat.
    static func backoff(afterAttempt attempt: Int) -> Double {
        min(60, pow(2, Double(attempt - 1)))
    }

}
