import Engine
import Foundation
import JSONValue
import Store

/// The definition an execution ran, as DescribeStateMachineForExecution returns it
/// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html):
/// its required members `stateMachineArn`, `name`, `definition`, `roleArn` and `updateDate`.
/// `host` sets no logging or tracing configuration, so those optional members are left out.
/// For a Distributed Map's child it adds `label` and `mapRunArn`, as AWS returns them "only if
/// the executionArn is a child workflow execution that was started by a Distributed Map state".
public struct StateMachineForExecution: Sendable, Equatable {
    public var stateMachineArn: String
    public var name: String
    /// The definition's text, exactly as the execution read it.
    public var definition: String
    public var roleArn: String
    /// When the definition's file was last changed, epoch milliseconds.
    public var updateDate: Int64
    /// The file the definition came from (not part of AWS's answer); nil for a machine
    /// created through the API.
    public var file: URL?
    /// For a Distributed Map's child: its Map's `Label` (or the generated one), and its Map Run.
    public var label: String?
    public var mapRunArn: String?

    /// What a stored execution ran; nil for one stored before definitions were kept.
    init?(_ record: ExecutionRecord) {
        guard let definition = record.definition else { return nil }
        // arn:aws:states:<region>:<account>:stateMachine:<name>
        let parts = record.stateMachineArn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let account = parts.count > 4 ? parts[4] : "123456789012"
        stateMachineArn = record.stateMachineArn
        name = record.machineName
        self.definition = definition
        // A Distributed Map's child runs under its parent's role: its machine is `MACHINE/LABEL`
        // (docs/distributed-map.md).
        let machine = String(record.machineName.prefix { $0 != "/" })
        roleArn = ExecutionIdentity(machineName: machine, executionName: record.name, account: account).roleArn
        updateDate = record.definitionDate ?? record.startDate
        file = record.definitionFile.map(URL.init(fileURLWithPath:))
        if let mapRunArn = record.mapRunArn {
            self.mapRunArn = mapRunArn
            label = record.machineName.split(separator: "/").last.map(String.init)
        }
    }

    /// DescribeStateMachineForExecution's answer, in the order of its response shape.
    public var json: JSONValue {
        var object: JSONObject = [
            "stateMachineArn": .string(stateMachineArn),
            "name": .string(name),
            "definition": .string(definition),
            "roleArn": .string(roleArn),
            "updateDate": ExecutionDescription.epochSeconds(updateDate),
        ]
        if let mapRunArn { object["mapRunArn"] = .string(mapRunArn) }
        if let label { object["label"] = .string(label) }
        return .object(object)
    }
}
