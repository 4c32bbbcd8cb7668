import ArgumentParser
import Foundation
import JSONValue
import Workspace

/// `host machines list`: the definitions of the workspace, as ListStateMachines.
struct MachinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "machines", abstract: "The workspace's state machines.",
                                                    subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the definitions in machines/.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "text or json (as ListStateMachines).") var output: OutputFormat = .text

        func run() throws {
            let machines = try workspaceOptions.open().stepFunctions.machineFiles()
            switch output {
            case .text:
                for machine in machines {
                    let invalid = machine.isRunnable ? "" : "\t(invalid: host validate machines/\(machine.name).json)"
                    print("\(machine.name)\t\(machine.stateMachineArn)\(invalid)")
                }
            case .json: print(JSONValue.object(["stateMachines": .array(machines.map(\.listItem))]).prettyString())
            }
        }
    }
}
