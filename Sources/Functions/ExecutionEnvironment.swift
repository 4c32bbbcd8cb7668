import Foundation
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
        return "\(y)/\(m)/\(d)/[$LATEST]\(lowercaseHex(UUID(), dashes: false))"
    }
}

/// A UUID's 16 bytes as lowercase hexadecimal, in the 8-4-4-4-12 groups of its usual text when
/// `dashes` (a Lambda request id), else as 32 digits (a log stream's suffix). Written out
/// directly: Foundation's `uuidString` formats each byte with `snprintf`, and lowercasing
/// its result made a second string, which together cost a tenth of a warm invocation.
func lowercaseHex(_ uuid: UUID, dashes: Bool = true) -> String {
    let u = uuid.uuid
    let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
    func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
    var text: [UInt8] = []
    text.reserveCapacity(dashes ? 36 : 32)
    for (index, byte) in bytes.enumerated() {
        if dashes, index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
        text.append(digit(byte >> 4))
        text.append(digit(byte & 15))
    }
    return String(decoding: text, as: UTF8.self)
}
