import Foundation
import Identifiers
import LuaSandbox
import Services
import StatesLanguage

/// A service a Task reaches, with how Step Functions names its errors.
enum IntegrationService {
    case dynamoDB
    case sns
    /// DynamoDB through the AWS SDK integration, whose errors are `DynamoDb.<Code>`.
    case dynamoDBSDK

    /// The service's error as the Task fails with it: `DynamoDB.ConditionalCheckFailedException`
    /// (the optimized integration's prefix, "Call DynamoDB APIs with Step Functions"),
    /// `SNS.NotFoundException`; its cause is the service's message followed by what the SDK
    /// says of the call (service, status code, error code, request id), as `lambda:invoke`'s
    /// are (docs/integrations.md). A request the service's API cannot take (a missing or
    /// unknown member) fails the Task with `States.Runtime`: no call is made.
    func error(_ error: HostCallError) -> StatesError {
        if error.errorType == "ParamValidationError" {
            return StatesError(ErrorName.runtime, cause: error.errorMessage)
        }
        let code = error.errorType
        let name = code.hasSuffix("Exception") ? code : code + "Exception"
        let (prefix, sdkService, wireCode, status) = wire(code)
        let requestId = RandomIdentifier.lowercased()
        if self == .dynamoDBSDK {
            return StatesError("\(prefix).\(name)", cause: Self.sdkCause(error.errorMessage, service: sdkService, status: status, requestId: requestId))
        }
        return StatesError("\(prefix).\(name)", cause: "\(error.errorMessage) (Service: \(sdkService); Status Code: \(status); Error Code: \(wireCode); Request ID: \(requestId); Proxy: null)")
    }

    /// The error's prefix, the SDK's name of the service, the error code on the wire and its
    /// HTTP status.
    private func wire(_ code: String) -> (prefix: String, sdkService: String, code: String, status: Int) {
        switch self {
        case .dynamoDB:
            // DynamoDB's codes are its exception names; InternalServerError is a 500 (DynamoDB
            // API reference, "Common Errors").
            return ("DynamoDB", "AmazonDynamoDBv2", code, code == "InternalServerError" ? 500 : 400)
        case .sns:
            // SNS's query protocol names its errors without the suffix: NotFound (404),
            // InvalidParameter (400), InternalError (500) (SNS API reference, Publish, Errors).
            let bare = code.hasSuffix("Exception") ? String(code.dropLast("Exception".count)) : code
            return ("SNS", "AmazonSNS", bare, bare == "NotFound" ? 404 : bare == "InternalError" ? 500 : 400)
        case .dynamoDBSDK:
            return ("DynamoDb", "DynamoDb", code, code == "InternalServerError" ? 500 : 400)
        }
    }

    /// An S3 error through the AWS SDK integration: `S3.<Code>Exception`, "even if the suffix
    /// is not already part of the error name the service provides" (AWS SDK service
    /// integrations: `S3.NoSuchKeyException`). What host refuses to carry out, or a request
    /// the API cannot take, makes no call and fails with `States.Runtime`.
    static func s3Error(_ error: BucketError) -> StatesError {
        if error.code == "ParamValidationError" || error.code == "NotImplemented" || error.code == "UnknownOperationException" {
            return StatesError(ErrorName.runtime, cause: error.message)
        }
        let name = error.code.hasSuffix("Exception") ? error.code : error.code + "Exception"
        // S3 answers a request id of 16 characters and an extended one (its HostId), which the
        // SDK adds to the cause.
        let requestId = RandomIdentifier.uuid().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).uppercased()
        let extended = Data((0..<57).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        return StatesError("S3.\(name)", cause: sdkCause(error.message, service: "S3", status: error.httpStatus,
                                                         requestId: "\(requestId), Extended Request ID: \(extended)"))
    }

    /// The cause of an AWS SDK integration's error: the service's message and what the SDK
    /// (for Java 2.x) says of the call (docs/integrations.md, unsure).
    static func sdkCause(_ message: String, service: String, status: Int, requestId: some StringProtocol) -> String {
        "\(message) (Service: \(service), Status Code: \(status), Request ID: \(requestId))"
    }
}
