import ArgumentParser
import Clocks
import Engine
import Foundation
import JSONValue
import Store
import Workspace

/// `host executions list|describe|history|describe-state-machine`: executions run by this or
/// earlier processes, as ListExecutions, DescribeExecution, GetExecutionHistory and
/// DescribeStateMachineForExecution return them.
struct ExecutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions", abstract: "Executions run in this workspace.",
        discussion: "An execution is named by its ARN, or by its name when no other execution has that name.",
        subcommands: [List.self, Describe.self, History.self, DescribeStateMachine.self, Resume.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List executions, newest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "Only this machine's.") var machine: String?
        @Option(help: "Only RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED ones.") var status: String?
        @Option(name: .customLong("max-items"), help: ArgumentHelp("At most N executions, the newest.", valueName: "N"))
        var maxItems: Int?
        @Option(help: "text or json (as ListExecutions).") var output: OutputFormat = .text

        func validate() throws {
            if let status, ExecutionStatus(rawValue: status) == nil {
                throw ValidationError("--status must be one of \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let maxItems, maxItems < 1 { throw ValidationError("--max-items must be at least 1") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let records = workspace.hasDatabase ? try storeCall { () throws(StoreError) in
                try workspace.stores().executions.executions(machineName: machine, status: status, limit: maxItems)
            } : []
            switch output {
            case .text:
                for r in records {
                    // An orphan is not shown as plainly RUNNING: nothing runs it until it is resumed.
                    let status = workspace.isOrphaned(r) ? "RUNNING (orphaned: its process ended; host executions resume continues it)" : r.status
                    print("\(r.name)\t\(status)\t\(r.machineName)\t\(Date(epochMilliseconds: r.startDate).iso8601Milliseconds)")
                }
            case .json:
                print(JSONValue.object(["executions": .array(records.map { r in
                    var item: JSONObject = [
                        "executionArn": .string(r.executionArn), "stateMachineArn": .string(r.stateMachineArn),
                        "name": .string(r.name), "status": .string(r.status),
                        "startDate": ExecutionDescription.epochSeconds(r.startDate),
                    ]
                    if let stop = r.stopDate { item["stopDate"] = ExecutionDescription.epochSeconds(stop) }
                    // Not ListExecutions': host's mark of a RUNNING execution no process runs.
                    if workspace.isOrphaned(r) { item["orphaned"] = true }
                    return .object(item)
                })]).prettyString())
            }
        }
    }

    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe an execution, as DescribeExecution.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String
        @Option(help: "json (DescribeExecution's answer) or text (a line a field, dates in ISO 8601).")
        var output: OutputFormat = .json

        func run() throws {
            let (workspace, record) = try findExecution(execution, workspaceOptions)
            let description = try storeCall { () throws(StoreError) in try workspace.describeExecution(record) }
            switch output {
            case .json: print(description.json.prettyString())
            case .text:
                for (key, value) in description.json.objectValue ?? [:] {
                    let text: String = switch value {
                    case .string(let string): string
                    // The API's epoch seconds, printed with three decimals: read back to the millisecond.
                    case .double(let seconds) where key.hasSuffix("Date"): Date(epochMilliseconds: Int64((seconds * 1000).rounded())).iso8601Milliseconds
                    default: value.compactString()
                    }
                    print("\(key)\t\(text)")
                }
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An execution's events, as GetExecutionHistory.",
            discussion: "Text: ID, PREVIOUS, TIMESTAMP (ISO 8601), TYPE, DETAILS, tab-separated, a line an event.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String
        @Flag(help: "Newest first.") var reverse = false
        @Option(help: "text (a line an event) or json.") var output: OutputFormat = .json

        func run() throws {
            let (workspace, record) = try findExecution(execution, workspaceOptions)
            var events = try storeCall { () throws(StoreError) in try workspace.history(of: record) }
            if reverse { events.reverse() }
            switch output {
            case .json: print(JSONValue.object(["events": .array(events.map(\.json))]).prettyString())
            case .text:
                for event in events {
                    let details = event.details.map { JSONValue.object($0).compactString() } ?? ""
                    let time = event.timestamp.iso8601Milliseconds
                    print("\(event.id)\t\(event.previousEventId)\t\(time)\t\(event.type.rawValue)\t\(details)")
                }
            }
        }
    }

    struct DescribeStateMachine: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "describe-state-machine",
            abstract: "The definition an execution ran, as DescribeStateMachineForExecution.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String

        func run() throws {
            let (workspace, record) = try findExecution(execution, workspaceOptions)
            guard let machine = workspace.stateMachine(for: record) else {
                throw CommandFailure(message: "\(record.executionArn) was stored without its definition (by an older host)", exitCode: 1)
            }
            print(machine.json.prettyString())
        }
    }
}

/// The stored execution `reference` names, or the one-line error that says why there is none.
func findExecution(_ reference: String, _ options: WorkspaceOptions) throws -> (Workspace, ExecutionRecord) {
    let workspace = try options.open()
    do { return (workspace, try workspace.storedExecution(reference)) } catch {
        if case .store(let failure) = error { throw CommandFailure(message: failure.description, exitCode: 1) }
        throw CommandFailure(message: error.description)
    }
}
