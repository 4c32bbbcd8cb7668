import Foundation
import StatesLanguage
import Synchronization

/// The definitions StartExecution has read and validated, so that starting an execution
/// does not do it again: a file of `machines/` is read again when its modification time or
/// its size has changed, and a definition stored through the API is parsed again when its
/// text has.
final class MachineCache: Sendable {
    private struct FileEntry {
        var modified: Date
        var size: Int
        var machine: Result<MachineFile, MachineFileError>
    }

    /// At most this many stored definitions are kept; past it, the cache starts over.
    private static let textLimit = 256

    private let files = Mutex<[String: FileEntry]>([:])
    private let texts = Mutex<[String: Result<StateMachine, DefinitionErrors>]>([:])

    /// The runnable machine in `url` as the file is now (`Workspace.loadMachine`); nil when
    /// there is no such file.
    func file(_ url: URL, displayPath: String) throws(MachineFileError) -> MachineFile? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        guard let modified = attributes[.modificationDate] as? Date, let size = (attributes[.size] as? NSNumber)?.intValue else {
            return try Workspace.loadMachine(at: url, displayPath: displayPath)
        }
        if let entry = files.withLock({ $0[url.path] }), entry.modified == modified, entry.size == size {
            return try entry.machine.get()
        }
        // Keyed by the attributes read before the file: a change while it is read makes the
        // next start read it again.
        let machine = Result { () throws(MachineFileError) in try Workspace.loadMachine(at: url, displayPath: displayPath) }
        files.withLock { $0[url.path] = FileEntry(modified: modified, size: size, machine: machine) }
        return try machine.get()
    }

    /// `StateMachine.parse(text)`, once per text.
    func parse(_ text: String) -> Result<StateMachine, DefinitionErrors> {
        if let parsed = texts.withLock({ $0[text] }) { return parsed }
        let parsed = StateMachine.parse(text)
        texts.withLock { texts in
            if texts.count >= Self.textLimit { texts.removeAll() }
            texts[text] = parsed
        }
        return parsed
    }
}
