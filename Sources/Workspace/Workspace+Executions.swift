import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Store

/// A state machine definition from `machines/`, parsed and validated.
public struct MachineFile: Sendable {
    /// The machine's name: the file's name without `.json`.
    public var name: String
    public var url: URL
    public var definition: StateMachine
    /// The definition's text, as the file held it when it was read.
    public var text: String
    /// When the file was last changed.
    public var modified: Date?

    public init(name: String, url: URL, definition: StateMachine, text: String, modified: Date?) {
        self.name = name
        self.url = url
        self.definition = definition
        self.text = text
        self.modified = modified
    }
}

/// Why a definition cannot run: its file, and every problem in it.
public struct MachineFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var diagnostics: [Diagnostic]
    public var reason: String?

    public init(file: String, diagnostics: [Diagnostic], reason: String? = nil) {
        self.file = file
        self.diagnostics = diagnostics
        self.reason = reason
    }

    public var description: String {
        if let reason { return "\(file): \(reason)" }
        return diagnostics.map { $0.formatted(file: file) }.joined(separator: "\n")
    }
}

/// A definition a command names, and the workspace it belongs to.
public struct MachineLocation: Sendable {
    public var workspace: Workspace
    public var file: URL
    /// How messages name the file: as the user gave it, or `machines/NAME.json`.
    public var displayPath: String
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
        let text = String(decoding: data, as: UTF8.self)
        switch StateMachine.parse(text) {
        case .success(let definition):
            if runnable && !definition.unsupported.isEmpty {
                throw MachineFileError(file: displayPath, diagnostics: definition.unsupported)
            }
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
            return MachineFile(name: url.deletingPathExtension().lastPathComponent, url: url.standardizedFileURL,
                               definition: definition, text: text, modified: modified)
        case .failure(let errors):
            throw MachineFileError(file: displayPath, diagnostics: errors.diagnostics)
        }
    }

    /// The definition `argument` names, and its workspace:
    /// - a file that exists is that file, and its workspace the nearest one above it, so that a
    ///   machine path finds its workspace from any folder (else the one above `current`);
    /// - anything else is a machine's name, `machines/NAME.json` of the workspace above `current`.
    ///
    /// `workspace` (`--workspace DIR`) is the workspace whichever it is.
    public static func locateMachine(_ argument: String, workspace: Workspace?, current: URL) throws(MachineFileError) -> MachineLocation {
        let given = URL(fileURLWithPath: argument, relativeTo: current).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: given.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            let owner = workspace ?? (try? locate(from: given.deletingLastPathComponent())) ?? (try? locate(from: current))
            guard let owner else {
                throw MachineFileError(file: argument, diagnostics: [], reason: WorkspaceError.notFound(start: current.path).description)
            }
            return MachineLocation(workspace: owner, file: given, displayPath: argument)
        }
        if argument.contains("/") { throw MachineFileError(file: argument, diagnostics: [], reason: "no such file") }
        let owner: Workspace
        if let workspace { owner = workspace } else {
            do { owner = try locate(from: current) } catch {
                throw MachineFileError(file: argument, diagnostics: [], reason: "no such file, and \(error.description)")
            }
        }
        let name = argument.hasSuffix(".json") ? String(argument.dropLast(5)) : argument
        let named = owner.machinesDirectory.appendingPathComponent("\(name).json")
        guard FileManager.default.fileExists(atPath: named.path) else {
            throw MachineFileError(file: argument, diagnostics: [], reason: "no such file, and no machines/\(name).json in \(owner.root.path)")
        }
        return MachineLocation(workspace: owner, file: named, displayPath: "machines/\(name).json")
    }

    static func record(_ event: HistoryEvent, of executionArn: String) -> HistoryEventRecord {
        HistoryEventRecord(
            executionArn: executionArn, id: Int64(event.id), previousEventId: Int64(event.previousEventId),
            timestamp: event.timestamp.epochMilliseconds,
            type: event.type.rawValue, details: event.detailsText)
    }

    /// A stored event as GetExecutionHistory returns it.
    public static func event(_ record: HistoryEventRecord) -> HistoryEvent? {
        guard let type = EventType(rawValue: record.type) else { return nil }
        let details = record.details.flatMap { try? JSONValue.parse($0) }?.objectValue
        return HistoryEvent(id: Int(record.id), previousEventId: Int(record.previousEventId),
                            timestamp: Date(epochMilliseconds: record.timestamp), type: type, details: details)
    }
}

/// Several observers as one.
public struct ObserverGroup: ExecutionObserver {
    public var observers: [any ExecutionObserver]
    public init(_ observers: [any ExecutionObserver]) { self.observers = observers }
    public func record(_ event: HistoryEvent) { for observer in observers { observer.record(event) } }
    public func decided(_ decision: StateDecision, state: String) {
        for observer in observers { observer.decided(decision, state: state) }
    }
}
