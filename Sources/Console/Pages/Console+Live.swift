import Clocks
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import JSONValue
import Workspace

extension Console {
    /// How often a followed execution's history is read for new events.
    static let livePollInterval: Duration = .milliseconds(250)
    /// A comment this often keeps proxies from closing a quiet stream.
    static let keepAliveInterval: Duration = .seconds(15)

    /// Events a `history` message carries at most; more wait for the next message.
    static let liveBatchSize = 500

    /// `/executions/NAME/events?after=ID&tokens=REVISION`: server-sent events ("text/event-stream",
    /// HTML's EventSource) while the execution runs: `history` with the events stored after the
    /// last one sent (their id, type and timestamp; the message's id is the last of them, which a
    /// reconnecting browser sends back as `Last-Event-ID`), then `end` once it has ended. A task
    /// token of the execution registered or answered after `tokens` (the revision the page read
    /// its waiting tokens at) is a `history` message too, with no events: a callback task
    /// registers its token after its TaskSubmitted event, so the page drawn for that event may
    /// not have had the token yet. Each look at the store reads the execution, the events past
    /// the last id sent and the tokens changed since, never the whole history. The stream ends
    /// with the execution, when the browser goes away (the write fails), or when `host serve`
    /// begins to shut down (SIGTERM), which waits for it.
    func executionEvents(_ reference: String, after: Int, tokens: Int64 = 0) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        let stepFunctions = workspace.stepFunctions
        let workspace = workspace
        let body = ResponseBody { writer in
            var seen = after
            var tokenRevision = tokens
            var quiet: Duration = .zero
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                let summary: ExecutionSummary
                let events: [HistoryEvent]
                do throws(ExecutionLookupError) {
                    (summary, events) = try stepFunctions.progress(ofExecutionNamed: reference, after: seen, limit: Self.liveBatchSize)
                } catch {
                    try await writer.write(ByteBuffer(string: Self.event("end", data: #"{"error":"no such execution"}"#)))
                    break
                }
                let tokensChanged = Self.tokensChanged(of: summary.executionArn, after: &tokenRevision, in: workspace)
                if let last = events.last?.id {
                    seen = last
                    quiet = .zero
                    try await writer.write(ByteBuffer(string: Self.event("history", data: Self.historyData(events, status: summary.status, lastEventId: last), id: last)))
                    // A full batch: more are stored; read them before looking at the status again.
                    if events.count == Self.liveBatchSize { continue }
                } else if tokensChanged {
                    quiet = .zero
                    try await writer.write(ByteBuffer(string: Self.event("history", data: Self.historyData([], status: summary.status, lastEventId: seen), id: seen)))
                }
                if summary.status != ExecutionStatus.running.rawValue {
                    try await writer.write(ByteBuffer(string: Self.event("end", data: #"{"status":"\#(summary.status)","lastEventId":\#(seen)}"#)))
                    break
                }
                if quiet >= Self.keepAliveInterval {
                    quiet = .zero
                    try await writer.write(ByteBuffer(string: ": still running\n\n"))
                }
                try await Task.sleep(for: Self.livePollInterval)
                quiet += Self.livePollInterval
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Whether a task token of `executionArn` changed after `revision`, which moves past every
    /// change read (only the changes are read: the tokens are indexed by revision).
    static func tokensChanged(of executionArn: String, after revision: inout Int64, in workspace: Workspace) -> Bool {
        guard workspace.hasDatabase, let changes = try? workspace.stores().tokens.taskTokens(changedAfter: revision),
              let last = changes.last else { return false }
        revision = last.revision
        return changes.contains { $0.executionArn == executionArn }
    }

    /// A `history` message's data: the execution's status and the new events, as JSON on one line.
    static func historyData(_ events: [HistoryEvent], status: String, lastEventId: Int) -> String {
        let items: [JSONValue] = events.map { event in
            ["id": .int(Int64(event.id)), "type": .string(event.type.rawValue), "timestamp": .string(event.timestamp.iso8601Milliseconds)]
        }
        let data: JSONValue = ["status": .string(status), "lastEventId": .int(Int64(lastEventId)), "events": .array(items)]
        return data.compactString()
    }

    /// One server-sent event: its type, an optional id, one data line (the data is JSON, which
    /// holds no line break).
    static func event(_ type: String, data: String, id: Int? = nil) -> String {
        var text = "event: \(type)\n"
        if let id { text += "id: \(id)\n" }
        return text + "data: \(data)\n\n"
    }
}
