import Dispatch
import JSONValue
import NIOCore
import NIOHTTP1
import NIOPosix

/// An AWS JSON 1.0 call to Step Functions: `X-Amz-Target: AWSStepFunctions.<operation>` and
/// its JSON body, and the execution its answer must be about.
struct Call: Sendable {
    var operation: String
    var body: String
    var executionArn: String
    /// The execution's input, for the checks of its output.
    var input: String?
}

/// What follows a checked answer.
enum Next: Sendable {
    /// Another call of the same round trip.
    case call(Call)
    /// The round trip is complete; `note` is counted (the status DescribeExecution gave).
    case done(note: String)
}

/// What every client does: `first(client, index)` is the first call of the client's round trip
/// `index`; `next` checks an answer (HTTP status and JSON body) and says what follows. A check
/// that fails throws and fails the whole run, so that no figure times errors.
struct Workload: Sendable {
    var first: @Sendable (_ client: Int, _ index: Int) -> Call
    var next: @Sendable (_ call: Call, _ status: Int, _ answer: JSONValue) throws(LoadError) -> Next
}

/// Why a load run failed.
struct LoadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a load run measured.
struct LoadResult: Sendable {
    /// From the first request sent to the last answer checked.
    var seconds: Double
    /// Every round trip's latency in seconds, sorted.
    var latencies: [Double]
    /// How often each note was given.
    var notes: [String: Int]
    /// The processor time the server used meanwhile, in seconds, when known.
    var serverSeconds: Double?

    var rate: Double { Double(latencies.count) / seconds }

    /// The latency below which `fraction` of the round trips completed (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        latencies[min(latencies.count - 1, Int((Double(latencies.count) * fraction).rounded(.up)) - 1)]
    }
}

/// A Step Functions endpoint on this machine.
struct Endpoint: Sendable {
    var host = "127.0.0.1"
    var port: Int
}

/// Concurrent clients, each one keep-alive HTTP/1.1 connection doing one round trip after
/// another, all on one event loop thread: a client costs a few microseconds a request, so
/// that the server, not the client, sets the pace. A server that closes a connection (an
/// answer without keep-alive) gets a new one for the client's next call.
final class LoadGenerator: Sendable {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Runs `roundTrips` round trips shared out among `clients` clients; fails on the first
    /// answer that fails its check, or after `timeout` seconds.
    func run(_ endpoint: Endpoint, clients: Int, roundTrips: Int, timeout: Int64 = 600,
             _ workload: Workload) async throws -> LoadResult {
        let clients = max(1, min(clients, roundTrips))
        let loop = group.next()
        let promise = loop.makePromise(of: LoadResult.self)
        loop.execute {
            let tally = Tally(clients: clients, promise: promise)
            let drivers = (0..<clients).map { client in
                ClientDriver(client: client, roundTrips: roundTrips / clients + (client < roundTrips % clients ? 1 : 0), endpoint: endpoint, loop: loop, workload: workload, tally: tally)
            }
            tally.drivers = drivers
            let bound = NIOLoopBound(tally, eventLoop: loop)
            let deadline = loop.scheduleTask(in: .seconds(timeout)) { bound.value.fail(LoadError("no answer for \(timeout) s")) }
            promise.futureResult.whenComplete { _ in deadline.cancel() }
            for driver in drivers { driver.begin() }
        }
        return try await promise.futureResult.get()
    }

    /// One call, whose answer must have HTTP status 200: its JSON body.
    func answer(_ endpoint: Endpoint, _ call: Call) async throws -> JSONValue {
        let result = try await run(endpoint, clients: 1, roundTrips: 1, Workload(first: { _, _ in call }, next: { call, status, answer throws(LoadError) in
            guard status == 200 else { throw LoadError("\(call.operation) answered \(status): \(answer.compactString())") }
            return .done(note: answer.compactString())
        }))
        return try JSONValue.parse(result.notes.keys.first ?? "")
    }

    func shutdown() { try? group.syncShutdownGracefully() }
}

/// The clients' results, gathered on the event loop.
private final class Tally {
    let promise: EventLoopPromise<LoadResult>
    var drivers: [ClientDriver] = []
    private var remaining: Int
    private var latencies: [UInt64] = []
    private var notes: [String: Int] = [:]
    private let started = DispatchTime.now().uptimeNanoseconds
    private(set) var failed = false

    init(clients: Int, promise: EventLoopPromise<LoadResult>) {
        remaining = clients
        self.promise = promise
    }

    func completed(latency: UInt64, note: String) {
        latencies.append(latency)
        notes[note, default: 0] += 1
    }

    func clientFinished() {
        remaining -= 1
        guard remaining == 0, !failed else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        drivers = []
        promise.succeed(LoadResult(seconds: seconds, latencies: latencies.sorted().map { Double($0) / 1e9 }, notes: notes,
                                   serverSeconds: nil))
    }

    func fail(_ error: Error) {
        guard !failed else { return }
        failed = true
        for driver in drivers { driver.stop() }
        drivers = []
        promise.fail(error)
    }
}

/// One client: its connection, and where it is in its round trips. Lives on the event loop.
private final class ClientDriver {
    let client: Int
    let roundTrips: Int
    let endpoint: Endpoint
    let loop: any EventLoop
    let workload: Workload
    let tally: Tally

    private var index = 0
    private var current: Call?
    private var roundTripStart: UInt64 = 0
    private var connection: ResponseHandler?
    private var connecting = false

    init(client: Int, roundTrips: Int, endpoint: Endpoint, loop: any EventLoop, workload: Workload, tally: Tally) {
        (self.client, self.roundTrips, self.endpoint, self.loop, self.workload, self.tally) = (client, roundTrips, endpoint, loop, workload, tally)
    }

    func begin() {
        guard roundTrips > 0 else { return tally.clientFinished() }
        roundTripStart = DispatchTime.now().uptimeNanoseconds
        send(workload.first(client, 0))
    }

    private func send(_ call: Call) {
        current = call
        if let connection, connection.isOpen { connection.send(call, endpoint) } else { connect() }
    }

    private func connect() {
        guard !connecting else { return }
        connecting = true
        let bound = NIOLoopBound(self, eventLoop: loop)
        ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseHandler(driver: bound.value))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .whenComplete { result in
                let driver = bound.value
                driver.connecting = false
                switch result {
                case .success:
                    guard let call = driver.current, let connection = driver.connection else { return }
                    connection.send(call, driver.endpoint)
                case .failure(let error):
                    driver.tally.fail(LoadError("client \(driver.client) cannot connect to port \(driver.endpoint.port): \(error)"))
                }
            }
    }

    /// The connection's handler is in place.
    func attached(_ handler: ResponseHandler) { connection = handler }

    func answered(status: Int, body: ByteBuffer?, keepAlive: Bool) {
        guard !tally.failed, let call = current else { return }
        current = nil
        if !keepAlive { connection?.close() }
        let answer: JSONValue
        do { answer = try JSONValue.parse(bytes: body.map { Array($0.readableBytesView) } ?? []) } catch {
            return tally.fail(LoadError("\(call.operation) answered \(status) with a body that is not JSON: \(error)"))
        }
        let next: Next
        do { next = try workload.next(call, status, answer) } catch {
            return tally.fail(error)
        }
        switch next {
        case .call(let following):
            send(following)
        case .done(let note):
            let now = DispatchTime.now().uptimeNanoseconds
            tally.completed(latency: now - roundTripStart, note: note)
            index += 1
            guard index < roundTrips else {
                connection?.close()
                return tally.clientFinished()
            }
            roundTripStart = now
            send(workload.first(client, index))
        }
    }

    func disconnected(_ handler: ResponseHandler) {
        guard connection === handler else { return }
        connection = nil
        // A server that closes while a call waits for its answer lost it.
        if current != nil, !tally.failed, !connecting {
            tally.fail(LoadError("client \(client): the server closed the connection before answering"))
        }
    }

    func stop() {
        current = nil
        connection?.close()
    }
}

/// Writes a client's requests on its connection and hands their answers back.
private final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// A stand-in signature: moto routes a request by the service its credential scope names;
    /// host accepts any credentials on loopback.
    static let authorization = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/states/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-target, Signature=0"

    let driver: ClientDriver
    private var context: ChannelHandlerContext?
    private var status = 0
    private var keepAlive = true
    private var body: ByteBuffer?

    init(driver: ClientDriver) { self.driver = driver }

    var isOpen: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        driver.attached(self)
    }

    func send(_ call: Call, _ endpoint: Endpoint) {
        guard let context else { return }
        let bytes = context.channel.allocator.buffer(string: call.body)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(endpoint.host):\(endpoint.port)")
        headers.add(name: "Content-Type", value: "application/x-amz-json-1.0")
        headers.add(name: "X-Amz-Target", value: "AWSStepFunctions.\(call.operation)")
        headers.add(name: "Authorization", value: Self.authorization)
        headers.add(name: "Content-Length", value: String(bytes.readableBytes))
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/", headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func close() { context?.close(promise: nil) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
            body = nil
        case .body(var part):
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            driver.answered(status: status, body: body, keepAlive: keepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        driver.disconnected(self)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        driver.tally.fail(LoadError("client \(driver.client): \(error)"))
        context.close(promise: nil)
    }
}
