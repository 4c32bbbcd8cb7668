import ArgumentParser
import Foundation
import HostServer
import Workspace

/// `host serve`: the AWS APIs of the workspace over HTTP, for the aws CLI and the SDKs: on
/// loopback to anyone, beyond it to requests signed by a configured access key.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the workspace's AWS APIs (Step Functions, Lambda, CloudWatch Logs, EventBridge) over HTTP.",
        discussion: """
            Point the aws CLI or an SDK at it: aws --endpoint-url http://localhost:8083 stepfunctions \
            list-state-machines. Runs until SIGTERM or Ctrl-C, letting requests in flight finish; executions \
            still running stay RUNNING and continue when the server starts again. Executions left RUNNING by a \
            process that died (a killed host run or host serve) continue here from their recorded history.

            On a loopback address (127.0.0.1, ::1, localhost) any credentials or none are accepted. \
            On any other address every request must be signed (SigV4) by an access key listed in \
            .host/credentials (the aws CLI's credentials format) or in HOST_ACCESS_KEY_ID and \
            HOST_SECRET_ACCESS_KEY; without one, host serve does not start.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Option(help: "The port to listen on.") var port: Int = 8083
    @Option(help: ArgumentHelp("The address to listen on.", valueName: "ADDRESS")) var bind: String = "127.0.0.1"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        let workspace = try workspaceOptions.open()
        let server: HostServer
        do {
            server = try HostServer(workspace: workspace, host: bind, port: port, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let access = server.acceptedKeys.map { "requests signed by one of \($0) access key\($0 == 1 ? "" : "s")" } ?? "loopback: any credentials"
        try await server.run(onRunning: { port in
            FileHandle.standardError.write(Data("host serve: listening on http://\(bind):\(port) (workspace \(workspace.root.path); \(access))\n".utf8))
        }, onUnresumed: { unresumed in
            FileHandle.standardError.write(Data("host serve: cannot resume \(unresumed.executionArn): \(unresumed.error)\n".utf8))
        })
    }
}
