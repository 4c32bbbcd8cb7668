import Engine
import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// `arn:aws:states:::aws-sdk:dynamodb:batchWriteItem` and `transactWriteItems` over the
/// workspace's tables (DynamoDB API reference: BatchWriteItem's example puts forums;
/// TransactWriteItems is "an all-or-nothing operation"), with the AWS SDK integration's error
/// names, `DynamoDb.<Code>` (docs/integrations.md).
final class WriteBatchIntegrationTests: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        let tables = folder.root.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try #"{"KeySchema": [{"AttributeName": "Name", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "Name", "AttributeType": "S"}]}"#
            .write(to: tables.appendingPathComponent("Forum.json"), atomically: true, encoding: .utf8)
        workspace = Workspace(root: folder.root)
    }

    override func tearDownWithError() throws {
        try workspace.close()
        workspace = nil
        folder = nil
    }

    private func runTask(_ action: String, _ parameters: String) async throws -> ExecutionResult {
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:\#(action)", "Parameters": \#(parameters), "End": true}}}"#
            .write(to: machines.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:t", name: UUID().uuidString)
        return try await XCTUnwrap(running).result.get()
    }

    private func names() throws -> [String] {
        try workspace.tables().items(of: "Forum").compactMap { $0["Name"]?["S"]?.stringValue }
    }

    /// BatchWriteItem's example: three forums put; every request written, `UnprocessedItems` empty.
    func testBatchWriteItemPutsAndDeletes() async throws {
        let put = try await runTask("batchWriteItem", """
            {"RequestItems": {"Forum": [
              {"PutRequest": {"Item": {"Name": {"S": "Amazon DynamoDB"}, "Category": {"S": "Amazon Web Services"}}}},
              {"PutRequest": {"Item": {"Name": {"S": "Amazon RDS"}, "Category": {"S": "Amazon Web Services"}}}},
              {"PutRequest": {"Item": {"Name": {"S": "Amazon Redshift"}, "Category": {"S": "Amazon Web Services"}}}}]},
             "ReturnConsumedCapacity": "TOTAL"}
            """)
        XCTAssertEqual(put.status, .succeeded, "\(put.error ?? ""): \(put.cause ?? "")")
        XCTAssertEqual(put.output, ["UnprocessedItems": [:]])
        XCTAssertEqual(try names().sorted(), ["Amazon DynamoDB", "Amazon RDS", "Amazon Redshift"])
        let delete = try await runTask("batchWriteItem", #"{"RequestItems": {"Forum": [{"DeleteRequest": {"Key": {"Name": {"S": "Amazon RDS"}}}}]}}"#)
        XCTAssertEqual(delete.output, ["UnprocessedItems": [:]])
        XCTAssertEqual(try names().sorted(), ["Amazon DynamoDB", "Amazon Redshift"])
        // A table that is not declared writes nothing: the whole request fails.
        let missing = try await runTask("batchWriteItem", #"{"RequestItems": {"Forum": [{"PutRequest": {"Item": {"Name": {"S": "x"}}}}], "Nowhere": [{"PutRequest": {"Item": {"id": {"S": "a"}}}}]}}"#)
        XCTAssertEqual(missing.error, "DynamoDb.ResourceNotFoundException")
        XCTAssertFalse(try names().contains("x"))
    }

    /// TransactWriteItems: a Put, an Update and a ConditionCheck written together, `{}`; when
    /// one condition fails none is written, `DynamoDb.TransactionCanceledException` with each
    /// action's reason in order.
    func testTransactWriteItemsIsAllOrNothing() async throws {
        let written = try await runTask("transactWriteItems", """
            {"TransactItems": [
              {"Put": {"TableName": "Forum", "Item": {"Name": {"S": "Amazon S3"}, "Threads": {"N": "0"}}, "ConditionExpression": "attribute_not_exists(#n)", "ExpressionAttributeNames": {"#n": "Name"}}},
              {"Put": {"TableName": "Forum", "Item": {"Name": {"S": "Amazon EC2"}, "Threads": {"N": "1"}}}}]}
            """)
        XCTAssertEqual(written.status, .succeeded, "\(written.error ?? ""): \(written.cause ?? "")")
        XCTAssertEqual(written.output, [:])
        let cancelled = try await runTask("transactWriteItems", """
            {"TransactItems": [
              {"Update": {"TableName": "Forum", "Key": {"Name": {"S": "Amazon EC2"}}, "UpdateExpression": "SET Threads = Threads + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}},
              {"ConditionCheck": {"TableName": "Forum", "Key": {"Name": {"S": "Amazon S3"}}, "ConditionExpression": "Threads > :zero", "ExpressionAttributeValues": {":zero": {"N": "0"}}}}]}
            """)
        XCTAssertEqual(cancelled.error, "DynamoDb.TransactionCanceledException")
        XCTAssertTrue(cancelled.cause?.hasPrefix("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed] (Service: DynamoDb, Status Code: 400, Request ID: ") == true,
                      cancelled.cause ?? "")
        let ec2 = try XCTUnwrap(try workspace.tables().items(of: "Forum").first { $0["Name"]?["S"] == "Amazon EC2" })
        XCTAssertEqual(ec2["Threads"], ["N": "1"], "the Update was not written")
        // Two actions on one item: "Transaction request cannot include multiple operations on one item".
        let twice = try await runTask("transactWriteItems", """
            {"TransactItems": [{"Delete": {"TableName": "Forum", "Key": {"Name": {"S": "Amazon S3"}}}},
                               {"Delete": {"TableName": "Forum", "Key": {"Name": {"S": "Amazon S3"}}}}]}
            """)
        XCTAssertEqual(twice.error, "DynamoDb.ValidationException")
        XCTAssertEqual(try names().count, 2)
    }
}
