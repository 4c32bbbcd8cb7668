import Workspace

/// One invocation as its REPORT line tells it (docs/lambda.md, "START, END and REPORT lines"):
/// `REPORT RequestId: ID\tDuration: 2.31 ms\tBilled Duration: 3 ms\tMemory Size: 256 MB\t`
/// `Max Memory Used: 41 MB\t`, then `Init Duration: ...` on a cold start and `Status: ...` after
/// a timeout or running out of memory.
struct InvocationReport: Equatable {
    var requestId: String
    var duration: String
    var billedDuration: String
    var memorySize: String
    var maxMemoryUsed: String
    var initDuration: String?
    /// The REPORT line's `Status` (`timeout`, `error`), with its `Error Type` when it has one.
    var status: String?
    /// Epoch milliseconds of the line.
    var timestamp: Int64 = 0

    /// The report of a REPORT line; nil for any other line.
    init?(line: String, timestamp: Int64 = 0) {
        guard line.hasPrefix("REPORT RequestId: ") else { return nil }
        var fields: [String: String] = [:]
        for field in line.split(separator: "\t") {
            guard let colon = field.range(of: ": ") else { continue }
            fields[String(field[..<colon.lowerBound])] = String(field[colon.upperBound...])
        }
        guard let requestId = fields["REPORT RequestId"], let duration = fields["Duration"] else { return nil }
        self.requestId = requestId
        self.duration = duration
        billedDuration = fields["Billed Duration"] ?? ""
        memorySize = fields["Memory Size"] ?? ""
        maxMemoryUsed = fields["Max Memory Used"] ?? ""
        initDuration = fields["Init Duration"]
        status = fields["Status"].map { status in fields["Error Type"].map { "\(status) (\($0))" } ?? status }
        self.timestamp = timestamp
    }

    /// The most recent invocations of a function's log group, newest first, at most `limit`.
    /// A REPORT line without a status is an invocation that failed when its lines hold the
    /// runtime's record of an unhandled error (`[ERROR] Type: message`, docs/lambda.md, "Lines
    /// the function writes"), else one that succeeded: the REPORT line says nothing of either.
    static func recent(in events: [LogEvent], limit: Int) -> [(report: InvocationReport, failed: Bool)] {
        var failedRequests: Set<String> = []
        // An environment serves one invocation at a time: a stream's lines after a START line
        // are that invocation's until its REPORT line.
        var current: [String: String] = [:]
        var reports: [InvocationReport] = []
        for event in events {
            if event.message.hasPrefix("START RequestId: ") {
                current[event.streamName] = event.message.dropFirst(17).split(separator: " ").first.map(String.init)
            } else if event.message.hasPrefix("[ERROR] "), let request = current[event.streamName] {
                failedRequests.insert(request)
            } else if let report = InvocationReport(line: event.message, timestamp: event.timestamp) {
                reports.append(report)
                current[event.streamName] = nil
            }
        }
        return reports.suffix(limit).reversed().map { ($0, $0.status != nil || failedRequests.contains($0.requestId)) }
    }

    /// The values a template shows.
    func values(failed: Bool) -> [String: Any] {
        [
            "requestId": requestId, "duration": duration, "billedDuration": billedDuration, "memorySize": memorySize,
            "maxMemoryUsed": maxMemoryUsed, "hasInitDuration": initDuration != nil, "initDuration": initDuration ?? "",
            "status": status.map { "Failed: \($0)" } ?? (failed ? "Failed" : "Succeeded"), "failed": failed,
            "time": timeValue(timestamp),
        ]
    }
}
