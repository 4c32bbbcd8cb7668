import ArgumentParser
import Foundation
import HostServer
import Workspace

/// `host serve`: the AWS APIs of the workspace on localhost, for the aws CLI and the SDKs.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the workspace's AWS APIs (Step Functions, Lambda, CloudWatch Logs) over HTTP.",
        discussion: """
            Point the aws CLI or an SDK at it: aws --endpoint-url http://localhost:8083 stepfunctions \
            list-state-machines. Runs until SIGTERM or Ctrl-C, letting requests in flight finish; executions \
            still running stay RUNNING and continue when the server starts again. Executions left RUNNING by a \
            process that died (a killed host run or host serve) continue here from their recorded history.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Option(help: "The port to listen on.") var port: Int = 8083
    @Option(help: ArgumentHelp("The address to listen on.", valueName: "ADDRESS")) var bind: String = "127.0.0.1"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard ["127.0.0.1", "::1", "localhost"].contains(bind) else {
            throw ValidationError("--bind \(bind): host serves loopback only for now; requests from other machines would need SigV4 "
                + "signatures checked against configured credentials, which host does not do yet")
        }
    }

    func run() async throws {
        let workspace = try workspaceOptions.open()
        let server = HostServer(workspace: workspace, host: bind, port: port)
        try await server.run(onRunning: { port in
            FileHandle.standardError.write(Data("host serve: listening on http://\(bind):\(port) (workspace \(workspace.root.path))\n".utf8))
        }, onUnresumed: { unresumed in
            FileHandle.standardError.write(Data("host serve: cannot resume \(unresumed.executionArn): \(unresumed.error)\n".utf8))
        })
    }
}
