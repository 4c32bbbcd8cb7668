import Foundation
import Identifiers
import JSONValue
import StatesLanguage

/// The parameters of an `arn:aws:states:::lambda:invoke` Task, read as Lambda's Invoke API
/// reads its request, and the response the Task's result is made of (docs/history.md,
/// "lambda:invoke").
struct LambdaInvokeRequest: Equatable {
    var functionName: String
    /// The event the function receives.
    var payload: JSONValue
    /// `LogType: Tail`.
    var wantsLogTail: Bool
    /// `InvocationType`: `RequestResponse` (the default), `Event` or `DryRun` (Lambda's Invoke).
    var invocationType = "RequestResponse"

    /// Reads the Task's effective parameters; a request Lambda would refuse is the error the
    /// Task fails with.
    ///
    /// `Payload` is the body of the request: a string is sent as it is, so Lambda parses its
    /// text as the event (recorded on AWS: `"Payload": "0"` reaches the function as `0`,
    /// `"\"HelloWorld\""` as `"HelloWorld"`); `null`, like no Payload, reaches it as `{}`.
    static func make(_ parameters: JSONValue) -> Result<LambdaInvokeRequest, StatesError> {
        guard let functionName = parameters["FunctionName"]?.stringValue else {
            return .failure(StatesError(ErrorName.runtime, cause: "The Parameters of a lambda:invoke Task must give a FunctionName string."))
        }
        var request = LambdaInvokeRequest(functionName: functionName, payload: [:], wantsLogTail: false)
        switch parameters["Payload"] {
        case nil, .null?:
            break
        case .string(let body)?:
            do { request.payload = try JSONValue.parse(body) } catch {
                return .failure(serviceError(
                    "InvalidRequestContentException", status: 400,
                    message: "Could not parse request body into json: Could not parse payload into json: \(error.message) at line \(error.line), column \(error.column)"))
            }
        case let value?:
            request.payload = value
        }
        switch parameters["LogType"] {
        case nil, "None"?: break
        case "Tail"?: request.wantsLogTail = true
        case let other?:
            return .failure(serviceError(
                "ValidationException", status: 400,
                message: "1 validation error detected: Value '\(Interpreter.plain(other))' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]"))
        }
        switch parameters["InvocationType"] {
        case nil, .null?: break
        case .string(let type)? where ["RequestResponse", "Event", "DryRun"].contains(type): request.invocationType = type
        case let other?:
            return .failure(serviceError(
                "ValidationException", status: 400,
                message: "1 validation error detected: Value '\(Interpreter.plain(other))' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"))
        }
        for (field, value) in parameters.objectValue ?? [:] {
            switch (field, value) {
            case ("FunctionName", _), ("Payload", _), ("LogType", _), ("Qualifier", _), ("InvocationType", _):
                continue
            case ("ClientContext", _):
                return .failure(StatesError(ErrorName.runtime, cause: "host does not run lambda:invoke with \(field) \(value.compactString()); it runs invocations without a client context."))
            default:
                return .failure(StatesError(ErrorName.runtime, cause: "The field '\(field)' is not supported by Step Functions for lambda:invoke."))
            }
        }
        return .success(request)
    }

    /// A Lambda service error as Step Functions reports it: `Lambda.<Code>` and the SDK's
    /// message with its service, status code and request id.
    static func serviceError(_ code: String, status: Int, message: String) -> StatesError {
        StatesError("Lambda.\(code)", cause: "\(message) (Service: AWSLambda; Status Code: \(status); Error Code: \(code); Request ID: \(RandomIdentifier.lowercased()); Proxy: null)")
    }

    /// The Invoke response as `lambda:invoke` returns it, with the HTTP headers Lambda sends
    /// (recorded on AWS): `Content-Length` is the size of the response body, `Date` the
    /// time of the answer, and with `LogType: Tail` the log's end comes base64-encoded as
    /// `LogResult` and the `X-Amz-Log-Result` header.
    static func output(_ response: FunctionResponse, date: Date) -> JSONValue {
        // A mock's Return is the Invoke response as it stands (docs/testing.md).
        if let whole = response.taskResult { return whole }
        let (payload, requestId) = (response.payload, response.requestId)
        let logResult = response.logTail.map { Data($0.utf8).base64EncodedString() }
        let length = response.bodyLength ?? payload.compactString().utf8.count
        // In the order AWS's recorded responses list them; HttpHeaders is the same set sorted
        // without regard to case, as the SDK's header map sorts it.
        var headers: [(String, String)] = []
        if let logResult { headers.append(("X-Amz-Log-Result", logResult)) }
        headers += [
            ("X-Amz-Executed-Version", "$LATEST"),
            ("x-amzn-Remapped-Content-Length", "0"),
            ("Connection", "keep-alive"),
            ("x-amzn-RequestId", requestId),
            ("Content-Length", String(length)),
            ("Date", httpDate(date)),
            ("X-Amzn-Trace-Id", traceId(requestId: requestId, date: date)),
            ("Content-Type", "application/json"),
        ]
        let status = response.statusCode
        // "ExecutedVersion: The version of the function that executed": none for an Event or
        // DryRun invocation, which runs nothing before it answers.
        if status != 200 { headers.removeAll { $0.0 == "X-Amz-Executed-Version" } }
        let sorted = headers.sorted { $0.0.lowercased() < $1.0.lowercased() }
        var response: JSONObject = status == 200 ? ["ExecutedVersion": "$LATEST"] : [:]
        if let logResult { response["LogResult"] = .string(logResult) }
        response["Payload"] = payload
        response["SdkHttpMetadata"] = [
            "AllHttpHeaders": .object(JSONObject(uniqueKeysWithValues: headers.map { ($0.0, [.string($0.1)]) })),
            "HttpHeaders": .object(JSONObject(uniqueKeysWithValues: sorted.map { ($0.0, .string($0.1)) })),
            "HttpStatusCode": .int(Int64(status)),
        ]
        response["SdkResponseMetadata"] = ["RequestId": .string(requestId)]
        response["StatusCode"] = .int(Int64(status))
        return .object(response)
    }

    /// `Tue, 01 Apr 2025 20:52:20 GMT`: an HTTP date (RFC 9110, IMF-fixdate).
    static func httpDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    /// An X-Ray trace header in the form Lambda answers with: `root=1-<epoch seconds, hex>-<24
    /// hex digits>;sampled=0`; the digits are the request id's, so one call has one trace.
    static func traceId(requestId: String, date: Date) -> String {
        let digits = requestId.filter(\.isHexDigit).prefix(24)
        return "root=1-\(String(Int(date.timeIntervalSince1970), radix: 16))-\(digits);sampled=0"
    }
}
