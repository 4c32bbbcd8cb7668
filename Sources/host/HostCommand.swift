import ArgumentParser
import Foundation
import Workspace

/// `host`: run AWS Step Functions workflows and their Lua functions on one machine.
///
/// Every command names itself (`commandName`): without one, swift-argument-parser derives it
/// from the type with `String(describing:)`, whose dynamic casts scan every protocol
/// conformance of the binary, and it does so for every command at each start-up: half of
/// `host --help`'s instructions (docs/benchmarks-history.md, "The table").
@main
struct HostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "Run Step Functions state machines and their Lua functions locally.",
        version: HostCommand.version,
        subcommands: [RunCommand.self, ValidateCommand.self, MachinesCommand.self, ExecutionsCommand.self,
                      InvokeCommand.self, LogsCommand.self, EventsCommand.self, RulesCommand.self,
                      TablesCommand.self, TopicsCommand.self, GraphCommand.self, ServeCommand.self, TasksCommand.self,
                      TestCommand.self, TestStateCommand.self]
    )

    /// Exit statuses: 0 success, 1 a function or execution failed, 2 the command line or the
    /// input was invalid. swift-argument-parser's own usage status (64) becomes 2.
    /// `host --version`, with the Lua release the functions run with.
    static let version = "host 0.1.0 (\(LambdaService.luaRelease))"

    static func main() async {
        // Once a process: the sandbox's guards were checked against one Lua release's bugs.
        if let warning = LambdaService.uncheckedLuaWarning {
            FileHandle.standardError.write(Data("host: \(warning)\n".utf8))
        }
        if let (position, repaired) = argumentNotUTF8() {
            // swift-argument-parser reads `CommandLine.arguments`, where such bytes have become
            // U+FFFD: an execution's name or a file's would silently be another one.
            FileHandle.standardError.write(Data("host: argument \(position) is not valid UTF-8: \(repaired)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("host: \(failure.message)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help, --version
            }
            // One line, as for every other bad input; `--help` shows the usage.
            FileHandle.standardError.write(Data("host: \(message(for: error))\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// The first command-line argument whose bytes are not UTF-8: its position (from 1) and its
/// text with each invalid sequence shown as U+FFFD. The bytes are the kernel's copy of the
/// arguments (`/proc/self/cmdline`, each ended by a NUL), read without pointers.
func argumentNotUTF8() -> (position: Int, repaired: String)? {
    guard let line = FileManager.default.contents(atPath: "/proc/self/cmdline") else { return nil }
    let arguments = line.split(separator: 0, omittingEmptySubsequences: false).dropLast()
    for (position, bytes) in arguments.enumerated().dropFirst() where String(validating: bytes, as: UTF8.self) == nil {
        return (position, String(decoding: bytes, as: UTF8.self))
    }
    return nil
}

/// A command that could not do its work: the message is printed as one line
/// (`host: MESSAGE`) and the process exits with `exitCode`.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 2
}

/// Runs a service call; its error becomes the command's one line, `host: CODE: message`, with
/// exit status 2 for what AWS calls a client error (bad input) and 1 for the rest.
func serviceCall<T>(_ body: () throws(ServiceError) -> T) throws -> T {
    do { return try body() } catch {
        throw CommandFailure(message: error.description, exitCode: error.code.httpStatus < 500 ? 2 : 1)
    }
}

/// The same, for an async call.
func serviceCall<T>(_ body: () async throws(ServiceError) -> T) async throws -> T {
    do { return try await body() } catch {
        throw CommandFailure(message: error.description, exitCode: error.code.httpStatus < 500 ? 2 : 1)
    }
}

/// Runs a service call for a command that has always worded its errors without the code
/// (`host logs`, and the reads of stored state whose failure is `host: MESSAGE`): its error
/// becomes `host: message`, after the option it is about when given, with exit status 2 for
/// what AWS calls a client error and 1 for the rest.
func plainCall<T>(option: String? = nil, _ body: () throws(ServiceError) -> T) throws -> T {
    do { return try body() } catch {
        throw CommandFailure(message: (option.map { "\($0): " } ?? "") + error.message, exitCode: error.code.httpStatus < 500 ? 2 : 1)
    }
}

/// Runs a look-up of a stored execution by ARN or name; its error becomes the command's one
/// line, with exit status 1 when the store failed and 2 for a name that does not say which.
func lookUp<T>(_ body: () throws(ExecutionLookupError) -> T) throws -> T {
    do { return try body() } catch {
        if case .store = error { throw CommandFailure(message: error.description, exitCode: 1) }
        throw CommandFailure(message: error.description)
    }
}

/// Options every command that works in a workspace shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder (default: the nearest folder upward holding functions/ or machines/).", valueName: "DIR"))
    var workspace: String?

    func open() throws -> Workspace {
        if let workspace {
            let url = URL(fileURLWithPath: workspace)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(message: "--workspace: \(workspace) is not a folder")
            }
            return Workspace(root: url)
        }
        do {
            return try Workspace.locate(from: Self.currentFolder)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The definition `machine` names (a file, or a name in `machines/`) and its workspace:
    /// `--workspace`, else the one the file is in, else the one above the current folder.
    func locate(_ machine: String) throws -> MachineLocation {
        let given = try workspace.map { _ in try open() }
        do { return try Workspace.locateMachine(machine, workspace: given, current: Self.currentFolder) } catch {
            throw CommandFailure(message: error.description)
        }
    }

    static var currentFolder: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true) }
}
