import Foundation
import HTTPTypes
import Hummingbird
import Workspace

extension Console {
    /// How often a followed execution's history is read for new events.
    static let livePollInterval: Duration = .milliseconds(250)
    /// A comment this often keeps proxies from closing a quiet stream.
    static let keepAliveInterval: Duration = .seconds(15)

    /// `/executions/NAME/events?after=ID`: server-sent events ("text/event-stream", HTML's
    /// EventSource) while the execution runs: `history` whenever events past `after` are
    /// stored, then `end` once it has ended. The stream ends with the execution, or when the
    /// browser goes away (the write fails).
    func executionEvents(_ reference: String, after: Int) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        let stepFunctions = workspace.stepFunctions
        let body = ResponseBody { writer in
            var seen = after
            var quiet: Duration = .zero
            while !Task.isCancelled {
                let described: ExecutionDescription
                let last: Int
                do throws(ExecutionLookupError) {
                    described = try stepFunctions.describeExecution(named: reference)
                    last = try stepFunctions.history(ofExecutionNamed: described.executionArn).map(\.id).max() ?? 0
                } catch {
                    try await writer.write(ByteBuffer(string: Self.event("end", data: #"{"error":"no such execution"}"#)))
                    break
                }
                if last > seen {
                    seen = last
                    quiet = .zero
                    try await writer.write(ByteBuffer(string: Self.event("history", data: #"{"lastEventId":\#(last),"status":"\#(described.status.rawValue)"}"#, id: last)))
                }
                if described.status != .running {
                    try await writer.write(ByteBuffer(string: Self.event("end", data: #"{"status":"\#(described.status.rawValue)"}"#)))
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

    /// One server-sent event: its type, an optional id, one data line (the data is JSON, which
    /// holds no line break).
    static func event(_ type: String, data: String, id: Int? = nil) -> String {
        var text = "event: \(type)\n"
        if let id { text += "id: \(id)\n" }
        return text + "data: \(data)\n\n"
    }
}
