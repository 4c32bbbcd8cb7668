import Clocks
import Foundation
import Logs
import Store

/// The log groups as `host logs` browses them, as `aws logs tail` and awslogs do. A read creates
/// nothing: where nothing was stored there is no group. A group that does not exist is
/// ResourceNotFoundException, whose message names the group (and, for a function's name, the
/// function's group).
extension CloudWatchLogs {
    /// The log groups whose names start with `prefix`, by name.
    public func logGroups(prefix: String? = nil) throws(ServiceError) -> [LogGroup] {
        guard let logs = try openedLogs() else { return [] }
        return try read { () throws(StoreError) in try logs.groups(prefix: prefix) }.map { group in
            LogGroup(name: group.name, creationTime: group.creationTime, retentionInDays: group.retentionInDays,
                     storedBytes: group.storedBytes, arn: "arn:aws:logs:\(region):\(account):log-group:\(group.name):*")
        }
    }

    /// The streams of `group`, by name or newest last event first.
    public func logStreams(group: String, orderByLastEvent: Bool = false) throws(ServiceError) -> [LogStream] {
        let logs = try existingGroup(group, suggestingFunctions: false)
        return try read { () throws(StoreError) in try logs.streams(group: group, orderByLastEvent: orderByLastEvent) }.map { stream in
            LogStream(groupName: stream.groupName, name: stream.name, creationTime: stream.creationTime,
                      firstEventTimestamp: stream.firstEventTimestamp, lastEventTimestamp: stream.lastEventTimestamp,
                      lastIngestionTime: stream.lastIngestionTime, storedBytes: stream.storedBytes,
                      arn: "arn:aws:logs:\(region):\(account):log-group:\(stream.groupName):log-stream:\(stream.name)")
        }
    }

    /// The events of `group` (of `streams` only, when given) from `start` (inclusive) to `end`
    /// (exclusive) that match `filter`, in time order; with `after`, only those stored after
    /// the event with that id. Events past their group's retention are never returned.
    public func events(group: String, streams: [String]? = nil, start: Date? = nil, end: Date? = nil,
                       filter: LogEventFilter? = nil, after: Int64? = nil) throws(ServiceError) -> [LogEvent] {
        let logs = try existingGroup(group, suggestingFunctions: true)
        return try read { () throws(StoreError) in
            try logs.events(group: group, streams: streams, start: start, end: end, filter: filter?.pattern, afterID: after)
        }.map(Self.event)
    }

    /// The largest id an event of any group has now (what this process queued written first);
    /// a follower asks `events(group:after:)` for those after it: a live tail from this moment.
    public func lastEventId() throws(ServiceError) -> Int64 {
        guard let logs = try openedLogs() else { return 0 }
        return try read { () throws(StoreError) in try logs.lastEventID() }
    }

    /// The lines of the function invocations that the execution `reference` names made, in the
    /// order it made them (`Workspace.logEvents(of:)`): of `group` and `streams` only, when
    /// given, from `start` to `end`, matching `filter`.
    public func events(ofExecutionNamed reference: String, group: String? = nil, streams: [String]? = nil, start: Date? = nil,
                       end: Date? = nil, filter: LogEventFilter? = nil) throws(ExecutionLookupError) -> [LogEvent] {
        let record = try workspace.storedExecution(reference)
        let lines: [LogEventRecord]
        do {
            // What this process still queues is written first, as for every other read here
            // (`openedLogs`), so that an invocation that just ended shows its last lines.
            try workspace.logStore().flush()
            lines = try workspace.logEvents(of: record)
        } catch {
            throw .store(error)
        }
        return lines.filter { line in
            (group.map { line.groupName == $0 } ?? true) && (streams.map { $0.contains(line.streamName) } ?? true)
                && start.map { line.timestamp >= $0.epochMilliseconds } ?? true
                && end.map { line.timestamp < $0.epochMilliseconds } ?? true
                && filter.map { $0.pattern.matches(line.message) } ?? true
        }.map(Self.event)
    }

    /// PutRetentionPolicy (`days`) and DeleteRetentionPolicy (nil), as `host logs` words their
    /// refusals: a value CloudWatch Logs does not accept is InvalidParameterException, before
    /// anything is opened.
    public func changeRetention(group: String, days: Int?) throws(ServiceError) {
        if let days, !LogStore.retentionDays.contains(days) {
            throw ServiceError(.invalidParameter, LogsError.invalidRetention(days).description)
        }
        guard let logs = try openedLogs() else { throw Self.noGroup(group) }
        do throws(LogsError) { try logs.putRetentionPolicy(group: group, days: days) } catch {
            switch error {
            case .noSuchGroup: throw Self.noGroup(group)
            case .invalidRetention: throw ServiceError(.invalidParameter, error.description)
            case .store(let failure): throw ServiceError(.internalFailure, failure.message)
            }
        }
    }

    // MARK: - Helpers

    /// The log store, or nil when nothing was ever stored. What this process queued is written
    /// first, so that a read sees it, as the API's reads do.
    private func openedLogs() throws(ServiceError) -> LogStore? {
        guard workspace.hasDatabase else { return nil }
        return try read { () throws(StoreError) in
            let logs = try workspace.logStore()
            try logs.flush()
            return logs
        }
    }

    /// The log store when it holds `group`. Otherwise ResourceNotFoundException, which names
    /// the function's group when `group` is a function's name: one whose group exists, or with
    /// `suggestingFunctions`, any function of `functions/`.
    private func existingGroup(_ group: String, suggestingFunctions: Bool) throws(ServiceError) -> LogStore {
        let logs = try openedLogs()
        let groups = try logs.map { logs throws(ServiceError) in try read { () throws(StoreError) in try logs.groups(prefix: group) } } ?? []
        if let logs, groups.contains(where: { $0.name == group }) { return logs }
        var error = Self.noGroup(group)
        let lambdaGroup = "/aws/lambda/\(group)"
        let hasLambdaGroup = try logs.map { logs throws(ServiceError) in
            try read { () throws(StoreError) in try logs.groups(prefix: lambdaGroup) }.contains { $0.name == lambdaGroup }
        } ?? false
        if !group.hasPrefix("/"), hasLambdaGroup || (suggestingFunctions && workspace.functionCatalog.names().contains(group)) {
            error.message += " (a function's log group is \(lambdaGroup))"
        }
        throw error
    }

    private static func noGroup(_ group: String) -> ServiceError {
        ServiceError(.resourceNotFoundException, LogsError.noSuchGroup(group).description)
    }

    private func read<T>(_ body: () throws(StoreError) -> T) throws(ServiceError) -> T {
        do { return try body() } catch { throw ServiceError(.internalFailure, error.message) }
    }

    private static func event(_ record: LogEventRecord) -> LogEvent {
        LogEvent(id: record.id, groupName: record.groupName, streamName: record.streamName, timestamp: record.timestamp,
                 ingestionTime: record.ingestionTime, message: record.message)
    }
}
