import Foundation
import Synchronization

/// Every store in one process's memory, with the same conflict rules as `HostDatabase`: for
/// tests, which then need no folder, and for a workspace whose state need not outlive it.
public final class MemoryStore: Sendable {
    private let state = Mutex(State())

    private struct State {
        var executions: [String: ExecutionRecord] = [:]
        var history: [String: [Int64: HistoryEventRecord]] = [:]
        var invocations: [String: [Int64: InvocationRecord]] = [:]
        var groups: [String: LogGroupRecord] = [:]
        var streams: [String: [String: LogStreamRecord]] = [:]
        var logEvents: [LogEventRecord] = []
        var nextLogEventID: Int64 = 1
        var events: [EventRecord] = []
        var deadLetters: [DeadLetterRecord] = []
        var items: [String: [TableItemKey: String]] = [:]
        var topicMessages: [TopicMessageRecord] = []
        var machines: [String: StateMachineRecord] = [:]
        var tokens: [String: TaskTokenRecord] = [:]
        var tokenRevision: Int64 = 0
        var rules: [String: RuleRecord] = [:]
        var rulesRevision: Int64 = 0
        var mapRuns: [String: MapRunRecord] = [:]
    }

    public init() {}
}

extension MemoryStore: ExecutionStore {
    public func insert(_ execution: ExecutionRecord) throws(StoreError) -> Bool {
        try write([.insert(execution)])[0].get()
    }

    public func append(_ events: [HistoryEventRecord], invocations: [InvocationRecord]) throws(StoreError) {
        state.withLock { Self.add(events, invocations, &$0) }
    }

    public func finish(_ execution: ExecutionRecord, events: [HistoryEventRecord], invocations: [InvocationRecord]) throws(StoreError) {
        try state.withLock { Self.finish(execution, events, invocations, &$0) }.get()
    }

    public func write(_ writes: [ExecutionWrite]) throws(StoreError) -> [Result<Bool, StoreError>] {
        state.withLock { state in
            writes.map { write in
                switch write {
                case .insert(let execution):
                    guard state.executions[execution.executionArn] == nil else { return .success(false) }
                    state.executions[execution.executionArn] = execution
                    return .success(true)
                case .append(let events, let invocations):
                    Self.add(events, invocations, &state)
                    return .success(true)
                case .finish(let execution, let events, let invocations):
                    return Self.finish(execution, events, invocations, &state).map { true }
                case .mapRun(let mapRun):
                    state.mapRuns[mapRun.mapRunArn] = mapRun
                    return .success(true)
                }
            }
        }
    }

    private static func finish(_ execution: ExecutionRecord, _ events: [HistoryEventRecord], _ invocations: [InvocationRecord],
                               _ state: inout State) -> Result<Void, StoreError> {
        guard let stored = state.executions[execution.executionArn] else {
            return .failure(StoreError(message: "no execution \(execution.executionArn) is stored"))
        }
        if let refusal = stored.refusal(ofEnd: execution) { return .failure(refusal) }
        add(events, invocations, &state)
        var ended = execution
        ended.owner = nil
        ended.leaseExpiry = nil
        state.executions[execution.executionArn] = ended
        return .success(())
    }

    public func claim(executionArn: String, owner: String, until expiry: Int64, now: Int64,
                      isGone: (String) -> Bool) throws(StoreError) -> ExecutionRecord? {
        state.withLock { state in
            guard let record = state.executions[executionArn],
                  ExecutionLease.isClaimable(record, by: owner, now: now, isGone: isGone) else { return nil }
            let claimed = ExecutionLease.claimed(record, by: owner, until: expiry)
            state.executions[executionArn] = claimed
            return claimed
        }
    }

    public func renewLeases(owner: String, until expiry: Int64) throws(StoreError) -> [String] {
        state.withLock { state in
            let held = state.executions.values.filter { $0.owner == owner && $0.status == "RUNNING" }.map(\.executionArn)
            for arn in held { state.executions[arn]?.leaseExpiry = expiry }
            return held.sorted()
        }
    }

    public func releaseLeases(owner: String) throws(StoreError) {
        state.withLock { state in
            for (arn, record) in state.executions where record.owner == owner {
                state.executions[arn]?.owner = nil
                state.executions[arn]?.leaseExpiry = nil
            }
        }
    }

    public func runningExecutions() throws(StoreError) -> [ExecutionRecord] {
        state.withLock { $0.executions.values.filter { $0.status == "RUNNING" } }
            .sorted { ($0.startDate, $0.executionArn) < ($1.startDate, $1.executionArn) }
    }

    private static func add(_ events: [HistoryEventRecord], _ invocations: [InvocationRecord], _ state: inout State) {
        for event in events where state.history[event.executionArn, default: [:]][event.id] == nil {
            state.history[event.executionArn, default: [:]][event.id] = event
        }
        for invocation in invocations where state.invocations[invocation.executionArn, default: [:]][invocation.sequence] == nil {
            state.invocations[invocation.executionArn, default: [:]][invocation.sequence] = invocation
        }
    }

    public func executions(machineName: String?, status: String?, limit: Int?) throws(StoreError) -> [ExecutionRecord] {
        let matching = state.withLock { state in
            state.executions.values.filter { record in
                (machineName == nil || record.machineName == machineName) && (status == nil || record.status == status)
            }
        }
        let sorted = Self.newestFirst(matching)
        return limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    public func execution(arn: String) throws(StoreError) -> ExecutionRecord? {
        state.withLock { $0.executions[arn] }
    }

    public func mapRun(arn: String) throws(StoreError) -> MapRunRecord? {
        state.withLock { $0.mapRuns[arn] }
    }

    public func mapRuns(executionArn: String) throws(StoreError) -> [MapRunRecord] {
        state.withLock { $0.mapRuns.values.filter { $0.executionArn == executionArn } }
            .sorted { ($0.startDate, $0.mapRunArn) < ($1.startDate, $1.mapRunArn) }
    }

    public func executions(mapRunArn: String, status: String?) throws(StoreError) -> [ExecutionRecord] {
        Self.newestFirst(state.withLock { state in
            state.executions.values.filter { $0.mapRunArn == mapRunArn && (status == nil || $0.status == status) }
        })
    }

    public func executions(named name: String) throws(StoreError) -> [ExecutionRecord] {
        Self.newestFirst(state.withLock { $0.executions.values.filter { $0.name == name } })
    }

    public func history(of executionArn: String) throws(StoreError) -> [HistoryEventRecord] {
        state.withLock { ($0.history[executionArn] ?? [:]).values.sorted { $0.id < $1.id } }
    }

    public func history(of executionArn: String, after id: Int64, limit: Int?) throws(StoreError) -> [HistoryEventRecord] {
        let later = state.withLock { ($0.history[executionArn] ?? [:]).values.filter { $0.id > id } }.sorted { $0.id < $1.id }
        return limit.map { Array(later.prefix($0)) } ?? later
    }

    public func executionCounts() throws(StoreError) -> [ExecutionCount] {
        let pairs = state.withLock { $0.executions.values.map { [$0.machineName, $0.status] } }
        var counts: [[String]: Int] = [:]
        for pair in pairs { counts[pair, default: 0] += 1 }
        return counts.map { ExecutionCount(machineName: $0.key[0], status: $0.key[1], count: $0.value) }
    }

    public func historyCount(of executionArn: String) throws(StoreError) -> Int {
        state.withLock { $0.history[executionArn]?.count ?? 0 }
    }

    public func invocations(of executionArn: String) throws(StoreError) -> [InvocationRecord] {
        state.withLock { ($0.invocations[executionArn] ?? [:]).values.sorted { $0.sequence < $1.sequence } }
    }

    /// Newest first, ties by ARN, as the database orders them.
    private static func newestFirst(_ records: [ExecutionRecord]) -> [ExecutionRecord] {
        records.sorted { ($0.startDate, $1.executionArn) > ($1.startDate, $0.executionArn) }
    }
}

extension MemoryStore: LogEventStore {
    public func append(_ events: [NewLogEvent], ingestionTime: Int64) throws(StoreError) {
        state.withLock { state in
            for event in events {
                if state.groups[event.groupName] == nil {
                    state.groups[event.groupName] = LogGroupRecord(name: event.groupName, creationTime: event.timestamp,
                                                                   retentionInDays: nil, storedBytes: 0)
                }
                var stream = state.streams[event.groupName, default: [:]][event.streamName] ?? LogStreamRecord(
                    groupName: event.groupName, name: event.streamName, creationTime: event.timestamp,
                    firstEventTimestamp: nil, lastEventTimestamp: nil, lastIngestionTime: nil, storedBytes: 0)
                stream.firstEventTimestamp = min(stream.firstEventTimestamp ?? event.timestamp, event.timestamp)
                stream.lastEventTimestamp = max(stream.lastEventTimestamp ?? event.timestamp, event.timestamp)
                stream.lastIngestionTime = ingestionTime
                stream.storedBytes += Int64(event.message.utf8.count)
                state.streams[event.groupName, default: [:]][event.streamName] = stream
                state.logEvents.append(LogEventRecord(id: state.nextLogEventID, groupName: event.groupName, streamName: event.streamName,
                                                      timestamp: event.timestamp, ingestionTime: ingestionTime, message: event.message))
                state.nextLogEventID += 1
            }
        }
    }

    public func logGroups(prefix: String?) throws(StoreError) -> [LogGroupRecord] {
        state.withLock { state in
            state.groups.values.filter { $0.name.hasPrefix(prefix ?? "") }.sorted { $0.name < $1.name }.map { group in
                var group = group
                group.storedBytes = (state.streams[group.name] ?? [:]).values.reduce(0) { $0 + $1.storedBytes }
                return group
            }
        }
    }

    public func logStreams(group: String, byLastEvent: Bool) throws(StoreError) -> [LogStreamRecord] {
        let streams = state.withLock { Array(($0.streams[group] ?? [:]).values) }
        guard byLastEvent else { return streams.sorted { $0.name < $1.name } }
        return streams.sorted { ($0.lastEventTimestamp ?? .min, $1.name) > ($1.lastEventTimestamp ?? .min, $0.name) }
    }

    public func lastLogEventID() throws(StoreError) -> Int64 {
        state.withLock { $0.nextLogEventID - 1 }
    }

    public func logEvents(_ query: LogEventQuery) throws(StoreError) -> [LogEventRecord] {
        let matching = state.withLock { state in
            state.logEvents.filter { event in
                event.groupName == query.groupName
                    && (query.streamNames?.contains(event.streamName) ?? true)
                    && (query.start.map { event.timestamp >= $0 } ?? true)
                    && (query.end.map { event.timestamp < $0 } ?? true)
                    && (query.afterID.map { event.id > $0 } ?? true)
            }
        }
        let sorted = matching.sorted { ($0.timestamp, $0.id) < ($1.timestamp, $1.id) }
        return query.limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    public func setRetention(group: String, days: Int?) throws(StoreError) -> Bool {
        state.withLock { state in
            guard state.groups[group] != nil else { return false }
            state.groups[group]?.retentionInDays = days
            return true
        }
    }

    public func createLogGroup(_ name: String, creationTime: Int64) throws(StoreError) -> Bool {
        state.withLock { state in
            guard state.groups[name] == nil else { return false }
            state.groups[name] = LogGroupRecord(name: name, creationTime: creationTime, retentionInDays: nil, storedBytes: 0)
            return true
        }
    }

    public func createLogStream(group: String, name: String, creationTime: Int64) throws(StoreError) -> Bool {
        state.withLock { state in
            guard state.streams[group]?[name] == nil else { return false }
            state.streams[group, default: [:]][name] = LogStreamRecord(
                groupName: group, name: name, creationTime: creationTime, firstEventTimestamp: nil, lastEventTimestamp: nil,
                lastIngestionTime: nil, storedBytes: 0)
            return true
        }
    }

    public func deleteLogGroup(_ name: String) throws(StoreError) -> Bool {
        state.withLock { state in
            state.streams[name] = nil
            state.logEvents.removeAll { $0.groupName == name }
            return state.groups.removeValue(forKey: name) != nil
        }
    }

    public func deleteExpiredLogEvents(now: Int64) throws(StoreError) {
        state.withLock { state in
            let groups = state.groups
            state.logEvents.removeAll { event in
                guard let days = groups[event.groupName]?.retentionInDays else { return false }
                return event.timestamp < now - Int64(days) * 86_400_000
            }
        }
    }
}

extension MemoryStore: EventStore {
    public func insert(_ event: EventRecord) throws(StoreError) {
        try insert([event])
    }

    public func insert(_ events: [EventRecord]) throws(StoreError) {
        try state.withLock { state throws(StoreError) in try Self.insert(events, into: &state) }
    }

    private static func insert(_ events: [EventRecord], into state: inout State) throws(StoreError) {
        var ids = Set(state.events.map(\.id))
        for event in events where !ids.insert(event.id).inserted {
            throw StoreError(message: "an event with id \(event.id) is stored already")
        }
        state.events += events
    }

    public func insert(_ deadLetter: DeadLetterRecord) throws(StoreError) {
        state.withLock { state in
            var letter = deadLetter
            letter.id = Int64(state.deadLetters.count + 1)
            state.deadLetters.append(letter)
        }
    }

    public func events(since: Int64?, status: String?) throws(StoreError) -> [EventRecord] {
        let matching = state.withLock { state in
            state.events.filter { event in (since.map { event.time >= $0 } ?? true) && (status == nil || event.status == status) }
        }
        // By time, ties in the order stored (a stable sort).
        return matching.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    public func event(id: String) throws(StoreError) -> EventRecord? {
        state.withLock { $0.events.first { $0.id == id } }
    }

    public func deadLetters() throws(StoreError) -> [DeadLetterRecord] {
        state.withLock { $0.deadLetters }
    }
}

extension MemoryStore: TableItemStore {
    public func tableItem(table: String, key: TableItemKey) throws(StoreError) -> String? {
        state.withLock { $0.items[table]?[key] }
    }

    public func changeTableItems<Outcome>(_ keys: [TableItemAddress],
                                          _ decide: (_ current: [String?]) -> ([TableItemChange], Outcome)) throws(StoreError) -> Outcome {
        state.withLock { state in
            let (changes, outcome) = decide(keys.map { state.items[$0.table]?[$0.key] })
            for (address, change) in zip(keys, changes) {
                switch change {
                case .keep: break
                case .put(let item): state.items[address.table, default: [:]][address.key] = item
                case .delete: state.items[address.table]?[address.key] = nil
                }
            }
            return outcome
        }
    }

    public func queryTableItems(_ query: TableItemQuery) throws(StoreError) -> [TableItemRecord] {
        let items = state.withLock { $0.items[query.table] ?? [:] }
        func less(_ a: Data, _ b: Data) -> Bool { a.lexicographicallyPrecedes(b) }
        var matching = items.filter { key, _ in
            guard key.partition == query.partition else { return false }
            if let lower = query.lower, lower.inclusive ? less(key.sort, lower.bytes) : !less(lower.bytes, key.sort) { return false }
            if let upper = query.upper, upper.inclusive ? less(upper.bytes, key.sort) : !less(key.sort, upper.bytes) { return false }
            if let after = query.afterSortKey { return query.descending ? less(key.sort, after) : less(after, key.sort) }
            return true
        }.map { TableItemRecord(key: $0.key, item: $0.value) }
        matching.sort { query.descending ? less($1.key.sort, $0.key.sort) : less($0.key.sort, $1.key.sort) }
        return query.limit.map { Array(matching.prefix($0)) } ?? matching
    }

    public func scanTableItems(table: String, after: TableItemKey?, limit: Int?) throws(StoreError) -> [TableItemRecord] {
        let items = state.withLock { $0.items[table] ?? [:] }
        let sorted = items.map { TableItemRecord(key: $0.key, item: $0.value) }.sorted { Self.precedes($0.key, $1.key) }
        let rest = after.map { after in sorted.filter { Self.precedes(after, $0.key) } } ?? sorted
        return limit.map { Array(rest.prefix($0)) } ?? rest
    }

    @discardableResult
    public func deleteTableItems(table: String) throws(StoreError) -> Int {
        state.withLock { $0.items.removeValue(forKey: table)?.count ?? 0 }
    }

    /// Key order as SQLite orders the two blobs: partition, then sort key, bytewise.
    private static func precedes(_ a: TableItemKey, _ b: TableItemKey) -> Bool {
        if a.partition != b.partition { return a.partition.lexicographicallyPrecedes(b.partition) }
        return a.sort.lexicographicallyPrecedes(b.sort)
    }
}

extension MemoryStore: TopicMessageStore {
    @discardableResult
    public func appendTopicMessage(_ message: NewTopicMessage) throws(StoreError) -> Int64 {
        state.withLock { state in
            let id = Int64(state.topicMessages.count + 1)
            state.topicMessages.append(TopicMessageRecord(
                id: id, service: message.service, topic: message.topic, messageId: message.messageId, timestamp: message.timestamp,
                subject: message.subject, message: message.message, attributes: message.attributes))
            return id
        }
    }

    public func topicMessages(topic: String?, service: String?, afterID: Int64?, limit: Int?) throws(StoreError) -> [TopicMessageRecord] {
        let matching = state.withLock { state in
            state.topicMessages.filter { message in
                (topic == nil || message.topic == topic) && (service == nil || message.service == service)
                    && (afterID.map { message.id > $0 } ?? true)
            }
        }
        return limit.map { Array(matching.prefix($0)) } ?? matching
    }
}

extension MemoryStore: MachineStore {
    public func insert(_ machine: StateMachineRecord) throws(StoreError) -> Bool {
        state.withLock { state in
            guard state.machines[machine.stateMachineArn] == nil,
                  !state.machines.values.contains(where: { $0.name == machine.name }) else { return false }
            state.machines[machine.stateMachineArn] = machine
            return true
        }
    }

    public func update(_ machine: StateMachineRecord) throws(StoreError) -> Bool {
        state.withLock { state in
            guard state.machines[machine.stateMachineArn] != nil else { return false }
            state.machines[machine.stateMachineArn] = machine
            return true
        }
    }

    public func deleteStateMachine(arn: String) throws(StoreError) -> Bool {
        state.withLock { $0.machines.removeValue(forKey: arn) != nil }
    }

    public func stateMachine(arn: String) throws(StoreError) -> StateMachineRecord? {
        state.withLock { $0.machines[arn] }
    }

    public func stateMachines() throws(StoreError) -> [StateMachineRecord] {
        state.withLock { $0.machines.values.sorted { $0.name < $1.name } }
    }
}

extension MemoryStore: TaskTokenStore {
    public func register(_ token: TaskTokenRecord) throws(StoreError) {
        state.withLock { state in
            guard state.tokens[token.token] == nil else { return }
            var token = token
            state.tokenRevision += 1
            token.revision = state.tokenRevision
            state.tokens[token.token] = token
        }
    }

    public func taskToken(_ token: String) throws(StoreError) -> TaskTokenRecord? {
        state.withLock { $0.tokens[token] }
    }

    public func change(token: String, _ decide: (TaskTokenRecord) -> TaskTokenRecord?) throws(StoreError) -> TaskTokenRecord? {
        state.withLock { state in
            guard let current = state.tokens[token] else { return nil }
            guard var changed = decide(current) else { return current }
            state.tokenRevision += 1
            changed.revision = state.tokenRevision
            state.tokens[token] = changed
            return changed
        }
    }

    public func taskTokens(changedAfter revision: Int64) throws(StoreError) -> [TaskTokenRecord] {
        state.withLock { $0.tokens.values.filter { $0.revision > revision }.sorted { $0.revision < $1.revision } }
    }
}

extension MemoryStore: EventRoutingStore {
    public func insert(_ events: [EventRecord], readingRulesUnless known: Int64?) throws(StoreError) -> RulesRead {
        try state.withLock { state throws(StoreError) in
            try Self.insert(events, into: &state)
            guard state.rulesRevision != known else { return RulesRead(revision: state.rulesRevision, rules: nil) }
            return RulesRead(revision: state.rulesRevision, rules: state.rules.values.sorted { $0.name < $1.name })
        }
    }
}

extension MemoryStore: RuleStore {
    public func rule(name: String) throws(StoreError) -> RuleRecord? {
        state.withLock { $0.rules[name] }
    }

    public func rules() throws(StoreError) -> [RuleRecord] {
        state.withLock { $0.rules.values.sorted { $0.name < $1.name } }
    }

    public func changeRule<Outcome>(name: String, _ decide: (_ current: RuleRecord?) -> (RuleChange, Outcome)) throws(StoreError) -> Outcome {
        state.withLock { state in
            let (change, outcome) = decide(state.rules[name])
            switch change {
            case .keep: break
            case .put(let record):
                precondition(record.name == name, "changeRule(name: \(name)) cannot write the rule \(record.name)")
                state.rules[name] = record
                state.rulesRevision += 1
            case .delete:
                if state.rules.removeValue(forKey: name) != nil { state.rulesRevision += 1 }
            }
            return outcome
        }
    }
}
