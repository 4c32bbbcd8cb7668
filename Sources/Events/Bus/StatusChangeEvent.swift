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
    /// on success; `stopDate`, `error` and `cause` are null while running.
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
        body.member("input", string: input.compactString())
        body.member("inputDetails", ["included": true])
        body.member("output", string: output?.compactString())
        body.member("outputDetails", output == nil ? .null : ["included": true])
        body.member("error", string: error)
        body.member("cause", string: cause)
        body.endObject()
        body.endObject()
        return EventRecord(id: id, time: time.epochMilliseconds, detailType: detailType, source: source, status: status.rawValue,
                           resource: identity.executionArn, body: body.text)
    }
}
