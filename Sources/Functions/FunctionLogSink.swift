import Foundation

/// One line of a function's log.
public struct FunctionLogEvent: Sendable, Equatable {
    public var timestamp: Date
    public var message: String

    public init(timestamp: Date, message: String) {
        self.timestamp = timestamp
        self.message = message
    }
}

/// Where the Functions layer writes its log lines; the workspace connects it to the log
/// store. A stream exists from its first line on.
public protocol FunctionLogSink: Sendable {
    func write(group: String, stream: String, events: [FunctionLogEvent])
}
