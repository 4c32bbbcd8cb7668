import Clocks
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import JSONValue
import Workspace

extension Console {
    /// How often a live tail looks for new events.
    static let tailPollInterval: Duration = .milliseconds(250)

    /// `/live-tail/GROUP?after=ID&filter=PATTERN&stream=NAME`: the group's events stored after
    /// event `after` (the page gives the last id when it was drawn), as server-sent events, as
    /// they are written: CloudWatch Logs' Live Tail, which shows the events ingested from the
    /// moment it starts that match its filter pattern (docs/logs.md). Each `log` message holds
    /// the new matching events and has the last id looked at as its id. It goes on until the
    /// browser goes away or `host serve` begins to shut down (SIGTERM); a pattern that cannot be read or a group that does not exist ends it
    /// at once with `end` and the reason.
    func logTail(_ group: String, query: [String: String]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        let logs = workspace.logs
        let streams = query["stream"].flatMap { $0.isEmpty ? nil : [$0] }
        let filterText = query["filter"] ?? ""
        let filter: LogEventFilter?
        let problem: String?
        do throws(ServiceError) {
            filter = filterText.isEmpty ? nil : try LogEventFilter(filterText)
            problem = nil
        } catch {
            filter = nil
            problem = "Filter pattern: \(error.message)"
        }
        let start = query["after"].flatMap { Int64($0) }
        let body = ResponseBody { writer in
            if let problem {
                try await writer.write(ByteBuffer(string: Self.event("end", data: JSONValue.object(["error": .string(problem)]).compactString())))
                try await writer.finish(nil)
                return
            }
            var seen: Int64 = 0
            if let start {
                seen = start
            } else {
                do throws(ServiceError) { seen = try logs.lastEventId() } catch {}
            }
            var quiet: Duration = .zero
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                let events: [LogEvent]
                let top: Int64
                do throws(ServiceError) {
                    // The last id first: every event up to it is stored by now (ids are given in
                    // the order events are stored), so the next look starts past the events
                    // the filter left out too.
                    top = try logs.lastEventId()
                    events = try logs.events(group: group, streams: streams, filter: filter, after: seen)
                } catch {
                    try await writer.write(ByteBuffer(string: Self.event("end", data: JSONValue.object(["error": .string(error.message)]).compactString())))
                    break
                }
                // Events come in time order; ids tell what was stored after what.
                seen = max(seen, top, events.map(\.id).max() ?? seen)
                if !events.isEmpty {
                    quiet = .zero
                    let items: [JSONValue] = events.map { event in
                        ["id": .int(event.id), "timestamp": .string(Date(epochMilliseconds: event.timestamp).iso8601Milliseconds),
                         "streamName": .string(event.streamName), "message": .string(event.message)]
                    }
                    try await writer.write(ByteBuffer(string: Self.event("log", data: JSONValue.object(["events": .array(items)]).compactString(), id: Int(seen))))
                } else if quiet >= Self.keepAliveInterval {
                    quiet = .zero
                    try await writer.write(ByteBuffer(string: ": tailing\n\n"))
                }
                try await Task.sleep(for: Self.tailPollInterval)
                quiet += Self.tailPollInterval
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
