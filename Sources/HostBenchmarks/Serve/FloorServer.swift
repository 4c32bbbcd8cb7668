import Foundation
import HTTPTypes
import Hummingbird
import Identifiers
import JSONValue
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// `HostBenchmarks --floor-server`: the floor under `serve.roundtrip`. Hummingbird, set up as
/// `host serve` sets it up (one NIO thread, the same configuration), answering StartExecution
/// and DescribeExecution from a dictionary: the request parsed as JSON, the answer written as
/// host writes it, and nothing else (no store, no engine, no event bus). Its round trips a
/// second, driven by the same load generator on the same two cores, are what host could serve
/// if everything of its own cost nothing.
enum FloorServer {
    /// Serves until killed; prints `listening on http://127.0.0.1:PORT` on standard error.
    static func run() async throws {
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var logger = Logger(label: "floor")
        logger.logLevel = .warning
        let app = Application(
            responder: FloorResponder(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "host"),
            onServerRunning: { channel in
                FileHandle.standardError.write(Data("listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8))
            },
            eventLoopGroupProvider: .shared(eventLoops),
            logger: logger)
        try await app.runService()
    }
}

/// The started executions' inputs by ARN, and their start times.
private final class FloorExecutions: Sendable {
    let started = Mutex<[String: (input: String, startDate: Double)]>([:])
}

private struct FloorResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let executions = FloorExecutions()
    static let targetField = HTTPField.Name("X-Amz-Target")!
    static let requestIdField = HTTPField.Name("x-amzn-RequestId")!

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.headers[Self.targetField] ?? ""
        let body = try await request.body.collect(upTo: 1 << 20)
        let fields = (try? JSONValue.parse(bytes: body.readableBytesView)) ?? .null
        switch target {
        case "AWSStepFunctions.StartExecution":
            let machine = fields["stateMachineArn"]?.stringValue ?? ""
            let name = fields["name"]?.stringValue ?? RandomIdentifier.lowercased()
            let arn = machine.replacingOccurrences(of: ":stateMachine:", with: ":execution:") + ":" + name
            let startDate = (Date().timeIntervalSince1970 * 1000).rounded() / 1000
            let input = fields["input"]?.stringValue ?? "{}"
            executions.started.withLock { $0[arn] = (input, startDate) }
            return Self.json(["executionArn": .string(arn), "startDate": .double(startDate)])
        case "AWSStepFunctions.DescribeExecution":
            let arn = fields["executionArn"]?.stringValue ?? ""
            guard let execution = executions.started.withLock({ $0[arn] }) else {
                return Self.json(["__type": "ExecutionDoesNotExist", "message": .string("Execution Does Not Exist: '\(arn)'")],
                                 status: .badRequest)
            }
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            let machine = parts.dropLast().joined(separator: ":").replacingOccurrences(of: ":execution:", with: ":stateMachine:")
            return Self.json([
                "executionArn": .string(arn), "stateMachineArn": .string(machine), "name": .string(String(parts.last ?? "")),
                "status": "SUCCEEDED", "startDate": .double(execution.startDate), "stopDate": .double(execution.startDate),
                "input": .string(execution.input), "inputDetails": ["included": true],
                "output": .string(execution.input), "outputDetails": ["included": true],
                "redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE",
            ])
        default:
            return Self.json(["__type": "UnknownOperationException", "message": .string("not served: \(target)")], status: .badRequest)
        }
    }

    /// As `host serve` writes an answer: its JSON, content type and a request id.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-amz-json-1.0"
        headers[requestIdField] = RandomIdentifier.lowercased()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.compactString())))
    }
}
