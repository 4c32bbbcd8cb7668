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
    withUnsafeBytes(of: uuid.uuid) { bytes in
        String(unsafeUninitializedCapacity: dashes ? 36 : 32) { out in
            func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
            var at = 0
            for (index, byte) in bytes.enumerated() {
                if dashes, index == 4 || index == 6 || index == 8 || index == 10 {
                    out[at] = UInt8(ascii: "-")
                    at += 1
                }
                out[at] = digit(byte >> 4)
                out[at + 1] = digit(byte & 15)
                at += 2
            }
            return at
        }
    }
}
