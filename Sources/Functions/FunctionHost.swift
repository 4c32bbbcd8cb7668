import Dispatch
import Foundation
import Identifiers
import JSONValue
import LuaSandbox
import Synchronization

/// The Lambda-like service: resolves functions, keeps their warm environments, runs
/// invocations and writes their logs. Safe to call from many threads at once.
public final class FunctionHost: Sendable {
    public let catalog: FunctionCatalog
    public let region: String
    public let account: String
    let logs: any FunctionLogSink
    /// What host API calls reach, after the function's policy allowed them.
    let services: (any HostServices)?
    let now: @Sendable () -> Date
    private let pools = Mutex<[String: Pool]>([:])
    /// Invocations queued by `invokeAsynchronously` and not yet done.
    private let queued = DispatchGroup()

    /// The warm environments of one function and how many invocations hold one now.
    struct Pool {
        var definition: FunctionDefinition
        var idle: [ExecutionEnvironment] = []
        var running = 0
    }

    public init(catalog: FunctionCatalog, logs: any FunctionLogSink, services: (any HostServices)? = nil,
                region: String = "us-east-1", account: String = "123456789012", now: @escaping @Sendable () -> Date) {
        self.catalog = catalog
        self.logs = logs
        self.services = services
        self.region = region
        self.account = account
        self.now = now
    }

    /// `arn:aws:lambda:<region>:<account>:function:<name>`
    public func arn(of name: String) -> String { "arn:aws:lambda:\(region):\(account):function:\(name)" }

    /// Runs `name`'s handler with `event`, as Lambda's synchronous Invoke does.
    ///
    /// A function's own failure (an error it raised, a timeout, running out of memory, a
    /// syntax error) is an `Invocation` with a `FunctionError`; a call that could not run the
    /// function at all (no such function, a sidecar that cannot be used, throttled) throws.
    ///
    /// `deadline` shortens the function's own timeout for this call (a Task state's
    /// TimeoutSeconds); the invocation then reports whether that deadline was the one hit.
    public func invoke(_ name: String, event: JSONValue, deadline: Duration? = nil) throws(LambdaServiceError) -> Invocation {
        if PayloadLimits.compactSize(of: event, limit: PayloadLimits.synchronousRequest) > PayloadLimits.synchronousRequest {
            throw .requestTooLarge
        }
        let (definition, warm) = try acquire(name)
        var run = InvocationRun(host: self, definition: definition, requestId: RandomIdentifier.lowercased(), deadline: deadline)
        let (invocation, environment, reusable) = run.run(event, warm: warm)
        release(name, environment: environment, reusable: reusable)
        return invocation
    }

    /// Queues an invocation and returns at once, as Lambda's Invoke with the `Event`
    /// invocation type does; `completion` gets what came of it, on another thread.
    /// `shutdown()` waits for the queued invocations, and for those they queue in turn.
    public func invokeAsynchronously(_ name: String, event: JSONValue,
                                     completion: @escaping @Sendable (Result<Invocation, LambdaServiceError>) -> Void) {
        let size = PayloadLimits.compactSize(of: event, limit: PayloadLimits.asynchronousRequest)
        if size > PayloadLimits.asynchronousRequest {
            return completion(.failure(.eventTooLarge(bytes: PayloadLimits.compactSize(of: event))))
        }
        queued.enter()
        DispatchQueue.global().async {
            defer { self.queued.leave() }
            completion(Result { () throws(LambdaServiceError) in try self.invoke(name, event: event) })
        }
    }

    /// Waits for the queued invocations, then closes every idle environment (running their
    /// pending finalizers).
    public func shutdown() {
        queued.wait()
        let environments = pools.withLock { pools in
            defer { for key in pools.keys { pools[key]?.idle = [] } }
            return pools.values.flatMap { pool in pool.idle.map { (pool.definition, $0) } }
        }
        for (definition, environment) in environments { close(environment, of: definition.name) }
    }

    /// Closes an environment; what its pending finalizers write (errors in `__gc`) goes to
    /// its stream.
    private func close(_ environment: ExecutionEnvironment, of function: String) {
        var lines: [FunctionLogEvent] = []
        environment.sandbox.close { kind, text in
            let at = self.now()
            lines.append(FunctionLogEvent(timestamp: at, message: InvocationRun.format(kind, text, requestId: nil, at: at)))
        }
        if !lines.isEmpty { logs.write(group: "/aws/lambda/\(function)", stream: environment.logStream, events: lines) }
    }

    /// Takes a warm environment, or the right to make one; throttles past the reservation.
    private func acquire(_ name: String) throws(LambdaServiceError) -> (FunctionDefinition, ExecutionEnvironment?) {
        if let taken = try take(name) { return taken }
        let definition: FunctionDefinition
        do { definition = try catalog.load(name) } catch {
            switch error {
            case .notFound: throw .resourceNotFound(arn(of: name))
            case .unreadable, .configuration: throw .invalidConfiguration(error.description)
            }
        }
        pools.withLock { pools in
            if pools[name] == nil { pools[name] = Pool(definition: definition) }
        }
        return try take(name)!
    }

    /// Takes a warm environment of a function already known, or the right to make one; nil
    /// when the function is not known yet.
    private func take(_ name: String) throws(LambdaServiceError) -> (FunctionDefinition, ExecutionEnvironment?)? {
        try pools.withLock { pools throws(LambdaServiceError) in
            // Changed in place: a copy of the pool taken out and put back would copy its
            // `idle` array on every call.
            guard let definition = pools[name]?.definition, let running = pools[name]?.running else { return nil }
            if let limit = definition.configuration.reservedConcurrency, running >= limit {
                throw LambdaServiceError.tooManyRequests
            }
            pools[name]!.running += 1
            return (definition, pools[name]!.idle.popLast())
        }
    }

    private func release(_ name: String, environment: ExecutionEnvironment?, reusable: Bool) {
        pools.withLock { pools in
            pools[name]?.running -= 1
            if reusable, let environment { pools[name]?.idle.append(environment) }
        }
        if !reusable, let environment { close(environment, of: name) }
    }
}

/// What one invocation returned.
public struct Invocation: Sendable {
    public enum Outcome: Sendable, Equatable {
        case success(JSONValue)
        case failure(FunctionError)
    }

    public var requestId: String
    public var outcome: Outcome
    /// The lines this invocation wrote to its log, START to REPORT (`--log-type Tail`).
    public var logLines: [String]
    /// The stream those lines went to.
    public var logStream: String
    /// True when the call's own `deadline`, shorter than the function's timeout, stopped it.
    public var hitCallerDeadline = false
}

extension FunctionHost {
    /// The Lua release functions run with, as the linked library names itself ("Lua 5.4.4").
    public static var luaRelease: String { LuaSandbox.luaRelease }

    /// A warning to show once when that release is not one whose published bug list the
    /// sandbox was checked against (docs/sandbox.md#lua-bugs), else nil.
    public static var uncheckedLuaWarning: String? { LuaSandbox.uncheckedReleaseWarning }
}
