import Foundation
import Synchronization

/// Collects what a log sink receives, for tests. (Conformance to FunctionLogSink is declared
/// in the tests, which import Functions.)
public final class LogRecorder: Sendable {
    public struct Line: Sendable, Equatable {
        public var group: String
        public var stream: String
        public var timestamp: Date
        public var message: String
    }

    private let recorded = Mutex<[Line]>([])

    public init() {}

    public func record(group: String, stream: String, _ events: [(Date, String)]) {
        recorded.withLock { $0 += events.map { Line(group: group, stream: stream, timestamp: $0.0, message: $0.1) } }
    }

    public var lines: [Line] { recorded.withLock { $0 } }

    public func messages(group: String) -> [String] { lines.filter { $0.group == group }.map(\.message) }
}
