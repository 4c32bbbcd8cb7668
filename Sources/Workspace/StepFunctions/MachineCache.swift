import Foundation
import StatesLanguage
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The definitions StartExecution has read and validated, so that starting an execution
/// does not do it again: a file of `machines/` is read again when its modification time or
/// its size has changed, and a definition stored through the API is parsed again when its
/// text has.
final class MachineCache: Sendable {
    /// What a file was when it was read: its modification time (to the nanosecond) and size.
    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
    }

    private struct FileEntry {
        var url: URL
        var path: String
        var stamp: Stamp
        var machine: Result<MachineFile, MachineFileError>
    }

    /// At most this many stored definitions are kept; past it, the cache starts over.
    private static let textLimit = 256

    /// By machine name. The file's URL is made once per name: building a URL costs more than
    /// the `stat` that checks the file.
    private let files = Mutex<[String: FileEntry]>([:])
    private let texts = Mutex<[String: Result<StateMachine, DefinitionErrors>]>([:])

    /// The runnable machine `name` of `directory` (`machines/NAME.json`) as the file is now
    /// (`Workspace.loadMachine`); nil when there is no such file. `directory` is asked for
    /// only the first time.
    func file(named name: String, in directory: @autoclosure () -> URL) throws(MachineFileError) -> MachineFile? {
        let known = files.withLock { $0[name] }
        let url = known?.url ?? directory().appendingPathComponent("\(name).json")
        let path = known?.path ?? url.path
        guard let stamp = Self.stamp(of: path) else { return nil }
        if let known, known.stamp == stamp { return try known.machine.get() }
        // Keyed by the stamp read before the file: a change while it is read makes the next
        // start read it again.
        let machine = Result { () throws(MachineFileError) in try Workspace.loadMachine(at: url, displayPath: "machines/\(name).json") }
        files.withLock { $0[name] = FileEntry(url: url, path: path, stamp: stamp, machine: machine) }
        return try machine.get()
    }

    /// The file's modification time and size; nil when it cannot be read (there is none).
    private static func stamp(of path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return Stamp(seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec), size: Int(info.st_size))
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
