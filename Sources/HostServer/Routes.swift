import Foundation
import HTTPTypes
import Hummingbird
import Identifiers
import JSONValue
import NIOCore
import Workspace

/// Where each request goes, and how each answer and error is written.
struct Routes: Sendable {
    let workspace: Workspace

    /// The largest request body read: Lambda's 6 MB payload limit and a little more for the
    /// JSON around it; a larger one is refused before it is read whole.
    static let bodyLimit = 6 * 1024 * 1024 + 64 * 1024

    // The header names, checked once rather than on every request.
    static let targetField = HTTPField.Name("X-Amz-Target")!
    static let requestIdField = HTTPField.Name("x-amzn-RequestId")!
    static let errorTypeField = HTTPField.Name("x-amzn-ErrorType")!

    func respond(to request: Request) async -> Response {
        if request.uri.path.hasPrefix("/2015-03-31/functions") {
            return await LambdaAPI(service: workspace.lambda).respond(to: request)
        }
        guard request.method == .post else {
            return Self.error(ServiceError(.unknownOperation, "host serves AWS JSON requests (POST / with X-Amz-Target) and Lambda's /2015-03-31/functions/"),
                              protocol: .json10)
        }
        guard let target = request.headers[Self.targetField] else {
            return Self.error(ServiceError(.unknownOperation, "The request has no X-Amz-Target header"), protocol: .json10)
        }
        let (prefix, operation) = Self.split(target)
        let jsonProtocol: JSONProtocol = prefix == "AWSStepFunctions" ? .json10 : .json11
        let body: ByteBuffer
        do throws(ServiceError) { body = try await Self.bodyBuffer(of: request) } catch { return Self.error(error, protocol: jsonProtocol) }
        do throws(ServiceError) {
            let awsRequest = try AWSRequest(operation: operation, bytes: body.readableBytesView)
            let answer: JSONValue
            switch prefix {
            case "AWSStepFunctions": answer = try await StepFunctionsAPI(service: workspace.stepFunctions).handle(awsRequest)
            case "Logs_20140328": answer = try await LogsAPI(service: workspace.logs).handle(awsRequest)
            case "AWSEvents": answer = try await EventsAPI(service: workspace.eventBridge).handle(awsRequest)
            default: throw ServiceError(.unknownOperation, "host does not serve \(target)")
            }
            return Self.json(answer, protocol: jsonProtocol)
        } catch {
            return Self.error(error, protocol: jsonProtocol)
        }
    }

    /// The request's body, refused past `bodyLimit` (413, as AWS refuses a request entity too
    /// large) without being read further: at once when its Content-Length says so.
    static func body(of request: Request, limit: Int = bodyLimit) async throws(ServiceError) -> [UInt8] {
        Array(try await bodyBuffer(of: request, limit: limit).readableBytesView)
    }

    /// The request's body as it came, refused as `body(of:limit:)` refuses it: a body of one
    /// buffer is read in place, without a copy.
    static func bodyBuffer(of request: Request, limit: Int = bodyLimit) async throws(ServiceError) -> ByteBuffer {
        try refuseDeclaredLength(of: request, limit: limit)
        do { return try await request.body.collect(upTo: limit) } catch { throw tooLarge(limit) }
    }

    /// The body read whole (at most `limit` bytes) and kept in `request`, so that the route
    /// reads it again after the signature check hashed it.
    static func collectBody(of request: inout Request, limit: Int = bodyLimit) async throws(ServiceError) -> ByteBuffer {
        try refuseDeclaredLength(of: request, limit: limit)
        do { return try await request.collectBody(upTo: limit) } catch { throw tooLarge(limit) }
    }

    private static func refuseDeclaredLength(of request: Request, limit: Int) throws(ServiceError) {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge(limit) }
    }

    /// "RequestEntityTooLargeException" (HTTP 413) is in the common errors of the Lambda API
    /// reference.
    private static func tooLarge(_ limit: Int) -> ServiceError {
        ServiceError(ServiceError.Code("RequestEntityTooLargeException", httpStatus: 413), "Request must be smaller than \(limit) bytes")
    }

    /// How AWS's protocols are told apart: Lambda's REST-JSON by its path; else the JSON
    /// protocol of the target's service (Step Functions 1.0, the others 1.1).
    enum WireProtocol: Equatable {
        case json(JSONProtocol)
        case restJSON
    }

    static func wireProtocol(of request: Request) -> WireProtocol {
        if request.uri.path.hasPrefix("/2015-03-31/functions") { return .restJSON }
        let target = request.headers[Self.targetField] ?? ""
        return .json(split(target).0 == "AWSStepFunctions" ? .json10 : .json11)
    }

    /// `error` in the shape the request's protocol answers errors.
    static func error(_ error: ServiceError, for request: Request) -> Response {
        switch wireProtocol(of: request) {
        case .restJSON: LambdaAPI.error(error)
        case .json(let jsonProtocol): Self.error(error, protocol: jsonProtocol)
        }
    }

    /// `AWSStepFunctions.StartExecution` → ("AWSStepFunctions", "StartExecution").
    static func split(_ target: String) -> (String, String) {
        guard let dot = target.lastIndex(of: ".") else { return (target, "") }
        return (String(target[..<dot]), String(target[target.index(after: dot)...]))
    }

    /// The JSON protocols' content types.
    enum JSONProtocol: String {
        case json10 = "application/x-amz-json-1.0"
        case json11 = "application/x-amz-json-1.1"
    }

    static func json(_ value: JSONValue, protocol jsonProtocol: JSONProtocol, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = jsonProtocol.rawValue
        headers[Self.requestIdField] = RandomIdentifier.lowercased()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.compactString())))
    }

    /// AWS's JSON error: `{"__type": CODE, "message": ...}` and the `x-amzn-ErrorType` header,
    /// which the SDKs read to raise their exception.
    static func error(_ error: ServiceError, protocol jsonProtocol: JSONProtocol) -> Response {
        var response = json(["__type": .string(error.code.rawValue), "message": .string(error.message)], protocol: jsonProtocol,
                            status: HTTPResponse.Status(code: error.code.httpStatus))
        response.headers[Self.errorTypeField] = error.code.rawValue
        return response
    }
}
