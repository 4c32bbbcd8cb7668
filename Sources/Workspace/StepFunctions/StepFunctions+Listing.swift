import Clocks
import Engine
import Foundation
import JSONValue
import Store

/// An execution as `host executions list` lists it: ListExecutions' item, and whether it is
/// orphaned.
public struct ListedExecution: Sendable, Equatable {
    public var summary: ExecutionSummary
    /// RUNNING with no live process running it (`Workspace.isOrphaned`): nothing runs it until
    /// it is resumed.
    public var isOrphaned: Bool

    /// ListExecutions' item, with `"orphaned": true` (host's mark, not AWS's) for an orphan.
    public var json: JSONValue {
        guard isOrphaned, case .object(var item) = summary.json else { return summary.json }
        item["orphaned"] = true
        return .object(item)
    }
}

/// A definition of `machines/` as `host machines list` lists it.
public struct MachineFileSummary: Sendable, Equatable {
    /// The file's name without `.json`.
    public var name: String
    public var stateMachineArn: String
    /// When the file was made, or last changed where the file system keeps no creation date;
    /// epoch milliseconds.
    public var creationDate: Int64
    /// Whether `host run` can run it: valid, and using nothing host does not run yet.
    public var isRunnable: Bool

    /// One item of ListStateMachines' `stateMachines`.
    public var listItem: JSONValue {
        [
            "stateMachineArn": .string(stateMachineArn), "name": .string(name), "type": "STANDARD",
            "creationDate": ExecutionDescription.epochSeconds(creationDate),
        ]
    }
}

extension StepFunctions {
    /// The stored executions of every machine, or of the machine named `machineName`, newest
    /// first: with `status` only those, at most `maxItems` of them. A read creates nothing:
    /// where nothing ran, there are none.
    public func storedExecutions(machineName: String? = nil, status: ExecutionStatus? = nil,
                                 maxItems: Int? = nil) throws(ServiceError) -> [ListedExecution] {
        guard workspace.hasDatabase else { return [] }
        let records = try storeCall { () throws(StoreError) in
            try workspace.stores().executions.executions(machineName: machineName, status: status?.rawValue, limit: maxItems)
        }
        return records.map { ListedExecution(summary: ExecutionSummary($0), isOrphaned: workspace.isOrphaned($0)) }
    }

    /// Every definition of `machines/`, by name, whether or not it is valid.
    public func machineFiles() -> [MachineFileSummary] {
        workspace.machineFiles().map { url in
            let name = url.deletingPathExtension().lastPathComponent
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let created = attributes?[.creationDate] as? Date ?? attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
            let runnable = (try? Workspace.loadMachine(at: url, displayPath: url.path)) != nil
            return MachineFileSummary(name: name, stateMachineArn: ExecutionIdentity(machineName: name, executionName: "-").stateMachineArn,
                                      creationDate: created.epochMilliseconds, isRunnable: runnable)
        }
    }
}
