import Engine
import Foundation
import Identifiers
import JSONValue
import StatesLanguage
import Store

/// What StartSyncExecution answers (docs/history.md, "Express executions").
public struct SyncExecutionResult: Sendable {
    public var identity: ExecutionIdentity
    public var input: JSONValue
    public var result: ExecutionResult

    public var json: JSONValue {
        var object: JSONObject = [
            "executionArn": .string(identity.executionArn), "stateMachineArn": .string(identity.stateMachineArn),
            "name": .string(identity.executionName), "status": .string(result.status.rawValue),
            "startDate": ExecutionDescription.epochSeconds(result.startDate.epochMilliseconds),
            "stopDate": ExecutionDescription.epochSeconds(result.stopDate.epochMilliseconds),
            "input": .string(input.compactString()), "inputDetails": ["included": true],
            "billingDetails": [
                "billedMemoryUsedInMB": 64,
                "billedDurationInMilliseconds": .int(Self.billedMilliseconds(from: result.startDate, to: result.stopDate)),
            ],
        ]
        if let output = result.output {
            object["output"] = .string(output.compactString())
            object["outputDetails"] = ["included": true]
        }
        if let error = result.error { object["error"] = .string(error) }
        if let cause = result.cause { object["cause"] = .string(cause) }
        return .object(object)
    }

    /// The duration rounded up to the next 100 ms, at least 100.
    static func billedMilliseconds(from start: Date, to stop: Date) -> Int64 {
        let elapsed = max(1, stop.epochMilliseconds - start.epochMilliseconds)
        return (elapsed + 99) / 100 * 100
    }
}

extension StepFunctions {
    /// "Express Workflows can run for up to five minutes" (Developer Guide, "Choosing workflow
    /// type"): past that an Express execution times out.
    static let expressLimitSeconds = 300

    /// StartSyncExecution: runs an execution of an EXPRESS machine to its end and answers it.
    /// Like Express executions on AWS, it keeps no history the API can read.
    public func startSyncExecution(stateMachineArn: String, name: String? = nil, input: String? = nil) async throws(ServiceError) -> SyncExecutionResult {
        let (execution, payload) = try expressExecution(stateMachineArn: stateMachineArn, name: name, input: input)
        let result = await execution.run()
        return SyncExecutionResult(identity: execution.identity, input: payload, result: result)
    }

    /// StartExecution of an EXPRESS machine: runs in the background, kept nowhere.
    func startExpressExecution(stateMachineArn: String, name: String?, input: String?) throws(ServiceError) -> StartedExecution {
        let (execution, _) = try expressExecution(stateMachineArn: stateMachineArn, name: name, input: input)
        Task { _ = await execution.run() }
        return StartedExecution(executionArn: execution.identity.executionArn, startDate: execution.startTime.epochMilliseconds)
    }

    private func expressExecution(stateMachineArn: String, name: String?, input: String?) throws(ServiceError) -> (Execution, JSONValue) {
        let machine = try runnableMachine(arn: stateMachineArn)
        guard machine.type == "EXPRESS" else { throw Self.typeNotSupported }
        let parsed = try StatesArn(stateMachineArn, kind: .stateMachine)
        let name = name ?? RandomIdentifier.lowercased()
        try ResourceName.check(name)
        let payload = try Self.executionInput(input ?? "{}")
        var definition = machine.definition
        definition.timeoutSeconds = min(definition.timeoutSeconds ?? Self.expressLimitSeconds, Self.expressLimitSeconds)
        let identity = ExecutionIdentity(machineName: machine.name, executionName: name, region: parsed.region, account: parsed.account,
                                         roleArn: machine.roleArn, expressId: RandomIdentifier.lowercased())
        let invoker = try storeCall { () throws(StoreError) in try workspace.taskInvoker() }
        let integrations = try storeCall { () throws(StoreError) in try workspace.serviceIntegrations() }
        return (Execution(machine: definition, identity: identity, input: payload, clock: workspace.clock, invoker: invoker,
                          integrations: integrations), payload)
    }

    static var typeNotSupported: ServiceError {
        ServiceError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
    }

    /// What an EXPRESS machine may not use, as CreateStateMachine refuses it (docs/history.md,
    /// "Express executions"): `.waitForTaskToken` and `.sync` tasks, at any depth. (AWS's two
    /// messages differ in their spacing before "at"; both are kept as recorded.)
    static func checkExpress(_ machine: StateMachine, at path: String = "") throws(ServiceError) {
        for state in machine.states {
            let place = "\(path)/States/\(state.name)"
            switch state.kind {
            case .task(let task):
                let refused = "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support"
                if task.resource.hasSuffix(".waitForTaskToken") {
                    throw ServiceError(.invalidDefinition, "\(refused) '.waitForTaskToken' service integration  at \(place)/Resource'")
                }
                if task.resource.hasSuffix(".sync") || task.resource.contains(".sync:") {
                    throw ServiceError(.invalidDefinition, "\(refused) '.sync' service integration at \(place)/Resource'")
                }
            case .parallel(let parallel):
                for (index, branch) in parallel.branches.enumerated() { try checkExpress(branch, at: "\(place)/Branches/\(index)") }
            case .map(let map):
                try checkExpress(map.itemProcessor, at: "\(place)/\(map.usesIterator ? "Iterator" : "ItemProcessor")")
            default:
                break
            }
        }
    }
}
