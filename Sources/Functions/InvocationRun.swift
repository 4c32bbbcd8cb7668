import Foundation
import JSONValue
import LuaSandbox

/// One invocation from start to REPORT: the cold start when there is no warm environment,
/// the handler call, the mapping of failures to Lambda's names, and the log lines.
struct InvocationRun {
    let host: FunctionHost
    let definition: FunctionDefinition
    let requestId: String
    private var lines: [FunctionLogEvent] = []
    /// The bytes `lines` holds; past `flushThreshold` (or `flushEvents` lines) they go to the
    /// log at once, so that a
    /// script that prints without end costs the host a bounded buffer, not its whole output.
    private var buffered = 0
    /// The stream the lines go to, once known; lines already written there, newest last,
    /// for `Invocation.logLines` (at most `tailBytes` of them).
    private var stream: String?
    private var written: [String] = []
    private var writtenBytes = 0
    /// The environment running the handler, whose deadline bounds the work of splitting its
    /// output into lines.
    private var sandbox: LuaSandbox?
    static let flushThreshold = 1 << 18
    static let flushEvents = 4096
    static let tailBytes = 1 << 20
    private var initDuration: Duration?
    /// The most memory the cold start's code held (the cap when it ran out).
    private var initPeak = 0
    private var initFailure: (type: String, message: String, trace: [String])?

    /// A deadline shorter than the function's timeout, set by the caller.
    let callerDeadline: Duration?

    /// `/aws/lambda/<name>`, the function's log group.
    private let group: String

    init(host: FunctionHost, definition: FunctionDefinition, requestId: String, deadline: Duration? = nil) {
        self.host = host
        self.definition = definition
        self.requestId = requestId
        group = "/aws/lambda/\(definition.name)"
        let own = Duration.seconds(definition.configuration.timeout)
        callerDeadline = deadline.flatMap { $0 < own ? $0 : nil }
    }

    private var name: String { definition.name }
    private var timeout: Duration { callerDeadline ?? .seconds(definition.configuration.timeout) }
    private var memoryBytes: Int { definition.configuration.memorySize << 20 }

    /// Runs the handler and returns the invocation, the environment (nil when none could be
    /// made) and whether that environment may serve another invocation.
    mutating func run(_ event: JSONValue, warm: ExecutionEnvironment?) -> (Invocation, ExecutionEnvironment?, reusable: Bool) {
        let environment = warm ?? coldStart()
        let stream = environment?.logStream ?? ExecutionEnvironment.streamName(at: host.now())
        self.stream = stream
        sandbox = environment?.sandbox
        log("START RequestId: \(requestId) Version: $LATEST")
        var outcome: Invocation.Outcome
        var reusable = true
        var status = ""
        var duration: Duration = .zero
        var peak = max(initPeak, environment?.sandbox.memoryInUse ?? 0)

        if let failure = initFailure {
            outcome = .failure(fail(failure.type, failure.message, failure.trace))
            status = "\tStatus: error\tError Type: \(failure.type)"
            reusable = false
        } else if let environment {
            let run = environment.sandbox.call(
                "handler", event: event, context: context(environment), timeout: timeout,
                output: { kind, text in self.output(kind, text) },
                hostCalls: { operation, request in self.hostCall(operation, request) })
            duration = run.duration
            peak = max(peak, run.peakMemoryBytes)
            reusable = !environment.sandbox.isSpent
            switch run.result {
            case .success(let value):
                let size = PayloadLimits.compactSize(of: value)
                if size > PayloadLimits.synchronousResponse {
                    let (type, message) = LambdaRuntimeError.responseTooLarge(bytes: size)
                    outcome = .failure(fail(type, message, [], logged: false))
                } else {
                    outcome = .success(value)
                }
            case .failure(let failure):
                let (type, message, trace) = classify(failure, duration: run.duration)
                outcome = .failure(fail(type, message, trace, logged: failure.kind != .timeout))
                if failure.kind == .timeout {
                    log("\(Self.iso(host.now())) \(requestId) Task timed out after \(twoDecimals(run.duration.seconds)) seconds")
                    status = "\tStatus: timeout"
                } else if failure.kind == .outOfMemory {
                    status = "\tStatus: error\tError Type: \(type)"
                }
            }
        } else {
            outcome = .failure(fail("Runtime.Unknown", "cannot create an execution environment", []))
            reusable = false
        }

        log("END RequestId: \(requestId)")
        let ms = duration.seconds * 1000
        let billed = max(1, Int(ms.rounded(.up)))
        // Whole megabytes, rounded up; a function that ran out of memory used all it had.
        let used = min(definition.configuration.memorySize, max(1, (peak + (1 << 20) - 1) >> 20))
        // Appended piece by piece into one string of the right capacity: concatenating
        // interpolated strings made several strings for every invocation.
        var report = ""
        report.reserveCapacity(192 + requestId.utf8.count + status.utf8.count)
        for piece in ["REPORT RequestId: ", requestId, "\tDuration: ", twoDecimals(ms), " ms\tBilled Duration: ",
                      String(billed), " ms\tMemory Size: ", String(definition.configuration.memorySize),
                      " MB\tMax Memory Used: ", String(used), " MB\t"] {
            report.append(piece)
        }
        if let initDuration {
            report.append("Init Duration: ")
            report.append(twoDecimals(initDuration.seconds * 1000))
            report.append(" ms\t")
        }
        if !status.isEmpty { report.append(contentsOf: status.dropFirst()) }
        log(report)

        let all = written + lines.map(\.message)
        flush()
        let startIndex = all.firstIndex { $0.hasPrefix("START RequestId:") } ?? 0
        var invocation = Invocation(requestId: requestId, outcome: outcome,
                                    logLines: Array(all[startIndex...]), logStream: stream)
        invocation.hitCallerDeadline = callerDeadline != nil && status == "\tStatus: timeout"
        return (invocation, environment, reusable)
    }

    /// A new interpreter: the prelude, the `env` global, then the script's top level.
    private mutating func coldStart() -> ExecutionEnvironment? {
        let stream = ExecutionEnvironment.streamName(at: host.now())
        guard let sandbox = try? LuaSandbox(memoryLimit: memoryBytes, now: host.now) else { return nil }
        let environment = ExecutionEnvironment(sandbox: sandbox, logStream: stream, contextTemplate: contextTemplate(stream: stream))
        var variables = definition.configuration.environment
        for (key, value) in reservedVariables(stream: stream) where variables[key] == nil { variables[key] = .string(value) }
        _ = sandbox.setGlobal("env", to: .object(variables))
        let prelude = sandbox.run(Prelude.source, chunkName: Prelude.chunkName, timeout: timeout)
        let run = sandbox.run(definition.source, chunkName: "@\(name).lua", timeout: timeout,
                              output: { kind, text in self.output(kind, text) })
        initDuration = sandbox.creationDuration + prelude.duration + run.duration
        initPeak = max(prelude.peakMemoryBytes, run.peakMemoryBytes)
        if case .failure(let failure) = run.result {
            let described = classify(failure, duration: run.duration)
            initFailure = described
            logError(described.type, described.message, described.trace)
        }
        return environment
    }

    /// A host API call: resolved, checked against the function's policy, then served. A
    /// denied call is IAM's AccessDeniedException, which the script may catch.
    private func hostCall(_ operation: String, _ parameters: JSONValue) -> Result<JSONValue, HostCallError> {
        let request: HostAPIRequest
        switch HostAPI.resolve(operation, parameters: parameters, function: name, region: host.region, account: host.account) {
        case .failure(let error): return .failure(error)
        case .success(let resolved): request = resolved
        }
        let decision = definition.configuration.policy.evaluate(action: request.iamAction, resource: request.resource)
        guard decision == .allowed else {
            return .failure(HostCallError(errorType: "AccessDeniedException", errorMessage: accessDeniedMessage(
                principal: lambdaRolePrincipal(function: name, account: host.account),
                action: request.iamAction, resource: request.resource, decision: decision)))
        }
        guard let services = host.services else { return .failure(.unavailable(operation)) }
        return services.handle(request)
    }

    /// Lambda's names for the ways a script fails (docs/lambda.md#error-names).
    private func classify(_ failure: ScriptFailure, duration: Duration) -> (type: String, message: String, trace: [String]) {
        let named: (type: String, message: String)
        switch failure.kind {
        case .timeout: named = LambdaRuntimeError.timedOut(requestId: requestId, seconds: duration.seconds)
        case .outOfMemory: named = LambdaRuntimeError.outOfMemory(requestId: requestId)
        case .syntax: named = LambdaRuntimeError.syntax(module: name, message: failure.message)
        case .missingFunction: named = LambdaRuntimeError.handlerNotFound(module: name, handler: "handler")
        case .marshal: named = LambdaRuntimeError.marshal(failure.message)
        case .runtime: named = (failure.name ?? LambdaRuntimeError.unnamed, failure.message)
        }
        // The prelude's own frames (the aws.client call that raised) tell the author nothing.
        return (named.type, named.message, failure.traceback.filter { !$0.hasPrefix("prelude:") })
    }

    private mutating func fail(_ type: String, _ message: String, _ trace: [String], logged: Bool = true) -> FunctionError {
        if logged && initFailure == nil { logError(type, message, trace) }
        return FunctionError(errorType: type, errorMessage: message, requestId: requestId, stackTrace: trace)
    }

    /// `[ERROR] Type: message` and the traceback, as one event, as the Python runtime logs an
    /// unhandled error.
    private mutating func logError(_ type: String, _ message: String, _ trace: [String]) {
        var text = "[ERROR] \(type): \(message)"
        if !trace.isEmpty { text += "\nstack traceback:\n" + trace.map { "\t" + $0 }.joined(separator: "\n") }
        log(text)
    }

    /// The context object of this invocation: the environment's members and its request id.
    private func context(_ environment: ExecutionEnvironment) -> JSONValue {
        var members = environment.contextTemplate
        members["aws_request_id"] = .string(requestId)
        return .object(members)
    }

    /// The context's members that are the same for every invocation of an environment
    /// (docs/lambda.md#context-object), `aws_request_id` first and empty.
    private func contextTemplate(stream: String) -> JSONObject {
        [
            "aws_request_id": "",
            "function_name": .string(name),
            "function_version": "$LATEST",
            "invoked_function_arn": .string(host.arn(of: name)),
            "memory_limit_in_mb": .int(Int64(definition.configuration.memorySize)),
            "log_group_name": .string(group),
            "log_stream_name": .string(stream),
        ]
    }

    /// The variables Lambda defines in every function's environment.
    private func reservedVariables(stream: String) -> [(String, String)] {
        [("AWS_LAMBDA_FUNCTION_NAME", name), ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
         ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String(definition.configuration.memorySize)),
         ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/\(name)"), ("AWS_LAMBDA_LOG_STREAM_NAME", stream),
         ("AWS_REGION", host.region), ("AWS_DEFAULT_REGION", host.region)]
    }

    private mutating func log(_ message: String) {
        append(FunctionLogEvent(timestamp: host.now(), message: message))
    }

    private mutating func append(_ event: FunctionLogEvent) {
        var event = event
        if event.message.utf8.count > PayloadLimits.logEvent { event.message = Self.cut(event.message) }
        lines.append(event)
        buffered += event.message.utf8.count + 26
        if buffered > Self.flushThreshold || lines.count >= Self.flushEvents { flush() }
    }

    /// Writes the buffered lines to the stream (once it is known), keeping the newest of
    /// them for `Invocation.logLines`.
    private mutating func flush() {
        guard let stream, !lines.isEmpty else { return }
        host.logs.write(group: group, stream: stream, events: lines)
        for event in lines {
            written.append(event.message)
            writtenBytes += event.message.utf8.count
        }
        var drop = 0
        while writtenBytes > Self.tailBytes, drop < written.count - 1 {
            writtenBytes -= written[drop].utf8.count
            drop += 1
        }
        written.removeFirst(drop)
        lines.removeAll(keepingCapacity: true)
        buffered = 0
    }

    /// A line longer than a CloudWatch Logs event may be is cut at that size, on a character
    /// boundary (docs/lambda.md#payload-and-log-limits).
    static func cut(_ message: String) -> String {
        let scalars = message.unicodeScalars
        var size = 0
        var end = scalars.startIndex
        while end < scalars.endIndex, size + scalars[end].utf8.count <= PayloadLimits.logEvent {
            size += scalars[end].utf8.count
            end = scalars.index(after: end)
        }
        return String(scalars[..<end])
    }

    private mutating func output(_ kind: ScriptOutputKind, _ text: String) {
        let at = host.now()
        if kind == .print {
            // Lambda turns each line of standard output into an event of its own. A text of
            // millions of lines is split as far as the deadline allows; the script is stopped
            // when this returns (LuaSandbox.isPastDeadline).
            var rest = text[...]
            var count = 0
            while true {
                count += 1
                if count & 255 == 0, sandbox?.isPastDeadline == true { return }
                guard let newline = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) else {
                    append(FunctionLogEvent(timestamp: at, message: String(rest)))
                    return
                }
                append(FunctionLogEvent(timestamp: at, message: String(rest[..<newline])))
                rest = rest[rest.utf8.index(after: newline)...]
            }
        } else {
            append(FunctionLogEvent(timestamp: at, message: Self.format(kind, text, requestId: requestId, at: at)))
        }
    }

    /// `[INFO]\t2024-01-01T00:00:00.123Z\t<requestId>\tmessage`, the Python runtime's format.
    static func format(_ kind: ScriptOutputKind, _ text: String, requestId: String?, at date: Date) -> String {
        let level = switch kind {
        case .print: ""
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warn, .warning: "WARNING"
        case .error: "ERROR"
        }
        if level.isEmpty { return text }
        let body = kind == .warning ? "Lua warning: \(text)" : text
        return "[\(level)]\t\(iso(date))\t\(requestId ?? "")\t\(body)"
    }

    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
