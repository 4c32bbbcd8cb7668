import Engine
import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// AWS SDK integrations over the workspace's buckets and tables (docs/integrations.md):
/// `arn:aws:states:::aws-sdk:s3:getObject`, `putObject`, `listObjectsV2` (the S3 API
/// reference's request and response members) and `aws-sdk:dynamodb:query` and `scan`; errors
/// named as "Learning to use AWS service SDK integrations" names them: the service, a dot, and
/// the error with an `Exception` suffix "even if the suffix is not already part of the error
/// name" (`S3.NoSuchKeyException`), and DynamoDB's with the prefix `DynamoDb` ("Call DynamoDB
/// APIs with Step Functions", Exception prefix differences).
final class SDKIntegrationTests: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        let reports = folder.root.appendingPathComponent("buckets/reports/2024")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try "hello, world".write(to: reports.appendingPathComponent("summary.txt"), atomically: true, encoding: .utf8)
        let tables = folder.root.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try TaskIntegrationTests.thread.write(to: tables.appendingPathComponent("Thread.json"), atomically: true, encoding: .utf8)
        workspace = Workspace(root: folder.root)
    }

    override func tearDownWithError() throws {
        try workspace.close()
        workspace = nil
        folder = nil
    }

    private func runTask(_ resource: String, _ parameters: String) async throws -> ExecutionResult {
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)", "Parameters": \#(parameters), "End": true}}}"#
            .write(to: machines.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:t", name: UUID().uuidString)
        return try await XCTUnwrap(running).result.get()
    }

    private func output(_ result: ExecutionResult, file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        XCTAssertEqual(result.status, .succeeded, "\(result.error ?? ""): \(result.cause ?? "")", file: file, line: line)
        return result.output
    }

    // MARK: S3

    /// GetObject answers the object's body and its metadata: a file dropped in by hand has
    /// the default content type, "binary/octet-stream" (PutObject, Content-Type).
    func testGetObject() async throws {
        let result = try await runTask("arn:aws:states:::aws-sdk:s3:getObject", #"{"Bucket": "reports", "Key": "2024/summary.txt"}"#)
        let answer = output(result)
        XCTAssertEqual(answer?["Body"], "hello, world")
        XCTAssertEqual(answer?["ContentLength"], 12)
        XCTAssertEqual(answer?["ContentType"], "binary/octet-stream")
        XCTAssertEqual(answer?["ETag"]?.stringValue?.count, 34, "an MD5 digest in hex, in double quotes")
        // The Task events name the AWS SDK integration by `aws-sdk:s3` and the action.
        let scheduled = try XCTUnwrap(result.history.first { $0.type == .taskScheduled }?.details)
        XCTAssertEqual(scheduled["resourceType"], "aws-sdk:s3")
        XCTAssertEqual(scheduled["resource"], "getObject")
    }

    /// PutObject writes the file and answers its ETag; a Body given as JSON is its JSON text.
    func testPutObjectWritesTheFile() async throws {
        let result = try await runTask("arn:aws:states:::aws-sdk:s3:putObject",
                                       #"{"Bucket": "reports", "Key": "out/result.json", "Body": {"total": 3}, "ContentType": "application/json"}"#)
        XCTAssertNotNil(output(result)?["ETag"]?.stringValue)
        let written = try String(contentsOf: folder.root.appendingPathComponent("buckets/reports/out/result.json"), encoding: .utf8)
        XCTAssertEqual(written, #"{"total":3}"#)
    }

    /// ListObjectsV2 answers the keys under the prefix, with KeyCount, Name and Prefix.
    func testListObjectsV2() async throws {
        let answer = output(try await runTask("arn:aws:states:::aws-sdk:s3:listObjectsV2", #"{"Bucket": "reports", "Prefix": "2024/"}"#))
        XCTAssertEqual(answer?["Contents"]?.arrayValue?.compactMap { $0["Key"]?.stringValue }, ["2024/summary.txt"])
        XCTAssertEqual(answer?["Contents"]?[0]?["Size"], 12)
        XCTAssertEqual(answer?["KeyCount"], 1)
        XCTAssertEqual(answer?["Name"], "reports")
        XCTAssertEqual(answer?["Prefix"], "2024/")
        XCTAssertEqual(answer?["IsTruncated"], false)
    }

    /// S3's NoSuchKey (404) is `S3.NoSuchKeyException`; NoSuchBucket `S3.NoSuchBucketException`.
    func testS3ErrorsTakeTheExceptionSuffix() async throws {
        let key = try await runTask("arn:aws:states:::aws-sdk:s3:getObject", #"{"Bucket": "reports", "Key": "missing.txt"}"#)
        XCTAssertEqual(key.error, "S3.NoSuchKeyException")
        XCTAssertTrue(key.cause?.hasPrefix("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ") == true, key.cause ?? "")
        XCTAssertTrue(key.cause?.contains(", Extended Request ID: ") == true, key.cause ?? "")
        let bucket = try await runTask("arn:aws:states:::aws-sdk:s3:listObjectsV2", #"{"Bucket": "nowhere"}"#)
        XCTAssertEqual(bucket.error, "S3.NoSuchBucketException")
        XCTAssertTrue(bucket.cause?.hasPrefix("The specified bucket does not exist (Service: S3, Status Code: 404,") == true, bucket.cause ?? "")
    }

    // MARK: DynamoDB

    /// Query by the partition key answers DynamoDB's Items, Count and ScannedCount.
    func testQuery() async throws {
        _ = output(try await runTask("arn:aws:states:::dynamodb:putItem", TaskIntegrationTests.putRequest))
        let answer = output(try await runTask("arn:aws:states:::aws-sdk:dynamodb:query", """
            {"TableName": "Thread", "KeyConditionExpression": "ForumName = :name",
             "ExpressionAttributeValues": {":name": {"S": "Amazon DynamoDB"}}, "ProjectionExpression": "Subject"}
            """))
        XCTAssertEqual(answer?["Items"], [["Subject": ["S": "How do I update multiple items?"]]])
        XCTAssertEqual(answer?["Count"], 1)
        XCTAssertEqual(answer?["ScannedCount"], 1)
    }

    /// Through the AWS SDK integration DynamoDB's errors are `DynamoDb.<Code>`.
    func testScanOfAMissingTableIsDynamoDbsError() async throws {
        let result = try await runTask("arn:aws:states:::aws-sdk:dynamodb:scan", #"{"TableName": "Nowhere"}"#)
        XCTAssertEqual(result.error, "DynamoDb.ResourceNotFoundException")
        XCTAssertTrue(result.cause?.hasPrefix("Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: ") == true,
                      result.cause ?? "")
    }
}
