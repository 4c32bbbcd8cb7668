import Clocks
import Foundation
import JSONValue
import Logs
import Store

/// CloudWatch Logs in AWS's terms, over the workspace's log groups (docs/logs.md): the
/// operations `aws logs` and the SDKs use to browse and write them.
public struct CloudWatchLogs: Sendable {
    let workspace: Workspace

    var region: String { "us-east-1" }
    var account: String { "123456789012" }

    private func logs() throws(ServiceError) -> LogStore {
        do { return try workspace.logStore() } catch { throw ServiceError(.internalFailure, error.message) }
    }

    private func store() throws(ServiceError) -> any LogEventStore {
        do { return try workspace.stores().logs } catch { throw ServiceError(.internalFailure, error.message) }
    }

    /// Runs a read or write on the log stores; a store failure is an internal one.
    private func call<T>(_ body: (_ store: any LogEventStore, _ logs: LogStore) throws(StoreError) -> T) throws(ServiceError) -> T {
        let (store, logs) = (try self.store(), try self.logs())
        do { return try body(store, logs) } catch { throw ServiceError(.internalFailure, error.message) }
    }

    // MARK: - Reading

    /// DescribeLogGroups: "limit ... 1-50, default 50".
    public func describeLogGroups(prefix: String? = nil, limit: Int? = nil, nextToken: String? = nil) throws(ServiceError) -> Page<JSONValue> {
        // What waits in the log store's queue is written first, so that a reader sees it.
        try flush()
        let groups = try call { (store, logs) throws(StoreError) in try store.logGroups(prefix: prefix) }
        return try Page.of(groups.map(groupJSON), maxResults: limit, nextToken: nextToken, defaultSize: 50, limit: 50, field: "limit")
    }

    /// DescribeLogStreams, by name or newest last event first.
    public func describeLogStreams(group: String, prefix: String? = nil, orderByLastEvent: Bool = false, descending: Bool = false,
                                   limit: Int? = nil, nextToken: String? = nil) throws(ServiceError) -> Page<JSONValue> {
        if prefix != nil && orderByLastEvent {
            throw ServiceError(.invalidParameter, "Cannot order by LastEventTime with a logStreamNamePrefix.")
        }
        try requireGroup(group)
        var streams = try call { (store, logs) throws(StoreError) in try store.logStreams(group: group, byLastEvent: orderByLastEvent) }
        if let prefix { streams = streams.filter { $0.name.hasPrefix(prefix) } }
        // By name ascends and by last event descends unless told otherwise.
        if orderByLastEvent != descending { streams.reverse() }
        return try Page.of(streams.map(streamJSON), maxResults: limit, nextToken: nextToken, defaultSize: 50, limit: 50, field: "limit")
    }

    /// What GetLogEvents answers: the events, and the tokens that read on from them.
    public struct EventsPage: Sendable {
        public var events: [JSONValue]
        public var nextForwardToken: String
        public var nextBackwardToken: String
    }

    /// GetLogEvents of one stream: without a token, the newest `limit` events (the oldest with
    /// `startFromHead`); `f/N` reads on after position N, `b/N` back before it. At the end the
    /// forward token stays as it was, which is how readers know they have everything.
    public func getLogEvents(group: String, stream: String, start: Int64? = nil, end: Int64? = nil, nextToken: String? = nil,
                             limit: Int? = nil, startFromHead: Bool = false) throws(ServiceError) -> EventsPage {
        try requireGroup(group)
        try flush()
        let size = try Page<JSONValue>.size(limit, defaultSize: 10_000, limit: 10_000, field: "limit")
        let events = try call { (store, logs) throws(StoreError) in
            try logs.events(group: group, streams: [stream], start: start.map(Date.init(epochMilliseconds:)),
                              end: end.map(Date.init(epochMilliseconds:)))
        }
        let (forward, position): (Bool, Int)
        switch nextToken {
        case nil: (forward, position) = (startFromHead, startFromHead ? 0 : events.count)
        case let token?:
            guard token.count > 2, let number = Int(token.dropFirst(2)), number >= 0, number <= events.count,
                  token.hasPrefix("f/") || token.hasPrefix("b/") else {
                throw ServiceError(.invalidParameter, "The specified nextToken is invalid.")
            }
            (forward, position) = (token.hasPrefix("f/"), number)
        }
        let range = forward ? position..<min(events.count, position + size) : max(0, position - size)..<position
        let page = events[range].map { ["timestamp": .int($0.timestamp), "message": .string($0.message), "ingestionTime": .int($0.ingestionTime)] as JSONValue }
        return EventsPage(events: page, nextForwardToken: Self.token("f", range.upperBound), nextBackwardToken: Self.token("b", range.lowerBound))
    }

    /// FilterLogEvents across a group's streams (all, those named, or those with a prefix),
    /// in time order, matching a filter pattern (docs/logs.md); `limit` default 10,000.
    public func filterLogEvents(group: String, streams: [String]? = nil, streamPrefix: String? = nil, start: Int64? = nil,
                                end: Int64? = nil, filterPattern: String? = nil, nextToken: String? = nil,
                                limit: Int? = nil) throws(ServiceError) -> Page<JSONValue> {
        if streams != nil && streamPrefix != nil {
            throw ServiceError(.invalidParameter, "logStreamNames and logStreamNamePrefix are mutually exclusive")
        }
        try requireGroup(group)
        try flush()
        let pattern: FilterPattern?
        do { pattern = try filterPattern.map { text throws(FilterPatternError) in try FilterPattern(text) } } catch {
            throw ServiceError(.invalidParameter, "Invalid filter pattern: \(error.message) at column \(error.column)")
        }
        var names = streams
        if let streamPrefix {
            names = try call { (store, logs) throws(StoreError) in try store.logStreams(group: group, byLastEvent: false) }
                .map(\.name).filter { $0.hasPrefix(streamPrefix) }
        }
        let events = try call { (store, logs) throws(StoreError) in
            try logs.events(group: group, streams: names, start: start.map(Date.init(epochMilliseconds:)),
                              end: end.map(Date.init(epochMilliseconds:)), filter: pattern)
        }
        let json = events.map { event -> JSONValue in
            ["logStreamName": .string(event.streamName), "timestamp": .int(event.timestamp), "message": .string(event.message),
             "ingestionTime": .int(event.ingestionTime), "eventId": .string(String(event.id))]
        }
        return try Page.of(json, maxResults: limit, nextToken: nextToken, defaultSize: 10_000, limit: 10_000, field: "limit")
    }

    // MARK: - Writing

    public func createLogGroup(_ name: String) throws(ServiceError) {
        try Self.checkGroupName(name)
        guard try call({ (store, logs) throws(StoreError) in try store.createLogGroup(name, creationTime: workspace.now().epochMilliseconds) }) else {
            throw ServiceError(.resourceAlreadyExists, "The specified log group already exists")
        }
    }

    public func createLogStream(group: String, name: String) throws(ServiceError) {
        try requireGroup(group)
        guard try call({ (store, logs) throws(StoreError) in
            try store.createLogStream(group: group, name: name, creationTime: workspace.now().epochMilliseconds)
        }) else {
            throw ServiceError(.resourceAlreadyExists, "The specified log stream already exists")
        }
    }

    /// PutLogEvents into an existing stream; "The log events in the batch must be in
    /// chronological order by their timestamp".
    public func putLogEvents(group: String, stream: String, events: [(timestamp: Int64, message: String)]) throws(ServiceError) {
        try requireGroup(group)
        let streams = try call { (store, logs) throws(StoreError) in try store.logStreams(group: group, byLastEvent: false) }
        guard streams.contains(where: { $0.name == stream }) else {
            throw ServiceError(.resourceNotFoundException, "The specified log stream does not exist.")
        }
        guard zip(events, events.dropFirst()).allSatisfy({ $0.timestamp <= $1.timestamp }) else {
            throw ServiceError(.invalidParameter, "Log events in a single PutLogEvents request must be in chronological order.")
        }
        try logs().put(group: group, stream: stream, events: events.map { (Date(epochMilliseconds: $0.timestamp), $0.message) })
        try flush()
    }

    public func putRetentionPolicy(group: String, days: Int?) throws(ServiceError) {
        let logs = try logs()
        do throws(LogsError) { try logs.putRetentionPolicy(group: group, days: days) } catch {
            switch error {
            case .noSuchGroup: throw ServiceError(.resourceNotFoundException, "The specified log group does not exist.")
            case .invalidRetention(let value):
                throw ServiceError(.invalidParameter, "1 validation error detected: Value '\(value)' at 'retentionInDays' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [\(LogStore.retentionDays.map(String.init).joined(separator: ", "))]")
            case .store(let failure): throw ServiceError(.internalFailure, failure.message)
            }
        }
    }

    public func deleteLogGroup(_ name: String) throws(ServiceError) {
        try flush()
        guard try call({ (store, logs) throws(StoreError) in try store.deleteLogGroup(name) }) else {
            throw ServiceError(.resourceNotFoundException, "The specified log group does not exist.")
        }
    }

    // MARK: - Helpers

    private func flush() throws(ServiceError) {
        let logs = try logs()
        do throws(StoreError) { try logs.flush() } catch { throw ServiceError(.internalFailure, error.message) }
    }

    private func requireGroup(_ name: String) throws(ServiceError) {
        try flush()
        let groups = try call { (store, logs) throws(StoreError) in try store.logGroups(prefix: name) }
        guard groups.contains(where: { $0.name == name }) else {
            throw ServiceError(.resourceNotFoundException, "The specified log group does not exist.")
        }
    }

    /// "Log group names ... 1-512 characters ... a-z, A-Z, 0-9, '_', '-', '/', '.', '#'".
    static func checkGroupName(_ name: String) throws(ServiceError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/.#")
        guard (1...512).contains(name.count), name.allSatisfy(allowed.contains) else {
            throw ServiceError(.invalidParameter, "1 validation error detected: Value '\(name)' at 'logGroupName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+")
        }
    }

    static func token(_ direction: String, _ position: Int) -> String {
        let digits = String(position)
        return direction + "/" + String(repeating: "0", count: max(0, 56 - digits.count)) + digits
    }

    private func groupJSON(_ group: LogGroupRecord) -> JSONValue {
        var object: JSONObject = ["logGroupName": .string(group.name), "creationTime": .int(group.creationTime)]
        if let days = group.retentionInDays { object["retentionInDays"] = .int(Int64(days)) }
        object["metricFilterCount"] = 0
        object["arn"] = .string("arn:aws:logs:\(region):\(account):log-group:\(group.name):*")
        object["storedBytes"] = .int(group.storedBytes)
        object["logGroupClass"] = "STANDARD"
        object["logGroupArn"] = .string("arn:aws:logs:\(region):\(account):log-group:\(group.name)")
        return .object(object)
    }

    private func streamJSON(_ stream: LogStreamRecord) -> JSONValue {
        var object: JSONObject = ["logStreamName": .string(stream.name), "creationTime": .int(stream.creationTime)]
        if let first = stream.firstEventTimestamp { object["firstEventTimestamp"] = .int(first) }
        if let last = stream.lastEventTimestamp { object["lastEventTimestamp"] = .int(last) }
        if let ingested = stream.lastIngestionTime { object["lastIngestionTime"] = .int(ingested) }
        object["arn"] = .string("arn:aws:logs:\(region):\(account):log-group:\(stream.groupName):log-stream:\(stream.name)")
        object["storedBytes"] = .int(stream.storedBytes)
        return .object(object)
    }
}

extension Workspace {
    /// CloudWatch Logs over this workspace's log groups.
    public var logs: CloudWatchLogs { CloudWatchLogs(workspace: self) }
}
