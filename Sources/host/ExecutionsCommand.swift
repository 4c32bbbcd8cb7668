import ArgumentParser
import Clocks
import Engine
import Foundation
import JSONValue
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
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List executions, newest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: "Only this machine's.") var machine: String?
        @Option(name: .customLong("map-run"), help: ArgumentHelp("Only the child executions of this Map Run (as ListExecutions' mapRunArn).",
                                                                 valueName: "ARN"))
        var mapRun: String?
        @Option(help: "Only RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED ones.") var status: String?
        @Option(name: .customLong("max-items"), help: ArgumentHelp("At most N executions, the newest.", valueName: "N"))
        var maxItems: Int?
        @Option(help: "text or json (as ListExecutions).") var output: OutputFormat = .text

        func validate() throws {
            if let status, ExecutionStatus(rawValue: status) == nil {
                throw ValidationError("--status must be one of \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let maxItems, maxItems < 1 { throw ValidationError("--max-items must be at least 1") }
            if machine != nil, mapRun != nil { throw ValidationError("give --machine or --map-run, not both") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let status = status.flatMap(ExecutionStatus.init)
            let executions = try plainCall { () throws(ServiceError) in
                guard let mapRun else {
                    return try workspace.stepFunctions.storedExecutions(machineName: machine, status: status, maxItems: maxItems)
                }
                return try workspace.stepFunctions.storedExecutions(mapRunArn: mapRun, status: status, maxItems: maxItems)
            }
            switch output {
            case .text:
                for execution in executions {
                    let summary = execution.summary
                    // An orphan is not shown as plainly RUNNING: nothing runs it until it is resumed.
                    let status = execution.isOrphaned ? "RUNNING (orphaned: its process ended; host executions resume continues it)" : summary.status
                    print("\(summary.name)\t\(status)\t\(summary.machineName)\t\(Date(epochMilliseconds: summary.startDate).iso8601Milliseconds)")
                }
            case .json:
                print(JSONValue.object(["executions": .array(executions.map(\.json))]).prettyString())
            }
        }
    }

    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe", abstract: "Describe an execution, as DescribeExecution.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String
        @Option(help: "json (DescribeExecution's answer) or text (a line a field, dates in ISO 8601).")
        var output: OutputFormat = .json

        func run() throws {
            let workspace = try workspaceOptions.open()
            let description = try lookUp { () throws(ExecutionLookupError) in try workspace.stepFunctions.describeExecution(named: execution) }
            let mapRuns = try lookUp { () throws(ExecutionLookupError) in try workspace.stepFunctions.mapRuns(ofExecutionNamed: execution) }
            switch output {
            case .json:
                // DescribeExecution's answer, with host's `mapRuns` (each as DescribeMapRun
                // answers) for an execution that ran a Distributed Map.
                guard !mapRuns.isEmpty, case .object(var object) = description.json else { return print(description.json.prettyString()) }
                object["mapRuns"] = .array(mapRuns.map(\.json))
                print(JSONValue.object(object).prettyString())
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
                for mapRun in mapRuns { print("mapRun\t\(Self.line(mapRun.progress))") }
            }
        }

        /// `ARN  STATUS  total 4: succeeded 3, failed 1, ...` (its child executions' counts).
        static func line(_ mapRun: MapRunProgress) -> String {
            let counts = mapRun.executionCounts
            let byStatus = [("pending", counts.pending), ("running", counts.running), ("succeeded", counts.succeeded),
                            ("failed", counts.failed), ("timedOut", counts.timedOut), ("aborted", counts.aborted)]
            return "\(mapRun.mapRunArn)\t\(mapRun.status.rawValue)\ttotal \(counts.total): "
                + byStatus.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "An execution's events, as GetExecutionHistory.",
            discussion: "Text: ID, PREVIOUS, TIMESTAMP (ISO 8601), TYPE, DETAILS, tab-separated, a line an event.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String
        @Flag(help: "Newest first.") var reverse = false
        @Option(help: "text (a line an event) or json.") var output: OutputFormat = .json

        func run() throws {
            let workspace = try workspaceOptions.open()
            var events = try lookUp { () throws(ExecutionLookupError) in try workspace.stepFunctions.history(ofExecutionNamed: execution) }
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
            let workspace = try workspaceOptions.open()
            let (stored, machine) = try lookUp { () throws(ExecutionLookupError) in
                let stepFunctions = workspace.stepFunctions
                return (try stepFunctions.execution(named: execution), try stepFunctions.stateMachine(forExecutionNamed: execution))
            }
            guard let machine else {
                throw CommandFailure(message: "\(stored.executionArn) was stored without its definition (by an older host)", exitCode: 1)
            }
            print(machine.json.prettyString())
        }
    }
}
