import Foundation
import JSONValue
import LuaSandbox

/// A warm interpreter of one function, with the log stream it opened at its cold start.
final class ExecutionEnvironment: @unchecked Sendable {
    let sandbox: LuaSandbox
    let logStream: String

    init(sandbox: LuaSandbox, logStream: String) {
        self.sandbox = sandbox
        self.logStream = logStream
    }

    /// `YYYY/MM/DD/[$LATEST]<32 lowercase hex>`, the stream name Lambda gives a new environment.
    static func streamName(at date: Date) -> String {
        let day = date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.omitted))
        let (y, m, d) = (day.prefix(4), day.dropFirst(4).prefix(2), day.suffix(2))
        let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return "\(y)/\(m)/\(d)/[$LATEST]\(hex)"
    }
}
