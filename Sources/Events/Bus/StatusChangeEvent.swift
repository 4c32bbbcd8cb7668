import Clocks
import Engine
import Foundation
import JSONValue

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
        let detail: JSONObject = [
            "executionArn": .string(identity.executionArn),
            "stateMachineArn": .string(identity.stateMachineArn),
            "name": .string(identity.executionName),
            "status": .string(status.rawValue),
            "startDate": .int(startDate.epochMilliseconds),
            "stopDate": stopDate.map { .int($0.epochMilliseconds) } ?? .null,
            "input": .string(input.compactString()),
            "inputDetails": ["included": true],
            "output": output.map { .string($0.compactString()) } ?? .null,
            "outputDetails": output == nil ? .null : ["included": true],
            "error": error.map { .string($0) } ?? .null,
            "cause": cause.map { .string($0) } ?? .null,
        ]
        return [
            "version": "0",
            "id": .string(id),
            "detail-type": .string(detailType),
            "source": .string(source),
            "account": .string(identity.account),
            "time": .string(time.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))),
            "region": .string(identity.region),
            "resources": [.string(identity.executionArn)],
            "detail": .object(detail),
        ]
    }

}
