import Foundation
import Hummingbird
import JSONValue
import Logging
import Workspace

/// `host serve`: one HTTP endpoint for the AWS APIs of a workspace. JSON-protocol requests
/// (`POST /` with `X-Amz-Target`) are routed by their target: Step Functions (AWS JSON 1.0,
/// `AWSStepFunctions.*`), CloudWatch Logs (`Logs_20140328.*`), EventBridge (`AWSEvents.*`);
/// Lambda's REST-JSON requests by path (`/2015-03-31/functions/...`). Every answer, errors
/// included, has the shape the AWS SDKs read.
public struct HostServer: Sendable {
    public let workspace: Workspace
    public let host: String
    public let port: Int

    public init(workspace: Workspace, host: String = "127.0.0.1", port: Int = 8083) {
        self.workspace = workspace
        self.host = host
        self.port = port
    }

    /// How often the server looks for executions whose process died (a `host run` killed),
    /// to continue them.
    static let orphanSweepInterval: Duration = .seconds(5)

    /// Serves until SIGTERM or SIGINT, then lets the requests in flight finish; the
    /// executions still running are let go, RUNNING, for the next start to continue.
    /// `onRunning` is called with the port once the server listens. Every execution left
    /// RUNNING by a process that died is continued from its history, at the start and
    /// whenever the sweep finds one.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in },
                    onUnresumed: @escaping @Sendable (UnresumedExecution) -> Void = { _ in }) async throws {
        // The executions the server runs (and resumes) emit their status changes to the event
        // bus, where the rules of rules/ and those put through the API route them
        // (docs/status-events.md): the bus is there before the first request.
        _ = try workspace.eventBus()
        let stepFunctions = workspace.stepFunctions
        let sweep = Task.detached {
            var reported: Set<String> = []
            while !Task.isCancelled {
                for failure in stepFunctions.resumeOrphans().failed where reported.insert(failure.executionArn).inserted {
                    onUnresumed(failure)
                }
                try? await Task.sleep(for: Self.orphanSweepInterval)
            }
        }
        defer { sweep.cancel() }
        var logger = Logger(label: "host serve")
        logger.logLevel = .warning
        let app = Application(
            responder: Responder(routes: Routes(workspace: workspace)),
            configuration: .init(address: .hostname(host, port: port), serverName: "host"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
        try? workspace.close()
    }
}

/// Answers every request, whatever its method, path or body: an AWS-shaped error for anything
/// it cannot route, never a crash.
struct Responder: HTTPResponder {
    typealias Context = BasicRequestContext
    let routes: Routes

    func respond(to request: Request, context: Context) async throws -> Response {
        await routes.respond(to: request)
    }
}
