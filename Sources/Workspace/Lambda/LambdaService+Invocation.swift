import Functions
import JSONValue
import Store

/// One invocation of a function, as `host invoke` reports it.
public struct FunctionInvocation: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The function's result.
        case success(JSONValue)
        /// The function failed: Lambda's error payload (`errorType`, `errorMessage`, ...).
        case failure(payload: JSONValue)
    }

    public var requestId: String
    public var outcome: Outcome
    /// The lines the invocation wrote to its log, START to REPORT.
    public var logLines: [String]
}

/// Why a function could not be invoked at all.
public enum InvocationFailure: Error, Sendable, CustomStringConvertible {
    /// The function's sidecar cannot be used: each of its problems, `FILE:LINE:COLUMN: error: MESSAGE`.
    case configuration(problems: String)
    /// No such function, its script cannot be read, or the workspace's state cannot be opened.
    case unavailable(String)
    /// Lambda refused the call (`Lambda.TooManyRequestsException: ...`, docs/lambda.md).
    case refused(String)

    public var description: String {
        switch self {
        case .configuration(let problems): problems
        case .unavailable(let reason), .refused(let reason): reason
        }
    }
}

extension LambdaService {
    /// The Lua release functions run with, as the linked library names itself ("Lua 5.4.4").
    public static var luaRelease: String { FunctionHost.luaRelease }

    /// A warning to show once when that release is not one whose bug list the sandbox was
    /// checked against (docs/sandbox.md#lua-bugs), else nil.
    public static var uncheckedLuaWarning: String? { FunctionHost.uncheckedLuaWarning }

    /// Runs the function `name` once with `event` and waits for its end. The function is
    /// resolved, and its sidecar checked, before anything is opened or written.
    public func invokeFunction(_ name: String, event: JSONValue) throws(InvocationFailure) -> FunctionInvocation {
        do throws(FunctionLoadError) { _ = try workspace.functionCatalog.load(name) } catch {
            guard case .configuration(let problems) = error else { throw .unavailable(error.description) }
            throw .configuration(problems: problems.description)
        }
        let host: FunctionHost
        do throws(StoreError) { host = try workspace.functionHost() } catch { throw .unavailable(error.description) }
        let invocation: Invocation
        do throws(LambdaServiceError) { invocation = try host.invoke(name, event: event) } catch { throw .refused(error.description) }
        let outcome: FunctionInvocation.Outcome = switch invocation.outcome {
        case .success(let value): .success(value)
        case .failure(let error): .failure(payload: error.payload)
        }
        return FunctionInvocation(requestId: invocation.requestId, outcome: outcome, logLines: invocation.logLines)
    }
}
