import Console
import Foundation
import Hummingbird
import JSONValue
import Logging
import NIOPosix
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
    /// Who is served: anyone on loopback, only requests signed by a configured key beyond.
    let access: ServerAccess

    /// A server on `host`. Beyond loopback it serves only requests signed with SigV4 by a key of
    /// the workspace's credentials (`.host/credentials`, `HOST_ACCESS_KEY_ID` and
    /// `HOST_SECRET_ACCESS_KEY` in `environment`), and refuses to be made when none is
    /// configured.
    public init(workspace: Workspace, host: String = "127.0.0.1", port: Int = 8083,
                environment: [String: String] = [:]) throws(CredentialsError) {
        self.workspace = workspace
        self.host = host
        self.port = port
        access = try ServerAccess(address: host, workspace: workspace, environment: environment)
    }

    /// How many access keys sign requests beyond loopback; nil on loopback, where any
    /// credentials or none are accepted.
    public var acceptedKeys: Int? {
        switch access {
        case .anyone: nil
        case .signed(let credentials): credentials.count
        }
    }

    /// The web console on the same port (docs/console.md): beyond loopback it asks for a key of
    /// the credentials that sign API requests.
    var console: Console {
        switch access {
        case .anyone: Console(workspace: workspace, credentials: nil)
        case .signed(let credentials): Console(workspace: workspace, credentials: credentials)
        }
    }

    /// How often the server looks for executions whose process died (a `host run` killed),
    /// to continue them.
    static let orphanSweepInterval: Duration = .seconds(5)

    /// Waits at least this long park their executions (`Workspace.parkWaits`): a parked
    /// execution holds only its handle in memory, and continuing it costs a read of its
    /// history, which a wait this long makes small beside the wait.
    static let parkedWaitSeconds = 1.0

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
        workspace.parkWaits(longerThan: Self.parkedWaitSeconds)
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
        // One I/O thread rather than one per core: it only reads requests and writes answers,
        // each request's work runs on the concurrency pool, and a second I/O thread contending
        // for the same cores cost more server CPU a request than it saved
        // (docs/profiles/serve-http.md).
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { eventLoops.shutdownGracefully { _ in } }
        var logger = Logger(label: "host serve")
        logger.logLevel = .warning
        let app = Application(
            responder: Responder(routes: Routes(workspace: workspace), verifier: access.verifier(now: workspace.now), console: console),
            configuration: .init(address: .hostname(host, port: port), serverName: "host"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            eventLoopGroupProvider: .shared(eventLoops),
            logger: logger)
        try await app.runService()
        try? workspace.close()
    }
}

/// Answers every request, whatever its method, path or body: an AWS-shaped error for anything
/// it cannot route or that is not signed as it must be, never a crash.
struct Responder: HTTPResponder {
    typealias Context = BasicRequestContext
    let routes: Routes
    /// Checks each request's signature beyond loopback; nil on loopback.
    let verifier: SigV4Verifier?
    /// Pages for browsers: the requests that are no API's, with a login of their own.
    var console: Console?

    func respond(to request: Request, context: Context) async throws -> Response {
        if let console, Console.serves(request) { return await console.respond(to: request) }
        var request = request
        if let verifier, let refusal = await verifier.check(&request) {
            return Routes.error(refusal, for: request)
        }
        return await routes.respond(to: request)
    }
}
