import Clocks
import Engine
import Foundation
import JSONValue
import Store
import Synchronization

/// Keeps the STANDARD child executions of a workspace execution's Distributed Maps in the
/// store like any other execution, under their own ARNs (docs/distributed-map.md): a record
/// when each starts, its events as they happen, its end before the Map Run goes on. EXPRESS
/// children keep no history the API can read, as other Express executions. A resumed parent
/// finds its Map Runs' STANDARD children again: those that ended are not run again, those that
/// were running resume from their histories.
final class MapRunChildren: MapRunObserver {
    private let store: any ExecutionStore
    private let writes: ExecutionWriteQueue
    private let ownership: ExecutionOwnership
    private let clock: any HostClock
    /// The definition's text of the execution whose Map Runs these are.
    private let definition: String?
    /// The children running now, by execution ARN.
    private let running = Mutex<[String: (writer: HistoryWriter, record: ExecutionRecord)]>([:])
    /// The Map Runs running now, as they last stood, by ARN; which of them changed since last
    /// stored; whether a write of some is queued.
    private let mapRuns = Mutex<(latest: [String: MapRunProgress], changed: Set<String>, writing: Bool)>(([:], [], false))

    init(store: any ExecutionStore, writes: ExecutionWriteQueue, ownership: ExecutionOwnership, clock: any HostClock, definition: String?) {
        self.store = store
        self.writes = writes
        self.ownership = ownership
        self.clock = clock
        self.definition = definition
    }

    func child(_ identity: ExecutionIdentity, input: JSONValue, mapRunArn: String, state: String) -> (any ExecutionObserver)? {
        guard identity.expressId == nil else { return nil }
        let record = ExecutionRecord(
            executionArn: identity.executionArn, stateMachineArn: identity.stateMachineArn, machineName: identity.machineName,
            name: identity.executionName, status: ExecutionStatus.running.rawValue, startDate: clock.now.epochMilliseconds,
            input: input.compactString(), definition: definition.flatMap { Self.itemProcessor(of: state, in: $0) },
            owner: ownership.id, leaseExpiry: ownership.newExpiry, mapRunArn: mapRunArn)
        // Queued ahead of the child's events, which the same queue writes after it.
        writes.submit(.insert(record)) { _ in }
        let writer = HistoryWriter(writes: writes, executionArn: identity.executionArn)
        running.withLock { $0[identity.executionArn] = (writer, record) }
        return writer
    }

    func childEnded(_ identity: ExecutionIdentity, _ result: ExecutionResult) async {
        // The Map Run's counts, which already count this child's end, go in the same group
        // commit as the child's end.
        storeChangedMapRuns()
        guard let (writer, started) = running.withLock({ $0.removeValue(forKey: identity.executionArn) }) else { return }
        var record = started
        record.status = result.status.rawValue
        record.stopDate = result.stopDate.epochMilliseconds
        record.output = result.output?.compactString()
        record.error = result.error
        record.cause = result.cause
        // A child whose end cannot be stored stays RUNNING in the store, an orphan that
        // resumes with its parent's Map Run.
        try? await writer.finish(record)
    }

    func mapRunChanged(_ progress: MapRunProgress) {
        let isNew = mapRuns.withLock { mapRuns in
            defer { mapRuns.latest[progress.mapRunArn] = progress }
            guard mapRuns.latest[progress.mapRunArn] != nil else { return true }
            mapRuns.changed.insert(progress.mapRunArn)
            return false
        }
        // Its start is stored at once; its changes with its children's ends.
        if isNew { writes.submit(.mapRun(MapRunDescription.record(of: progress))) { _ in } }
    }

    func mapRunEnded(_ progress: MapRunProgress) async {
        mapRuns.withLock { mapRuns in
            mapRuns.latest[progress.mapRunArn] = nil
            mapRuns.changed.remove(progress.mapRunArn)
        }
        // A Map Run whose end cannot be stored stays RUNNING in the store, as its parent does.
        _ = await writes.perform(.mapRun(MapRunDescription.record(of: progress)))
    }

    /// Queues the Map Runs that changed since they were last stored, unless a write of some is
    /// queued already: then they go with a later child's end, or with their own end. So a Map
    /// Run costs no transaction of its own while its children end.
    private func storeChangedMapRuns() {
        let records = mapRuns.withLock { mapRuns -> [MapRunRecord] in
            guard !mapRuns.writing, !mapRuns.changed.isEmpty else { return [] }
            defer { mapRuns.changed = [] }
            mapRuns.writing = true
            return mapRuns.changed.compactMap { mapRuns.latest[$0] }.map(MapRunDescription.record(of:))
        }
        guard let last = records.last else { return }
        for record in records.dropLast() { writes.submit(.mapRun(record)) { _ in } }
        writes.submit(.mapRun(last)) { [self] _ in mapRuns.withLock { $0.writing = false } }
    }

    func recorded(_ identity: ExecutionIdentity) -> RecordedChild? {
        let arn = identity.executionArn
        guard identity.expressId == nil, let stored = try? store.execution(arn: arn) else { return nil }
        guard stored.status == ExecutionStatus.running.rawValue else {
            return .ended(status: ExecutionStatus(rawValue: stored.status) ?? .failed,
                          output: stored.output.flatMap { try? JSONValue.parse($0) }, error: stored.error, cause: stored.cause)
        }
        // Its process died with the parent's; this one, which resumes the parent, takes it on.
        guard let claimed = try? store.claim(executionArn: arn, owner: ownership.id, until: ownership.newExpiry,
                                             now: ExecutionOwnership.wallClock, isGone: ExecutionOwnership.isGone),
              let history = try? store.history(of: arn).compactMap(Workspace.event) else { return nil }
        let invocations = (try? store.invocations(of: arn).last?.sequence) ?? 0
        let writer = HistoryWriter(writes: writes, executionArn: arn, invocations: invocations)
        running.withLock { $0[arn] = (writer, claimed) }
        return .running(history: history, observer: writer)
    }

    /// The text of the Map state `name`'s `ItemProcessor` (or `Iterator`) in `definition`, at
    /// any depth (state names are unique in the whole machine): what a child execution runs.
    static func itemProcessor(of name: String, in definition: String) -> String? {
        guard let document = try? JSONValue.parse(definition) else { return nil }
        func find(in machine: JSONValue) -> JSONValue? {
            guard let states = machine.objectValue?["States"]?.objectValue else { return nil }
            for (stateName, state) in states {
                let fields = state.objectValue
                if stateName == name, let processor = fields?["ItemProcessor"] ?? fields?["Iterator"] { return processor }
                for inner in (fields?["Branches"]?.arrayValue ?? []) + [fields?["ItemProcessor"] ?? fields?["Iterator"]].compactMap({ $0 }) {
                    if let found = find(in: inner) { return found }
                }
            }
            return nil
        }
        return find(in: document)?.prettyString()
    }
}

extension ExecutionRecord {
    /// Whether this is a Distributed Map's child execution: its state machine is a labelled
    /// one, `MACHINE/LABEL` (docs/distributed-map.md); a state machine's own name has no `/`.
    var isMapRunChild: Bool { machineName.contains("/") }
}
