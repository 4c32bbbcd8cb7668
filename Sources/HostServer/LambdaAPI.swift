import Foundation
import HTTPTypes
import Hummingbird
import Identifiers
import JSONValue
import NIOCore
import Workspace

/// Lambda's REST-JSON operations: `POST /2015-03-31/functions/{name}/invocations` (Invoke),
/// `GET /2015-03-31/functions/` (ListFunctions), `GET /2015-03-31/functions/{name}`
/// (GetFunction).
struct LambdaAPI: Sendable {
    let service: LambdaService

    func respond(to request: Request) async -> Response {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // ["2015-03-31", "functions", name?, "invocations"?]
        do throws(ServiceError) {
            switch (request.method, parts.count) {
            case (.get, 2):
                let query = request.uri.queryParameters
                let page = try service.listFunctions(marker: query["Marker"].map(String.init),
                                                     maxItems: try query["MaxItems"].map { text throws(ServiceError) in try Self.int(String(text), "MaxItems") })
                var answer: JSONObject = ["Functions": .array(page.items)]
                if let next = page.nextToken { answer["NextMarker"] = .string(next) }
                return Self.json(.object(answer))
            case (.get, 3):
                return Self.json(try service.getFunction(Self.decoded(parts[2])))
            case (.post, 4) where parts[3] == "invocations":
                return try await invoke(Self.decoded(parts[2]), request)
            default:
                throw ServiceError(ServiceError.Code("UnknownOperationException", httpStatus: 404),
                                   "host does not serve \(request.method) \(request.uri.path)")
            }
        } catch {
            return Self.error(error)
        }
    }

    private func invoke(_ name: String, _ request: Request) async throws(ServiceError) -> Response {
        let typeName = request.headers[HTTPField.Name("X-Amz-Invocation-Type")!] ?? "RequestResponse"
        guard let type = LambdaService.InvocationType(rawValue: typeName) else {
            throw ServiceError(.lambdaInvalidParameterValue, "1 validation error detected: Value '\(typeName)' at 'invocationType' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [Event, RequestResponse, DryRun]")
        }
        let logType = request.headers[HTTPField.Name("X-Amz-Log-Type")!] ?? "None"
        guard logType == "None" || logType == "Tail" else {
            throw ServiceError(.lambdaInvalidParameterValue, "1 validation error detected: Value '\(logType)' at 'logType' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [Tail, None]")
        }
        if let context = request.headers[HTTPField.Name("X-Amz-Client-Context")!], !context.isEmpty {
            throw ServiceError(.lambdaInvalidParameterValue, "host does not pass a client context (X-Amz-Client-Context) to functions")
        }
        let body = try await Routes.body(of: request, limit: LambdaService.payloadLimit + 1)
        let output = try await service.invoke(functionName: name, payload: body, invocationType: type, tail: logType == "Tail")
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("X-Amz-Executed-Version")!] = output.executedVersion
        if let requestId = output.requestId { headers[HTTPField.Name("x-amzn-RequestId")!] = requestId }
        if let error = output.functionError { headers[HTTPField.Name("X-Amz-Function-Error")!] = error }
        if let log = output.logResult { headers[HTTPField.Name("X-Amz-Log-Result")!] = log }
        return Response(status: HTTPResponse.Status(code: output.statusCode), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: output.payload)))
    }

    static func decoded(_ component: String) -> String { component.removingPercentEncoding ?? component }

    static func int(_ text: String, _ field: String) throws(ServiceError) -> Int {
        guard let value = Int(text) else {
            throw ServiceError(.lambdaInvalidParameterValue, "1 validation error detected: Value '\(text)' at '\(field)' failed to satisfy constraint: Member must be a number")
        }
        return value
    }

    static func json(_ value: JSONValue) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("x-amzn-RequestId")!] = RandomIdentifier.lowercased()
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.compactString())))
    }

    /// Lambda's REST error: the `x-amzn-ErrorType` header and `{"Type": "User", "Message": ...}`
    /// (with `message` too, which some SDKs read).
    static func error(_ error: ServiceError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("x-amzn-ErrorType")!] = error.code.rawValue
        let body: JSONValue = ["Type": error.code.httpStatus < 500 ? "User" : "Service", "Message": .string(error.message),
                               "message": .string(error.message)]
        return Response(status: HTTPResponse.Status(code: error.code.httpStatus), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body.compactString())))
    }
}
