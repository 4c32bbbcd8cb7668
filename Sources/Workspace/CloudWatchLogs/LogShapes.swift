import Logs

/// A log group, as DescribeLogGroups describes it.
public struct LogGroup: Sendable, Equatable {
    public var name: String
    /// Epoch milliseconds.
    public var creationTime: Int64
    /// How long its events are kept; nil for ever.
    public var retentionInDays: Int?
    public var storedBytes: Int64
    /// `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`.
    public var arn: String
}

/// A log stream, as DescribeLogStreams describes it.
public struct LogStream: Sendable, Equatable {
    public var groupName: String
    public var name: String
    /// Epoch milliseconds, as the times below.
    public var creationTime: Int64
    public var firstEventTimestamp: Int64?
    public var lastEventTimestamp: Int64?
    public var lastIngestionTime: Int64?
    public var storedBytes: Int64
    /// `arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:log-stream:NAME`.
    public var arn: String
}

/// One stored log event.
public struct LogEvent: Sendable, Equatable {
    /// Grows with every event stored, whichever process stored it: a follower asks for the
    /// events after the last id it showed.
    public var id: Int64
    public var groupName: String
    public var streamName: String
    /// Epoch milliseconds, as `ingestionTime`.
    public var timestamp: Int64
    public var ingestionTime: Int64
    public var message: String
}

/// A CloudWatch Logs filter pattern (docs/logs.md), read once and matched against messages.
public struct LogEventFilter: Sendable {
    let pattern: FilterPattern

    /// The pattern `text`; InvalidParameterException says where it is wrong
    /// (`column 12: expected a value after '='`).
    public init(_ text: String) throws(ServiceError) {
        do { pattern = try FilterPattern(text) } catch { throw ServiceError(.invalidParameter, error.description) }
    }
}
