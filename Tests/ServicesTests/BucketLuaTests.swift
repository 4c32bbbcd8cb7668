import Foundation
import Functions
import JSONValue
import LuaSandbox
import Services
import TestSupport
import XCTest

/// A Lua function reaches the buckets through `aws.client("s3")` with boto3's method names,
/// and its policy is checked with IAM's names for S3's actions and resources (Service
/// Authorization Reference, "Actions defined by Amazon S3": ListObjectsV2 needs s3:ListBucket
/// on the bucket, HeadObject s3:GetObject on the object).
final class BucketLuaTests: XCTestCase {
    struct BucketsOnly: HostServices {
        let buckets: BucketService
        func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> { buckets.handle(request) }
    }

    struct NoLogs: FunctionLogSink {
        func write(group: String, stream: String, events: [FunctionLogEvent]) {}
    }

    func invoke(_ source: String, policy: String) throws -> JSONValue? {
        let workspace = try TemporaryWorkspace()
        try workspace.addFunction("handler", source, configuration: #"{"policy": {"Version": "2012-10-17", "Statement": \#(policy)}}"#)
        let directory = workspace.root.appendingPathComponent("buckets")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let buckets = BucketService(store: FolderObjectStore(directory: directory), now: { Date(timeIntervalSince1970: 1_700_000_000) })
        let host = FunctionHost(catalog: FunctionCatalog(directory: workspace.functions), logs: NoLogs(),
                                services: BucketsOnly(buckets: buckets), now: { Date(timeIntervalSince1970: 1_700_000_000) })
        defer { host.shutdown() }
        let invocation = try host.invoke("handler", event: [:])
        guard case .success(let result) = invocation.outcome else {
            XCTFail("\(invocation.outcome)")
            return nil
        }
        return result
    }

    /// Put, list, get, head and delete; the answers in boto3's shapes, with S3's values: the
    /// ETag of "abc" is its MD5 in quotes (RFC 1321, A.5), an object put without a content
    /// type is binary/octet-stream (PutObject), a missing key is NoSuchKey for GetObject and
    /// 404 NotFound for HeadObject.
    func testAFunctionPutsListsGetsHeadsAndDeletes() throws {
        let answer = try invoke(#"""
            local s3 = aws.client("s3")
            function handler(event, context)
              local put = s3.put_object({Bucket = "data", Key = "in/a.txt", Body = "abc", ContentType = "text/plain"})
              s3.put_object({Bucket = "data", Key = "in/b.txt"})
              local page = s3.list_objects_v2({Bucket = "data", Prefix = "in/", MaxKeys = 1})
              local rest = s3.list_objects_v2({Bucket = "data", Prefix = "in/", ContinuationToken = page.NextContinuationToken})
              local got = s3.get_object({Bucket = "data", Key = "in/a.txt"})
              local head = s3.head_object({Bucket = "data", Key = "in/b.txt"})
              s3.delete_object({Bucket = "data", Key = "in/a.txt"})
              local _, missing = pcall(s3.get_object, {Bucket = "data", Key = "in/a.txt"})
              local _, gone = pcall(s3.head_object, {Bucket = "data", Key = "in/a.txt"})
              local _, binary = pcall(s3.put_object, {Bucket = "data", Key = "bin", Body = "\xff\xfe"})
              local _, unknown = pcall(s3.get_object, {Bucket = "data", Key = "in/b.txt", Range = "bytes=0-1"})
              return {etag = put.ETag, first = page.Contents[1].Key, truncated = page.IsTruncated, count = page.KeyCount,
                      second = rest.Contents[1].Key, body = got.Body, type = got.ContentType, length = got.ContentLength,
                      modified = got.LastModified, headType = head.ContentType, headLength = head.ContentLength,
                      missing = missing.errorType, gone = gone.errorType, binary = binary.errorType, unknown = unknown.errorType}
            end
            """#, policy: #"""
            [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::data/*"},
             {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data"}]
            """#)
        let expected: [String: JSONValue] = [
            "etag": "\"900150983cd24fb0d6963f7d28e17f72\"", "first": "in/a.txt", "truncated": true, "count": 1,
            "second": "in/b.txt", "body": "abc", "type": "text/plain", "length": 3, "modified": "2023-11-14T22:13:20.000Z",
            "headType": "binary/octet-stream", "headLength": 0, "missing": "NoSuchKey", "gone": "NotFound",
            "binary": "NotImplemented", "unknown": "NotImplemented",
        ]
        // A Lua table's members have no order.
        XCTAssertEqual(answer?.objectValue.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, $0.value) }) }, expected)
    }

    /// A call the policy does not allow is AccessDeniedException, as for the other host APIs,
    /// naming IAM's action and the resource; HeadObject needs only s3:GetObject.
    func testThePolicyIsChecked() throws {
        let answer = try invoke(#"""
            local s3 = aws.client("s3")
            function handler(event, context)
              local _, head = pcall(s3.head_object, {Bucket = "data", Key = "a"})
              local _, list = pcall(s3.list_objects_v2, {Bucket = "data"})
              local _, put = pcall(s3.put_object, {Bucket = "data", Key = "a", Body = "x"})
              return {head = head.errorType, list = list.errorType, listMessage = list.errorMessage, put = put.errorType}
            end
            """#, policy: #"[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]"#)
        let result = try XCTUnwrap(answer)
        XCTAssertEqual(result["head"], "NotFound")
        XCTAssertEqual(result["list"], "AccessDeniedException")
        XCTAssertEqual(result["put"], "AccessDeniedException")
        let message = try XCTUnwrap(result["listMessage"]?.stringValue)
        XCTAssertTrue(message.hasSuffix("is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::data because no identity-based policy allows the s3:ListBucket action"), message)
    }
}
