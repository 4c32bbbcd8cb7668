import ArgumentParser
import Clocks
import Engine
import Foundation
import JSONValue
import Store
import Workspace

/// `host machines list`: the definitions of the workspace, as ListStateMachines.
struct MachinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "machines", abstract: "The workspace's state machines.",
                                                    subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the definitions in machines/.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "text or json (as ListStateMachines).") var output: OutputFormat = .text

        func run() throws {
            let workspace = try workspaceOptions.open()
            var machines: [JSONValue] = []
            for url in workspace.machineFiles() {
                let name = url.deletingPathExtension().lastPathComponent
                let identity = ExecutionIdentity(machineName: name, executionName: "-")
                let created = (try? FileManager.default.attributesOfItem(atPath: url.path)[.creationDate] as? Date)
                    ?? (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
                machines.append([
                    "stateMachineArn": .string(identity.stateMachineArn), "name": .string(name), "type": "STANDARD",
                    "creationDate": ExecutionDescription.epochSeconds(created.epochMilliseconds),
                ])
                if output == .text {
                    let valid = (try? Workspace.loadMachine(at: url, displayPath: url.path)) != nil
                    print("\(name)\t\(identity.stateMachineArn)\(valid ? "" : "\t(invalid: host validate machines/\(name).json)")")
                }
            }
            if output == .json { print(JSONValue.object(["stateMachines": .array(machines)]).prettyString()) }
        }
    }
}
