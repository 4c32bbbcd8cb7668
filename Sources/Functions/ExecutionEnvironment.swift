import Foundation
import Identifiers
import JSONValue
import LuaSandbox

/// A warm interpreter of one function, with the log stream it opened at its cold start.
final class ExecutionEnvironment: @unchecked Sendable {
    let sandbox: LuaSandbox
    let logStream: String
    /// The context object's members, which stay the same for every invocation this
    /// environment serves, with `aws_request_id` first and empty: each invocation copies it
    /// and sets its own request id, rather than building the object and the ARN again.
    let contextTemplate: JSONObject

    init(sandbox: LuaSandbox, logStream: String, contextTemplate: JSONObject) {
        self.sandbox = sandbox
        self.logStream = logStream
        self.contextTemplate = contextTemplate
    }

    /// `YYYY/MM/DD/[$LATEST]<32 lowercase hex>`, the stream name Lambda gives a new environment.
    static func streamName(at date: Date) -> String {
        let day = date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.omitted))
        let (y, m, d) = (day.prefix(4), day.dropFirst(4).prefix(2), day.suffix(2))
        return "\(y)/\(m)/\(d)/[$LATEST]\(RandomIdentifier.lowercaseHex(RandomIdentifier.uuid(), dashes: false))"
    }
}
