import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Store

/// Step Functions in AWS's terms, over a workspace: its state machines (the files of
/// `machines/`, named after the files, and those created through the API, kept in the store),
/// their executions, and the executions running in this process. Both front ends call it: the
/// CLI's commands and the server's routes.
public final class StepFunctions: Sendable {
    let workspace: Workspace
    /// The executions running in this process, by ARN.
    let running = ExecutionRegistry()
    /// The executions this process ran whose end it stored.
    let ended = EndedExecutions()
    /// The definitions StartExecution has read.
    let machines = MachineCache()

    init(workspace: Workspace) { self.workspace = workspace }

    var region: String { "us-east-1" }
    var account: String { "123456789012" }

    func machineArn(_ name: String) -> String { "arn:aws:states:\(region):\(account):stateMachine:\(name)" }

    // MARK: - State machines

    /// Every state machine, by name: the valid files of `machines/` and those created through
    /// the API.
    public func stateMachines() throws(ServiceError) -> [StateMachineDescription] {
        var machines: [String: StateMachineDescription] = [:]
        for url in workspace.machineFiles() {
            if let described = try? describe(file: url) { machines[described.name] = described }
        }
        for record in try storedMachines() where machines[record.name] == nil {
            machines[record.name] = describe(record)
        }
        return machines.values.sorted { $0.name < $1.name }
    }

    /// ListStateMachines: "maxResults ... 0 ... default ... 100"; at most 1000.
    public func listStateMachines(maxResults: Int? = nil, nextToken: String? = nil) throws(ServiceError) -> Page<StateMachineDescription> {
        try Page.of(try stateMachines(), maxResults: maxResults, nextToken: nextToken, defaultSize: 100)
    }

    public func describeStateMachine(arn: String) throws(ServiceError) -> StateMachineDescription {
        let parsed = try StatesArn(arn, kind: .stateMachine)
        if let described = try? describe(file: workspace.machinesDirectory.appendingPathComponent("\(parsed.machineName).json")),
           described.stateMachineArn == arn {
            return described
        }
        guard let record = try storedMachine(arn: arn) else { throw Self.noMachine(arn) }
        return describe(record)
    }

    /// The definition StartExecution runs: a file's as it is now, or the one the API stored.
    /// One that host cannot run yet is refused with each place it cannot run.
    func runnableMachine(arn: String) throws(ServiceError) -> RunnableMachine {
        try runnableMachine(arn: arn, parsed: try StatesArn(arn, kind: .stateMachine))
    }

    /// `runnableMachine(arn:)` of an ARN parsed already.
    func runnableMachine(arn: String, parsed: StatesArn) throws(ServiceError) -> RunnableMachine {
        // `arn == machineArn(parsed.machineName)`, without making that ARN.
        if parsed.partition == "aws", parsed.region == region, parsed.account == account {
            do {
                if let machine = try machines.file(named: parsed.machineName, in: workspace.machinesDirectory) { return RunnableMachine(machine) }
            } catch {
                throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: '\(error.description)'")
            }
        }
        guard let record = try storedMachine(arn: arn) else { throw Self.noMachine(arn) }
        switch machines.parse(record.definition) {
        case .success(let definition) where definition.unsupported.isEmpty:
            return RunnableMachine(name: record.name, definition: definition, text: record.definition, roleArn: record.roleArn,
                                   type: record.type, updated: Date(epochMilliseconds: record.updateDate ?? record.creationDate))
        case .success(let definition):
            throw ServiceError(.validation, Self.diagnosticsText(definition.unsupported))
        case .failure(let errors):
            throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: '\(Self.diagnosticsText(errors.diagnostics))'")
        }
    }

    /// CreateStateMachine. "CreateStateMachine is an idempotent API": the same name, definition,
    /// role and type give the existing machine; another definition under that name is
    /// StateMachineAlreadyExists. A file of `machines/` holds its name too.
    public func createStateMachine(name: String, definition: String, roleArn: String, type: String = "STANDARD",
                                   tags: [String: String] = [:]) throws(ServiceError) -> StateMachineDescription {
        try ResourceName.check(name)
        try Self.checkType(type)
        let arn = machineArn(name)
        if let existing = try? describeStateMachine(arn: arn) {
            if existing.file == nil, existing.definition == definition, existing.roleArn == roleArn, existing.type == type {
                return existing
            }
            throw ServiceError(.stateMachineAlreadyExists, "State Machine Already Exists: '\(arn)'")
        }
        try Self.validate(definition, type: type)
        let record = StateMachineRecord(stateMachineArn: arn, name: name, definition: definition, roleArn: roleArn, type: type,
                                        creationDate: workspace.now().epochMilliseconds, tags: Self.tagsText(tags))
        guard try storeCall({ () throws(StoreError) in try workspace.stores().machines.insert(record) }) else {
            throw ServiceError(.stateMachineAlreadyExists, "State Machine Already Exists: '\(arn)'")
        }
        return describe(record)
    }

    /// UpdateStateMachine of a machine created through the API; a file's machine is changed by
    /// changing its file.
    public func updateStateMachine(arn: String, definition: String?, roleArn: String?) throws(ServiceError) -> Int64 {
        guard var record = try storedMachine(arn: arn) else {
            if let described = try? describeStateMachine(arn: arn), let file = described.file {
                throw ServiceError(.validation, "The state machine '\(described.name)' is defined by \(file.path); change the file to change it")
            }
            throw Self.noMachine(arn)
        }
        if let definition {
            try Self.validate(definition, type: record.type)
            record.definition = definition
        }
        if let roleArn { record.roleArn = roleArn }
        let now = workspace.now().epochMilliseconds
        record.updateDate = now
        guard try storeCall({ () throws(StoreError) in try workspace.stores().machines.update(record) }) else { throw Self.noMachine(arn) }
        return now
    }

    /// DeleteStateMachine of a machine created through the API.
    public func deleteStateMachine(arn: String) throws(ServiceError) {
        _ = try StatesArn(arn, kind: .stateMachine)
        if try storeCall({ () throws(StoreError) in try workspace.stores().machines.deleteStateMachine(arn: arn) }) { return }
        if let described = try? describeStateMachine(arn: arn), let file = described.file {
            throw ServiceError(.validation, "The state machine '\(described.name)' is defined by \(file.path); delete the file to delete it")
        }
        throw Self.noMachine(arn)
    }

    // MARK: - Tags

    public func tags(of arn: String) throws(ServiceError) -> [String: String] {
        _ = try describeStateMachine(arn: arn)
        guard let record = try storedMachine(arn: arn) else { return [:] }
        return Self.tags(record.tags)
    }

    /// TagResource: tags of a machine created through the API (a file's machine has none).
    public func tagResource(arn: String, tags: [String: String]) throws(ServiceError) {
        try changeTags(arn) { $0.merge(tags) { $1 } }
    }

    public func untagResource(arn: String, keys: [String]) throws(ServiceError) {
        try changeTags(arn) { tags in for key in keys { tags[key] = nil } }
    }

    private func changeTags(_ arn: String, _ change: (inout [String: String]) -> Void) throws(ServiceError) {
        _ = try describeStateMachine(arn: arn)
        guard var record = try storedMachine(arn: arn) else {
            throw ServiceError(.validation, "host keeps tags of state machines created through the API; '\(arn)' is defined by a file")
        }
        var tags = Self.tags(record.tags)
        change(&tags)
        guard tags.count <= 50 else { throw ServiceError(.tooManyTags, "Too many tags: a resource has at most 50") }
        record.tags = Self.tagsText(tags)
        _ = try storeCall { () throws(StoreError) in try workspace.stores().machines.update(record) }
    }

    // MARK: - Helpers

    private func describe(file url: URL) throws -> StateMachineDescription {
        let machine = try Workspace.loadMachine(at: url, displayPath: url.path, runnable: false)
        return StateMachineDescription(
            stateMachineArn: machineArn(machine.name), name: machine.name, definition: machine.text,
            roleArn: ExecutionIdentity(machineName: machine.name, executionName: "-").roleArn, type: "STANDARD",
            creationDate: (machine.modified ?? Date(timeIntervalSince1970: 0)).epochMilliseconds, file: machine.url)
    }

    private func describe(_ record: StateMachineRecord) -> StateMachineDescription {
        StateMachineDescription(stateMachineArn: record.stateMachineArn, name: record.name, definition: record.definition,
                                roleArn: record.roleArn, type: record.type, creationDate: record.creationDate, file: nil)
    }

    private func storedMachine(arn: String) throws(ServiceError) -> StateMachineRecord? {
        guard workspace.hasDatabase else { return nil }
        return try storeCall { () throws(StoreError) in try workspace.stores().machines.stateMachine(arn: arn) }
    }

    private func storedMachines() throws(ServiceError) -> [StateMachineRecord] {
        guard workspace.hasDatabase else { return [] }
        return try storeCall { () throws(StoreError) in try workspace.stores().machines.stateMachines() }
    }

    func storeCall<T>(_ body: () throws(StoreError) -> T) throws(ServiceError) -> T {
        do { return try body() } catch { throw ServiceError(.internalFailure, error.message) }
    }

    static func noMachine(_ arn: String) -> ServiceError {
        ServiceError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'")
    }

    static func checkType(_ type: String) throws(ServiceError) {
        guard type == "STANDARD" || type == "EXPRESS" else {
            throw ServiceError(.validation, "1 validation error detected: Value '\(type)' at 'type' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [STANDARD, EXPRESS]")
        }
    }

    /// InvalidDefinition for a definition AWS would refuse, every problem with its place.
    static func validate(_ definition: String, type: String) throws(ServiceError) {
        switch StateMachine.parse(definition) {
        case .failure(let errors):
            throw ServiceError(.invalidDefinition, "Invalid State Machine Definition: '\(diagnosticsText(errors.diagnostics))'")
        case .success(let machine):
            if type == "EXPRESS" { try Self.checkExpress(machine) }
        }
    }

    static func diagnosticsText(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(\.description).joined(separator: "; ")
    }

    static func tags(_ text: String) -> [String: String] {
        var tags: [String: String] = [:]
        for (key, value) in (try? JSONValue.parse(text))?.objectValue ?? [:] { tags[key] = value.stringValue }
        return tags
    }

    static func tagsText(_ tags: [String: String]) -> String {
        JSONValue.object(JSONObject(uniqueKeysWithValues: tags.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            .compactString()
    }
}
