import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Store
import Synchronization

/// A state machine definition from `machines/`, parsed and validated.
public struct MachineFile: Sendable {
    /// The machine's name: the file's name without `.json`.
    public var name: String
    public var url: URL
    public var definition: StateMachine
}

/// Why a definition cannot run: its file, and every problem in it.
public struct MachineFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var diagnostics: [Diagnostic]
    public var reason: String?

    public var description: String {
        if let reason { return "\(file): \(reason)" }
        return diagnostics.map { $0.formatted(file: file) }.joined(separator: "\n")
    }
}

extension Workspace {
    public var machinesDirectory: URL { root.appendingPathComponent("machines") }

    /// The definitions in `machines/`, by name.
    public func machineFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: machinesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { machinesDirectory.appendingPathComponent($0) }
    }

    /// Reads and validates a definition; `displayPath` is how diagnostics name the file.
    /// Unless `runnable` is false, a valid definition that uses what host does not run yet is
    /// refused too, with each such place (`Diagnostic.Severity.unsupported`).
    public static func loadMachine(at url: URL, displayPath: String, runnable: Bool = true) throws(MachineFileError) -> MachineFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file"
            throw MachineFileError(file: displayPath, diagnostics: [], reason: reason)
        }
        switch StateMachine.parse(String(decoding: data, as: UTF8.self)) {
        case .success(let definition):
            if runnable && !definition.unsupported.isEmpty {
                throw MachineFileError(file: displayPath, diagnostics: definition.unsupported)
            }
            return MachineFile(name: url.deletingPathExtension().lastPathComponent, url: url, definition: definition)
        case .failure(let errors):
            throw MachineFileError(file: displayPath, diagnostics: errors.diagnostics)
        }
    }

    /// Runs an execution to its end, recording it and its history in the database as it goes.
    /// Throws when an execution of that name exists already.
    public func run(_ execution: Execution) async throws(StoreError) -> ExecutionResult {
        let database = try database()
        let identity = execution.identity
        let start = Int64((execution.startTime.timeIntervalSince1970 * 1000).rounded(.down))
        var record = ExecutionRecord(
            executionArn: identity.executionArn, stateMachineArn: identity.stateMachineArn,
            machineName: identity.machineName, name: identity.executionName, status: ExecutionStatus.running.rawValue,
            startDate: start, input: execution.input.compactString())
        guard try database.insert(record) else {
            throw StoreError(message: "ExecutionAlreadyExists: Execution Already Exists: '\(identity.executionArn)'")
        }
        emitStatusChange(execution, status: .running, result: nil)
        let result = await execution.run()
        record.status = result.status.rawValue
        record.stopDate = Int64((result.stopDate.timeIntervalSince1970 * 1000).rounded(.down))
        record.output = result.output?.compactString()
        record.error = result.error
        record.cause = result.cause
        try database.finish(record, events: result.history.map { Self.record($0, of: identity.executionArn) })
        emitStatusChange(execution, status: result.status, result: result)
        return result
    }

    /// An observer that writes an execution's events to the database in batches while it
    /// runs, so that another process can follow it.
    public func historyWriter(for identity: ExecutionIdentity) throws(StoreError) -> HistoryWriter {
        HistoryWriter(database: try database(), executionArn: identity.executionArn)
    }

    static func record(_ event: HistoryEvent, of executionArn: String) -> HistoryEventRecord {
        HistoryEventRecord(
            executionArn: executionArn, id: Int64(event.id), previousEventId: Int64(event.previousEventId),
            timestamp: event.timestamp.epochMilliseconds,
            type: event.type.rawValue, details: event.details.map { JSONValue.object($0).compactString() })
    }

    /// A stored event as GetExecutionHistory returns it.
    public static func event(_ record: HistoryEventRecord) -> HistoryEvent? {
        guard let type = EventType(rawValue: record.type) else { return nil }
        let details = record.details.flatMap { try? JSONValue.parse($0) }?.objectValue
        return HistoryEvent(id: Int(record.id), previousEventId: Int(record.previousEventId),
                            timestamp: Date(timeIntervalSince1970: Double(record.timestamp) / 1000), type: type, details: details)
    }
}

/// Writes history events to the database in batches of `batchSize`; the rest are written
/// with the execution's end.
public final class HistoryWriter: ExecutionObserver {
    public static let batchSize = 100
    let database: HostDatabase
    let executionArn: String
    private let pending = Mutex<[HistoryEventRecord]>([])

    init(database: HostDatabase, executionArn: String) {
        self.database = database
        self.executionArn = executionArn
    }

    public func record(_ event: HistoryEvent) {
        let batch: [HistoryEventRecord]? = pending.withLock { pending in
            pending.append(Workspace.record(event, of: executionArn))
            guard pending.count >= Self.batchSize else { return nil }
            defer { pending = [] }
            return pending
        }
        if let batch { try? database.append(batch) }
    }
}

/// Several observers as one.
public struct ObserverGroup: ExecutionObserver {
    public var observers: [any ExecutionObserver]
    public init(_ observers: [any ExecutionObserver]) { self.observers = observers }
    public func record(_ event: HistoryEvent) { for observer in observers { observer.record(event) } }
}
