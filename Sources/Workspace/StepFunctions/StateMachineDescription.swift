import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage

/// A state machine the workspace knows: a file of `machines/` (named after the file) or one
/// created through the API (kept in the store). What DescribeStateMachine describes.
public struct StateMachineDescription: Sendable {
    public var stateMachineArn: String
    public var name: String
    /// The definition's text, as it was written.
    public var definition: String
    public var roleArn: String
    /// `STANDARD` or `EXPRESS`.
    public var type: String
    /// Epoch milliseconds: a file's modification date, or when the API created it.
    public var creationDate: Int64
    /// The file that defines it; nil for a machine created through the API.
    public var file: URL?

    /// DescribeStateMachine's answer (the API reference's response shape; host sets no
    /// logging, tracing or encryption configuration, so those are left out).
    public var json: JSONValue {
        [
            "stateMachineArn": .string(stateMachineArn),
            "name": .string(name),
            "status": "ACTIVE",
            "definition": .string(definition),
            "roleArn": .string(roleArn),
            "type": .string(type),
            "creationDate": ExecutionDescription.epochSeconds(creationDate),
        ]
    }

    /// One item of ListStateMachines' `stateMachines`.
    public var listItem: JSONValue {
        [
            "stateMachineArn": .string(stateMachineArn),
            "name": .string(name),
            "type": .string(type),
            "creationDate": ExecutionDescription.epochSeconds(creationDate),
        ]
    }
}

/// A definition ready to run: parsed and validated, with the text the execution stores.
public struct RunnableMachine: Sendable {
    public var name: String
    public var definition: StateMachine
    public var text: String
    /// The role executions run under (their `roleArn`).
    public var roleArn: String?
    /// STANDARD or EXPRESS; a file of `machines/` is STANDARD.
    public var type = "STANDARD"
    /// The file it came from, and when that was changed; nil for a machine created through
    /// the API.
    public var file: URL?
    public var updated: Date?

    public init(_ file: MachineFile) {
        name = file.name
        definition = file.definition
        text = file.text
        self.file = file.url
        updated = file.modified
    }

    init(name: String, definition: StateMachine, text: String, roleArn: String, type: String, updated: Date) {
        self.name = name
        self.definition = definition
        self.text = text
        self.roleArn = roleArn
        self.type = type
        self.updated = updated
    }
}
