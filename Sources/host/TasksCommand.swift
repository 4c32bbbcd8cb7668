import ArgumentParser
import Foundation
import Workspace

/// `host tasks send-success|send-failure|send-heartbeat TOKEN`: answers a callback task
/// (`.waitForTaskToken`), as `aws stepfunctions send-task-success` does, whichever process
/// runs its execution (`host run` or `host serve`): the answer goes through the workspace's
/// store.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Answer callback tasks (.waitForTaskToken).",
        subcommands: [SendSuccess.self, SendFailure.self, SendHeartbeat.self])

    struct SendSuccess: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "send-success", abstract: "The task succeeds with OUTPUT (SendTaskSuccess).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The task token ($$.Task.Token).") var token: String
        @Option(help: ArgumentHelp("The task's output, JSON.", valueName: "JSON")) var output: String

        func run() throws {
            let workspace = try workspaceOptions.open()
            try serviceCall { () throws(ServiceError) in try workspace.stepFunctions.sendTaskSuccess(token: token, output: output) }
        }
    }

    struct SendFailure: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "send-failure", abstract: "The task fails (SendTaskFailure).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The task token ($$.Task.Token).") var token: String
        @Option(help: "The error name.") var error: String?
        @Option(help: "The cause.") var cause: String?

        func run() throws {
            let workspace = try workspaceOptions.open()
            try serviceCall { () throws(ServiceError) in try workspace.stepFunctions.sendTaskFailure(token: token, error: error, cause: cause) }
        }
    }

    struct SendHeartbeat: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "send-heartbeat", abstract: "The task is still being worked on (SendTaskHeartbeat).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The task token ($$.Task.Token).") var token: String

        func run() throws {
            let workspace = try workspaceOptions.open()
            try serviceCall { () throws(ServiceError) in try workspace.stepFunctions.sendTaskHeartbeat(token: token) }
        }
    }
}
