import Clocks
import Dispatch
import Foundation
import Functions
import JSONValue
import Store

/// Lambda in AWS's terms, over the workspace's functions (`functions/<Name>.lua`): Invoke,
/// ListFunctions, GetFunction.
public struct LambdaService: Sendable {
    let workspace: Workspace

    /// How a call runs (Invoke's `X-Amz-Invocation-Type`).
    public enum InvocationType: String, Sendable {
        /// Runs the function and answers its result.
        case requestResponse = "RequestResponse"
        /// Queues the invocation and answers at once (202).
        case event = "Event"
        /// Checks that the call could be made, runs nothing (204).
        case dryRun = "DryRun"
    }

    /// What Invoke answers.
    public struct InvokeOutput: Sendable {
        /// 200, 202 (Event) or 204 (DryRun).
        public var statusCode: Int
        /// The response body: the result as the runtime writes it, or Lambda's error payload.
        public var payload: String
        /// `Unhandled` when the function failed (`X-Amz-Function-Error`).
        public var functionError: String?
        /// The log's last 4 KB, base64 (`X-Amz-Log-Result`), for `LogType: Tail`.
        public var logResult: String?
        public var executedVersion = "$LATEST"
        public var requestId: String?
    }

    /// Invoke. `payload` is the request body: JSON text (empty means `{}`); a body that is not
    /// JSON is InvalidRequestContentException, over 6 MB RequestTooLargeException
    /// (docs/lambda.md). A function that fails answers 200 with its error payload and
    /// `functionError`, as Lambda does; one that cannot be called at all is the error.
    public func invoke(functionName: String, payload: [UInt8], invocationType: InvocationType = .requestResponse,
                       tail: Bool = false) async throws(ServiceError) -> InvokeOutput {
        guard payload.count <= Self.payloadLimit else {
            throw ServiceError(.lambdaRequestTooLarge, "Request must be smaller than \(Self.payloadLimit) bytes for the InvokeFunction operation")
        }
        let event: JSONValue
        if payload.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            event = [:]
        } else {
            do { event = try JSONValue.parse(bytes: payload) } catch {
                throw ServiceError(.lambdaInvalidRequestContent,
                                   "Could not parse request body into json: Could not parse payload into json: \(error.message) at line \(error.line), column \(error.column)")
            }
        }
        let name = try self.functionName(functionName)
        let host: FunctionHost
        do throws(StoreError) { host = try workspace.functionHost() } catch { throw ServiceError(.lambdaService, error.message) }
        switch invocationType {
        case .dryRun:
            do throws(FunctionLoadError) { _ = try workspace.functionCatalog.load(name) } catch { throw Self.error(loading: error, name: name, host: host) }
            return InvokeOutput(statusCode: 204, payload: "")
        case .event:
            do throws(FunctionLoadError) { _ = try workspace.functionCatalog.load(name) } catch { throw Self.error(loading: error, name: name, host: host) }
            host.invokeAsynchronously(name, event: event) { _ in }
            return InvokeOutput(statusCode: 202, payload: "")
        case .requestResponse:
            let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Invocation, LambdaServiceError>, Never>) in
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { () throws(LambdaServiceError) in try host.invoke(name, event: event) })
                }
            }
            let invocation: Invocation
            switch result {
            case .success(let done): invocation = done
            case .failure(let error): throw Self.serviceError(error)
            }
            var output: InvokeOutput
            switch invocation.outcome {
            case .success(let value):
                output = InvokeOutput(statusCode: 200, payload: PythonJSON.dumps(value))
            case .failure(let error):
                output = InvokeOutput(statusCode: 200, payload: PythonJSON.dumps(error.payload), functionError: "Unhandled")
            }
            output.requestId = invocation.requestId
            if tail { output.logResult = Data(FunctionTaskInvoker.logTail(invocation.logLines).utf8).base64EncodedString() }
            return output
        }
    }

    /// ListFunctions: every function of `functions/`, by name, `MaxItems` (default 50, at most
    /// 10,000) a page after `Marker`.
    public func listFunctions(marker: String? = nil, maxItems: Int? = nil) throws(ServiceError) -> Page<JSONValue> {
        let host: FunctionHost
        do throws(StoreError) { host = try workspace.functionHost() } catch { throw ServiceError(.lambdaService, error.message) }
        let functions = workspace.functionCatalog.names().compactMap { try? configuration(of: $0, host: host) }
        return try Page.of(functions, maxResults: maxItems, nextToken: marker, defaultSize: 50, limit: 10_000, field: "maxItems")
    }

    /// GetFunction: the function's configuration, and where its code is.
    public func getFunction(_ reference: String) throws(ServiceError) -> JSONValue {
        let name = try functionName(reference)
        let host: FunctionHost
        do throws(StoreError) { host = try workspace.functionHost() } catch { throw ServiceError(.lambdaService, error.message) }
        let configuration: JSONValue
        do throws(FunctionLoadError) { configuration = try self.configuration(of: name, host: host) } catch {
            throw Self.error(loading: error, name: name, host: host)
        }
        let script = workspace.functionsDirectory.appendingPathComponent("\(name).lua")
        return ["Configuration": configuration, "Code": ["RepositoryType": "S3", "Location": .string(script.absoluteString)]]
    }

    /// Lambda's FunctionConfiguration of one function.
    func configuration(of name: String, host: FunctionHost) throws(FunctionLoadError) -> JSONValue {
        let definition = try workspace.functionCatalog.load(name)
        let settings = definition.configuration
        let script = workspace.functionsDirectory.appendingPathComponent("\(name).lua")
        let modified = (try? FileManager.default.attributesOfItem(atPath: script.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        var object: JSONObject = [
            "FunctionName": .string(name),
            "FunctionArn": .string(host.arn(of: name)),
            // host's runtime: Lua 5.4 in its sandbox, behaving as Lambda's Python runtime does.
            "Runtime": "lua5.4",
            "Role": .string("arn:aws:iam::\(host.account):role/service-role/\(name)-role"),
            "Handler": "handler",
            "CodeSize": .int(Int64(definition.source.utf8.count)),
            "Timeout": .int(Int64(settings.timeout)),
            "MemorySize": .int(Int64(settings.memorySize)),
            "LastModified": .string(Self.lastModified(modified)),
            "Version": "$LATEST",
            "PackageType": "Zip",
            "State": "Active",
            "Architectures": ["x86_64"],
        ]
        if !settings.environment.isEmpty { object["Environment"] = ["Variables": .object(settings.environment)] }
        return .object(object)
    }

    /// A function named by name, `name:qualifier`, partial or full ARN.
    func functionName(_ reference: String) throws(ServiceError) -> String {
        guard let name = FunctionTaskInvoker.functionName(reference) else {
            throw ServiceError(.lambdaInvalidParameterValue, "1 validation error detected: Value '\(reference)' at 'functionName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")
        }
        return name
    }

    /// "Payload size: 6 MB" for synchronous invocations (Lambda quotas, docs/lambda.md).
    public static let payloadLimit = 6 * 1024 * 1024

    static func error(loading error: FunctionLoadError, name: String, host: FunctionHost) -> ServiceError {
        switch error {
        case .notFound: ServiceError(.lambdaResourceNotFound, "Function not found: \(host.arn(of: name))")
        case .configuration(let problems):
            ServiceError(.lambdaInvalidParameterValue, "The function's configuration is not valid: " + problems.problems.joined(separator: "; "))
        case .unreadable: ServiceError(.lambdaService, error.description)
        }
    }

    static func serviceError(_ error: LambdaServiceError) -> ServiceError {
        let code = error.name.hasPrefix("Lambda.") ? String(error.name.dropFirst(7)) : error.name
        return ServiceError(ServiceError.Code(code, httpStatus: error.statusCode), error.message)
    }

    /// `2024-01-01T00:00:00.000+0000`, as FunctionConfiguration writes LastModified.
    static func lastModified(_ date: Date) -> String {
        String(date.iso8601Milliseconds.dropLast()) + "+0000"
    }
}

extension Workspace {
    /// Lambda over this workspace's functions.
    public var lambda: LambdaService { LambdaService(workspace: self) }
}
