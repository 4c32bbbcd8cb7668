import ArgumentParser
import Engine
import Foundation
import Workspace

extension ExecutionsCommand {
    /// `host executions resume NAME`: continues an orphaned execution in this process, from its
    /// recorded history, and waits for its end as `host run` does.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Continue an execution whose process died, from its recorded history.",
            discussion: """
                An execution stays RUNNING when its process is killed; once that process is gone (or its \
                lease has expired) the execution is orphaned, and this continues it: what it recorded is \
                not done again, a Wait keeps its end time, a task whose result was not recorded runs again. \
                host serve does the same for every orphan, when it starts and every few seconds.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The execution's ARN or name.") var execution: String
        @Option(help: "text (progress and a summary) or json (DescribeExecution's answer). Default: text on a terminal.")
        var output: OutputFormat?

        func run() async throws {
            let workspace = try workspaceOptions.open()
            let stored = try lookUp { () throws(ExecutionLookupError) in try workspace.stepFunctions.execution(named: execution) }
            let format = output ?? (Terminal.isTerminal ? .text : .json)
            // Its end is a status change, for the rules as when it started.
            _ = try plainCall { () throws(ServiceError) in try workspace.eventBridge.openBus() }
            let running: RunningExecution
            do throws(ResumeError) {
                running = try workspace.stepFunctions.resumeExecution(arn: stored.executionArn)
            } catch {
                throw CommandFailure(message: error.description, exitCode: 1)
            }
            let result: ExecutionResult
            switch await running.result {
            case .success(let ended): result = ended
            case .failure(let error): throw CommandFailure(message: error.description)
            }
            await workspace.drainEvents()
            try? workspace.close()
            let identity = running.identity
            switch format {
            case .text: print(ProgressPrinter.summary(result, colour: Terminal.usesColour))
            case .json:
                print(ExecutionDescription(result, identity: identity, input: running.execution?.input ?? .null, now: workspace.now()).json.prettyString())
            }
            try exitForStatus(result.status)
        }
    }
}
