import ArgumentParser
import Foundation
import Workspace

/// `host validate FILE...`: every problem of each definition, with its line and column.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check state machine definitions.",
        discussion: "Prints FILE:LINE:COLUMN: error: MESSAGE for every problem; exits 0 when all files are valid, 1 otherwise."
    )

    @Argument(help: "Definitions to check.") var files: [String]

    func run() throws {
        var valid = true
        for file in files {
            do {
                _ = try Workspace.loadMachine(at: URL(fileURLWithPath: file), displayPath: file)
                print("\(file): valid")
            } catch {
                valid = false
                print(error.description)
            }
        }
        if !valid { throw ExitCode(1) }
    }
}
