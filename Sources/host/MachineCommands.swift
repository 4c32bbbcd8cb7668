import ArgumentParser
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
                    "creationDate": ExecutionJSON.epochSeconds(created),
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

/// `host executions list|describe|history`: executions run by earlier processes.
struct ExecutionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "executions", abstract: "Executions run in this workspace.",
                                                    subcommands: [List.self, Describe.self, History.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List executions, newest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "Only this machine's.") var machine: String?
        @Option(help: "Only RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED ones.") var status: String?
        @Option(help: "text or json (as ListExecutions).") var output: OutputFormat = .text

        func validate() throws {
            if let status, ExecutionStatus(rawValue: status) == nil {
                throw ValidationError("--status must be one of \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let records = try openDatabase(workspaceOptions).map { db in
                try storeCall { () throws(StoreError) in try db.executions(machineName: machine, status: status) }
            } ?? []
            switch output {
            case .text:
                for r in records {
                    print("\(r.name)\t\(r.status)\t\(r.machineName)\t\(iso(r.startDate))")
                }
            case .json:
                print(JSONValue.object(["executions": .array(records.map { r in
                    var item: JSONObject = [
                        "executionArn": .string(r.executionArn), "stateMachineArn": .string(r.stateMachineArn),
                        "name": .string(r.name), "status": .string(r.status), "startDate": seconds(r.startDate),
                    ]
                    if let stop = r.stopDate { item["stopDate"] = seconds(stop) }
                    return .object(item)
                })]).prettyString())
            }
        }
    }

    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe an execution, as DescribeExecution.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String

        func run() throws {
            let record = try findExecution(execution, workspaceOptions).record
            var object: JSONObject = [
                "executionArn": .string(record.executionArn), "stateMachineArn": .string(record.stateMachineArn),
                "name": .string(record.name), "status": .string(record.status), "startDate": seconds(record.startDate),
            ]
            if let stop = record.stopDate { object["stopDate"] = seconds(stop) }
            object["input"] = (try? JSONValue.parse(record.input)) ?? .string(record.input)
            if let output = record.output { object["output"] = (try? JSONValue.parse(output)) ?? .string(output) }
            if let error = record.error { object["error"] = .string(error) }
            if let cause = record.cause { object["cause"] = .string(cause) }
            print(JSONValue.object(object).prettyString())
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An execution's events, as GetExecutionHistory.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String
        @Flag(help: "Newest first.") var reverse = false
        @Option(help: "text (a line an event) or json.") var output: OutputFormat = .json

        func run() throws {
            let (record, database) = try findExecution(execution, workspaceOptions)
            var events = try storeCall { () throws(StoreError) in try database.history(of: record.executionArn) }
                .compactMap(Workspace.event)
            if reverse { events.reverse() }
            switch output {
            case .json: print(JSONValue.object(["events": .array(events.map(\.json))]).prettyString())
            case .text:
                for event in events {
                    let details = event.details.map { JSONValue.object($0).compactString() } ?? ""
                    print("\(event.id)\t\(event.previousEventId)\t\(event.type.rawValue)\t\(details)")
                }
            }
        }
    }
}

private func openDatabase(_ options: WorkspaceOptions) throws -> HostDatabase? {
    let workspace = try options.open()
    guard workspace.hasDatabase else { return nil }
    return try storeCall { () throws(StoreError) in try workspace.database() }
}

private func findExecution(_ reference: String, _ options: WorkspaceOptions) throws -> (record: ExecutionRecord, database: HostDatabase) {
    guard let database = try openDatabase(options),
          let record = try storeCall({ () throws(StoreError) in try database.execution(reference) }) else {
        throw CommandFailure(message: "ExecutionDoesNotExist: Execution Does Not Exist: '\(reference)'")
    }
    return (record, database)
}

private func seconds(_ milliseconds: Int64) -> JSONValue { .double(Double(milliseconds) / 1000) }

private func iso(_ milliseconds: Int64) -> String {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
}
