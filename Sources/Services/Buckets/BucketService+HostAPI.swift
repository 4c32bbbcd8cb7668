import Clocks
import Foundation
import Functions
import JSONValue
import LuaSandbox

/// A function's `s3` host calls, in boto3's shapes: `aws.client("s3").get_object({Bucket =
/// "b", Key = "k"})`. A Body is text: Lua strings are bytes, but they reach the host as JSON
/// strings, so a body must be UTF-8 (docs/buckets.md, "Bodies").
extension BucketService {
    /// The operations and the parameters each carries out; any other parameter is refused.
    static let parameters: [String: [String]] = [
        "GetObject": ["Bucket", "Key"], "HeadObject": ["Bucket", "Key"], "DeleteObject": ["Bucket", "Key"],
        "PutObject": ["Bucket", "Key", "Body", "ContentType"],
        "ListObjectsV2": ["Bucket", "Prefix", "Delimiter", "MaxKeys", "ContinuationToken", "StartAfter"],
    ]

    /// Performs a function's `s3` host call; `request.action` is the operation (ListObjectsV2).
    public func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
        do { return .success(try perform(request.action, request.parameters)) } catch { return .failure(error.hostCallError) }
    }

    /// Performs an S3 operation (`GetObject`, `ListObjectsV2`, …) with its request in boto3's shape.
    public func perform(_ action: String, _ request: JSONValue) throws(BucketError) -> JSONValue {
        let parameters = try Self.members(action, request)
        func string(_ name: String) throws(BucketError) -> String? {
            switch parameters[name] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case let value?: throw Self.wrongType(name, value, "<class 'str'>")
            }
        }
        func required(_ name: String) throws(BucketError) -> String {
            guard let text = try string(name) else { throw Self.parameterValidation("Missing required parameter in input: \"\(name)\"") }
            return text
        }
        switch action {
        case "GetObject":
            let result = try getObject(bucket: try required("Bucket"), key: try required("Key"))
            guard let body = String(validating: result.body, as: UTF8.self) else {
                throw .notImplemented("The object's bytes are not UTF-8 text, and host passes a Body to a function as text")
            }
            var answer = Self.json(result.metadata)
            answer["Body"] = .string(body)
            return .object(answer)
        case "HeadObject":
            return .object(Self.json(try headObject(bucket: try required("Bucket"), key: try required("Key"))))
        case "PutObject":
            let body: Data
            switch parameters["Body"] {
            case nil, .null?: body = Data()
            case .string(let text)?: body = Data(text.utf8)
            case let value?: throw Self.wrongType("Body", value, "<class 'bytes'>, <class 'bytearray'>, file-like object")
            }
            let metadata = try putObject(bucket: try required("Bucket"), key: try required("Key"), body: body,
                                         contentType: try string("ContentType"))
            return ["ETag": .string(metadata.eTag)]
        case "DeleteObject":
            try deleteObject(bucket: try required("Bucket"), key: try required("Key"))
            return [:]
        default:
            let maxKeys: Int?
            switch parameters["MaxKeys"] {
            case nil, .null?: maxKeys = nil
            case .int(let value)?: maxKeys = Int(value)
            case let value?: throw Self.wrongType("MaxKeys", value, "<class 'int'>")
            }
            let result = try listObjectsV2(ListObjectsV2Request(
                bucket: try required("Bucket"), prefix: try string("Prefix"), delimiter: try string("Delimiter"),
                maxKeys: maxKeys, continuationToken: try string("ContinuationToken"), startAfter: try string("StartAfter")))
            return Self.json(result)
        }
    }

    /// botocore's check of a request before it is sent (`ParamValidationError`).
    static func parameterValidation(_ problem: String) -> BucketError {
        BucketError("ParamValidationError", "Parameter validation failed:\n" + problem, httpStatus: 400)
    }

    static func wrongType(_ name: String, _ value: JSONValue, _ expected: String) -> BucketError {
        parameterValidation("Invalid type for parameter \(name), value: \(value.compactString()), type: \(value.typeName), valid types: \(expected)")
    }

    /// The request's members, each one the operation carries out.
    private static func members(_ action: String, _ parameters: JSONValue) throws(BucketError) -> JSONObject {
        guard let accepted = Self.parameters[action] else {
            throw BucketError("UnknownOperationException", "The host offers no operation '\(action)' for 's3'.", httpStatus: 400)
        }
        guard case .object(let members) = parameters else { throw wrongType("input", parameters, "<class 'dict'>") }
        for name in members.keys where !accepted.contains(name) {
            throw .notImplemented("host does not carry out the parameter \(name) of \(action); it takes \(accepted.joined(separator: ", ")) (docs/buckets.md)")
        }
        return members
    }

    /// GetObject's and HeadObject's fields.
    static func json(_ metadata: ObjectMetadata) -> JSONObject {
        ["ContentLength": .int(Int64(metadata.contentLength)), "ContentType": .string(metadata.contentType),
         "ETag": .string(metadata.eTag), "LastModified": .string(metadata.lastModified.iso8601Milliseconds)]
    }

    /// ListObjectsV2's answer; members S3 leaves out of its XML when empty are left out.
    static func json(_ result: ListObjectsV2Result) -> JSONValue {
        var answer: JSONObject = ["IsTruncated": .bool(result.isTruncated)]
        if !result.contents.isEmpty {
            answer["Contents"] = .array(result.contents.map { object in
                ["Key": .string(object.key), "LastModified": .string(object.lastModified.iso8601Milliseconds),
                 "ETag": .string(object.eTag), "Size": .int(Int64(object.size)), "StorageClass": "STANDARD"]
            })
        }
        answer["Name"] = .string(result.name)
        answer["Prefix"] = .string(result.prefix ?? "")
        if let delimiter = result.delimiter { answer["Delimiter"] = .string(delimiter) }
        answer["MaxKeys"] = .int(Int64(result.maxKeys))
        if !result.commonPrefixes.isEmpty {
            answer["CommonPrefixes"] = .array(result.commonPrefixes.map { ["Prefix": .string($0)] })
        }
        answer["KeyCount"] = .int(Int64(result.keyCount))
        if let token = result.continuationToken { answer["ContinuationToken"] = .string(token) }
        if let token = result.nextContinuationToken { answer["NextContinuationToken"] = .string(token) }
        if let startAfter = result.startAfter { answer["StartAfter"] = .string(startAfter) }
        return .object(answer)
    }
}
