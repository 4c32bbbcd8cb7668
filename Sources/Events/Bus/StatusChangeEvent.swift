import Clocks
import Engine
import Foundation
import JSONValue
import Store

/// "Step Functions Execution Status Change": the event every status change of an execution
/// emits (docs/status-events.md).
public enum StatusChangeEvent {
    public static let detailType = "Step Functions Execution Status Change"
    public static let source = "aws.states"

    /// The event for `status`. Dates are epoch milliseconds; `output` is a JSON string only
    /// on success; `stopDate`, `error` and `cause` are null while running; a payload too large
    /// for the event is null, its details `{"included": false}`.
    public static func make(id: String, identity: ExecutionIdentity, status: ExecutionStatus, time: Date,
                            startDate: Date, stopDate: Date?, input: JSONValue, output: JSONValue?,
                            error: String?, cause: String?) -> JSONValue {
        let text = record(id: id, identity: identity, status: status, time: time, startDate: startDate, stopDate: stopDate,
                          input: input, output: output, error: error, cause: cause).body
        // The text is written by CompactJSONText, which writes only JSON.
        return (try? JSONValue.parse(text)) ?? .null
    }

    /// The event for `status` as the bus stores it, its body written as text directly: every
    /// execution emits two, and the bus parses a body again only when a rule is there to match it.
    public static func record(id: String, identity: ExecutionIdentity, status: ExecutionStatus, time: Date,
                              startDate: Date, stopDate: Date?, input: JSONValue, output: JSONValue?,
                              error: String?, cause: String?) -> EventRecord {
        var body = CompactJSONText()
        body.beginObject()
        body.member("version", "0")
        body.member("id", string: id)
        body.member("detail-type", string: detailType)
        body.member("source", string: source)
        body.member("account", string: identity.account)
        body.member("time", string: time.iso8601Seconds)
        body.member("region", string: identity.region)
        body.member("resources", [.string(identity.executionArn)])
        body.beginObject("detail")
        body.member("executionArn", string: identity.executionArn)
        body.member("stateMachineArn", string: identity.stateMachineArn)
        body.member("name", string: identity.executionName)
        body.member("status", string: status.rawValue)
        body.member("startDate", .int(startDate.epochMilliseconds))
        body.member("stopDate", stopDate.map { .int($0.epochMilliseconds) } ?? .null)
        let inputText = input.compactString()
        let outputText = output?.compactString()
        let carried = inclusion(input: inputText, output: outputText)
        body.member("input", string: carried.input ? inputText : nil)
        body.member("inputDetails", carried.input ? included : leftOut)
        body.member("output", string: carried.output ? outputText : nil)
        body.member("outputDetails", outputText == nil ? .null : carried.output ? included : leftOut)
        body.member("error", string: error)
        body.member("cause", string: cause)
        body.endObject()
        body.endObject()
        return EventRecord(id: id, time: time.epochMilliseconds, detailType: detailType, source: source, status: status.rawValue,
                           resource: identity.executionArn, body: body.text)
    }

    /// `inputDetails` and `outputDetails` of a payload the event carries, and of one left out.
    private static let included: JSONValue = ["included": true]
    private static let leftOut: JSONValue = ["included": false]

    /// "248 KB" (253,952 bytes): how large the escaped payloads may be (docs/status-events.md).
    private static let payloadLimit = 248 * 1024

    /// Which payloads the event carries: the input is left out when the escaped input and
    /// output together exceed `payloadLimit`, the output when the escaped output alone does
    /// (docs/status-events.md, "Large inputs and outputs").
    private static func inclusion(input: String, output: String?) -> (input: Bool, output: Bool) {
        // Escaping at most doubles compact JSON text, which holds no control character (each
        // `"` and `\` gains a backslash): payloads this small are carried without counting.
        let size = input.utf8.count + (output?.utf8.count ?? 0)
        if size <= payloadLimit / 2 { return (true, true) }
        let outputSize = output.map(escapedSize) ?? 0
        return (escapedSize(input) + outputSize <= payloadLimit, outputSize <= payloadLimit)
    }

    /// The UTF-8 bytes `text` takes as the content of a JSON string, as `CompactJSONText`
    /// writes it (without the quotes around it).
    private static func escapedSize(_ text: String) -> Int {
        var size = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x0C, UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): size += 2
            case ..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }
}
