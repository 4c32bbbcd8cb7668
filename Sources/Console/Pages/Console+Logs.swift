import Clocks
import Foundation
import Hummingbird
import Workspace

extension Console {
    /// `/logs`: every log group.
    func logGroups(session: ConsoleSessions.Session) -> Response {
        let groups = (try? workspace.logs.logGroups()) ?? []
        let values = groups.map { group -> [String: Any] in
            ["name": group.name, "segment": pathSegment(group.name), "retention": group.retentionInDays.map { "\($0) days" } ?? "Never expire",
             "storedBytes": group.storedBytes, "created": timeValue(group.creationTime)]
        }
        return page(.ok, "logGroups", ["title": "Log groups", "groups": values, "hasGroups": !values.isEmpty], session: session)
    }

    /// The most events a group's page shows.
    static let eventLimit = 1000

    /// `/logs/GROUP`: its streams, newest event first, and its events (of one stream with
    /// `?stream=`), filtered by a CloudWatch filter pattern and a time range in UTC; a live tail
    /// of its new events that match the pattern (console.js, `/live-tail/GROUP`).
    func logGroup(_ group: String, query: [String: String], session: ConsoleSessions.Session) -> Response {
        let logs = workspace.logs
        let streams: [LogStream]
        do throws(ServiceError) { streams = try logs.logStreams(group: group, orderByLastEvent: true) } catch {
            return missing(error.message, session: session)
        }
        let stream = query["stream"].flatMap { $0.isEmpty ? nil : $0 }
        let filterText = query["filter"] ?? ""
        // Read before the events shown, so that the live tail misses none written after them.
        let lastEventId = (try? logs.lastEventId()) ?? 0
        var tailQuery = "?after=\(lastEventId)"
        if !filterText.isEmpty { tailQuery += "&filter=" + pathSegment(filterText) }
        if let stream { tailQuery += "&stream=" + pathSegment(stream) }
        var values: [String: Any] = [
            "title": group, "group": group, "segment": pathSegment(group), "filter": filterText,
            "start": query["start"] ?? "", "end": query["end"] ?? "", "hasStream": stream != nil, "stream": stream ?? "",
            "allStreamsLink": stream != nil, "showGroup": false, "filtered": !filterText.isEmpty,
            "tailSource": "/live-tail/\(pathSegment(group))\(tailQuery)",
            "streams": streams.reversed().map { item -> [String: Any] in
                ["name": item.name, "streamQuery": pathSegment(item.name), "current": item.name == stream, "last": timeValue(item.lastEventTimestamp)]
            },
        ]
        var problems: [String] = []
        var filter: LogEventFilter?
        if !filterText.isEmpty {
            do throws(ServiceError) { filter = try LogEventFilter(filterText) } catch { problems.append("Filter pattern: \(error.message)") }
        }
        let start = Self.utcDate(query["start"], field: "From", problems: &problems)
        let end = Self.utcDate(query["end"], field: "To", problems: &problems)
        var events: [LogEvent] = []
        if problems.isEmpty {
            do throws(ServiceError) {
                events = try logs.events(group: group, streams: stream.map { [$0] }, start: start, end: end, filter: filter)
            } catch { problems.append(error.message) }
        }
        let shown = events.suffix(Self.eventLimit)
        values["events"] = shown.map(Self.eventValues)
        values["hasEvents"] = !shown.isEmpty
        values["hasFilterError"] = !problems.isEmpty
        values["filterError"] = problems.joined(separator: " ")
        return page(problems.isEmpty ? .ok : .badRequest, "logGroup", values, session: session)
    }

    /// A `datetime-local` field's value (`2026-12-06T04:30` or with seconds), read as UTC; nil
    /// when empty, and a problem naming the field when it is not such a time.
    static func utcDate(_ text: String?, field: String, problems: inout [String]) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        problems.append("\(field): \(text) is not a time like 2026-12-06T04:30:00.")
        return nil
    }
}
