import Foundation
import Functions
import JSONValue
import LuaSandbox
import Store
import TestSupport
import Services
import XCTest

/// A Lua function calls the tables and topics the way the seed's error handler does, through
/// `aws.client(...)`: the requests arrive in the shapes a script's tables make (an empty
/// table is an object, numbers are integers) and the answers and errors come back to it.
final class TableLuaTests: XCTestCase {
    struct TestServices: HostServices {
        let tables: TableService
        let topics: TopicService

        func handle(_ request: HostAPIRequest) -> Result<JSONValue, HostCallError> {
            request.service == "dynamodb" ? tables.handle(request) : topics.handle(request)
        }
    }

    struct NoLogs: FunctionLogSink {
        func write(group: String, stream: String, events: [FunctionLogEvent]) {}
    }

    func testAFunctionUpdatesAnItemAndPublishes() throws {
        let workspace = try TemporaryWorkspace()
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent("tables"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent("topics"), withIntermediateDirectories: true)
        try #"{"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"#
            .write(to: workspace.root.appendingPathComponent("tables/ingest.json"), atomically: true, encoding: .utf8)
        try #"{"Type": "sns", "Subscriptions": [{"Protocol": "lambda", "Endpoint": "notify"}]}"#
            .write(to: workspace.root.appendingPathComponent("topics/status.json"), atomically: true, encoding: .utf8)
        try workspace.addFunction("handler", #"""
            local dynamodb = aws.client("dynamodb")
            local sns = aws.client("sns")
            local iot = aws.client("iot-data")
            function handler(event, context)
              for _ = 1, 2 do
                dynamodb.update_item({
                  TableName = "ingest",
                  Key = {id = {S = event.name}},
                  UpdateExpression = "SET #status = :status, attempts = if_not_exists(attempts, :zero) + :one, #error = :error",
                  ExpressionAttributeNames = {["#status"] = "status", ["#error"] = "error"},
                  ExpressionAttributeValues = {[":status"] = {S = "FAILED"}, [":zero"] = {N = "0"}, [":one"] = {N = "1"},
                                               [":error"] = {M = {cause = {S = ""}, tags = {L = {}}}}},
                })
              end
              local ok, err = pcall(dynamodb.put_item, {TableName = "ingest", Item = {id = {S = event.name}},
                                                        ConditionExpression = "attribute_not_exists(id)"})
              local scan = dynamodb.scan({TableName = "ingest", Limit = 10})
              sns.publish({TopicArn = "arn:aws:sns:us-east-1:123456789012:status", Subject = "Execution " .. event.name .. " FAILED",
                           Message = json.encode({id = event.name}),
                           MessageAttributes = {status = {DataType = "String", StringValue = "FAILED"}}})
              iot.publish({topic = "iot-status", qos = 1, payload = "FAILED"})
              return {count = scan.Count, conditional = err.errorType, attempts = scan.Items[1].attempts.N}
            end
            """#, configuration: #"""
            {"policy": {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:Scan"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/ingest"},
              {"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:status"},
              {"Effect": "Allow", "Action": "iot:Publish", "Resource": "arn:aws:iot:us-east-1:123456789012:topic/iot-status"}]}}
            """#)
        let database = try HostDatabase(directory: workspace.root.appendingPathComponent(".host"))
        let deliveries = Deliveries()
        let now: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_700_000_000) }
        let services = TestServices(tables: TableService(items: database, root: workspace.root, now: now),
                                topics: TopicService(messageStore: database, root: workspace.root, now: now,
                                                     deliver: { deliveries.record($0.functionName, $0.event) }))
        let host = FunctionHost(catalog: FunctionCatalog(directory: workspace.functions), logs: NoLogs(), services: services, now: now)
        defer { host.shutdown() }

        let invocation = try host.invoke("handler", event: ["name": "run-1"])
        guard case .success(let result) = invocation.outcome else { return XCTFail("\(invocation.outcome)") }
        XCTAssertEqual(result, ["attempts": "2", "conditional": "ConditionalCheckFailedException", "count": 1])
        XCTAssertEqual(try services.tables.get(table: "ingest", key: "run-1"), try JSONValue.parse(#"""
            {"id": {"S": "run-1"}, "status": {"S": "FAILED"}, "attempts": {"N": "2"}, "error": {"M": {"cause": {"S": ""}, "tags": {"L": []}}}}
            """#))
        XCTAssertEqual(try services.topics.messages().map(\.topic), ["status", "iot-status"])
        XCTAssertEqual(deliveries.withLock { $0.map(\.0) }, ["notify"])
        XCTAssertEqual(deliveries.withLock { $0.first?.1["Records"]?[0]?["Sns"]?["Subject"] }, "Execution run-1 FAILED")
    }
}
