import Foundation
import JSONValue
import Services
import XCTest

/// Query and Scan: key conditions, sort order, Limit and paging, filters and counts.
final class TableQueryTests: TableTestCase {
    override var declaredTables: [String: String] {
        ["Reply": #"{"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}, {"AttributeName": "ReplyDateTime", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "S"}, {"AttributeName": "ReplyDateTime", "AttributeType": "S"}]}"#,
         "Movies": #"{"KeySchema": [{"AttributeName": "year", "KeyType": "HASH"}, {"AttributeName": "title", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "year", "AttributeType": "N"}, {"AttributeName": "title", "AttributeType": "S"}]}"#,
         "Readings": #"{"KeySchema": [{"AttributeName": "sensor", "KeyType": "HASH"}, {"AttributeName": "value", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "sensor", "AttributeType": "S"}, {"AttributeName": "value", "AttributeType": "N"}]}"#]
    }

    static let thread = "Amazon DynamoDB#DynamoDB Thread 1"

    func putReplies() throws {
        for (time, by) in [("2015-09-15T19:58:22.947Z", "User A"), ("2015-09-22T19:58:22.947Z", "User B"),
                           ("2015-09-29T19:58:22.947Z", "User B"), ("2015-10-01T19:58:22.947Z", "User A")] {
            try call("PutItem", #"{"TableName": "Reply", "Item": {"Id": {"S": "\#(Self.thread)"}, "ReplyDateTime": {"S": "\#(time)"}, "PostedBy": {"S": "\#(by)"}}}"#)
        }
        try call("PutItem", #"{"TableName": "Reply", "Item": {"Id": {"S": "Amazon DynamoDB#DynamoDB Thread 2"}, "ReplyDateTime": {"S": "2015-09-20T00:00:00.000Z"}}}"#)
    }

    func times(_ response: JSONValue) -> [String] {
        response["Items"]?.arrayValue?.compactMap { $0["ReplyDateTime"]?["S"]?.stringValue } ?? []
    }

    /// "Query the Reply table for a particular Id (partition key), but return only those
    /// items whose ReplyDateTime (sort key) begins with certain characters" (:dt 2015-09).
    func testBeginsWithOnTheSortKey() throws {
        try putReplies()
        let response = try call("Query", #"""
            {"TableName": "Reply", "KeyConditionExpression": "Id = :id and begins_with(ReplyDateTime, :dt)",
             "ExpressionAttributeValues": {":id": {"S": "\#(Self.thread)"}, ":dt": {"S": "2015-09"}}}
            """#)
        XCTAssertEqual(times(response), ["2015-09-15T19:58:22.947Z", "2015-09-22T19:58:22.947Z", "2015-09-29T19:58:22.947Z"])
        XCTAssertEqual(response["Count"], 3)
        XCTAssertEqual(response["ScannedCount"], 3)
        XCTAssertNil(response["LastEvaluatedKey"])
    }

    /// "Query results are always sorted by the sort key value ... By default, the sort order
    /// is ascending. To reverse the order, set the ScanIndexForward parameter to false."
    func testSortKeyComparisonsAndOrder() throws {
        try putReplies()
        func query(_ condition: String, _ values: String, forward: Bool = true) throws -> [String] {
            times(try call("Query", #"{"TableName": "Reply", "KeyConditionExpression": "\#(condition)", "ExpressionAttributeValues": \#(values), "ScanIndexForward": \#(forward)}"#))
        }
        let id = #"":id": {"S": "\#(Self.thread)"}"#
        XCTAssertEqual(try query("Id = :id", "{\(id)}", forward: false),
                       ["2015-10-01T19:58:22.947Z", "2015-09-29T19:58:22.947Z", "2015-09-22T19:58:22.947Z", "2015-09-15T19:58:22.947Z"])
        XCTAssertEqual(try query("Id = :id AND ReplyDateTime > :t", #"{\#(id), ":t": {"S": "2015-09-22T19:58:22.947Z"}}"#),
                       ["2015-09-29T19:58:22.947Z", "2015-10-01T19:58:22.947Z"])
        XCTAssertEqual(try query("Id = :id AND ReplyDateTime >= :t", #"{\#(id), ":t": {"S": "2015-09-22T19:58:22.947Z"}}"#).count, 3)
        XCTAssertEqual(try query("ReplyDateTime < :t AND Id = :id", #"{\#(id), ":t": {"S": "2015-09-22"}}"#), ["2015-09-15T19:58:22.947Z"])
        XCTAssertEqual(try query("Id = :id AND ReplyDateTime <= :t", #"{\#(id), ":t": {"S": "2015-09-22T19:58:22.947Z"}}"#).count, 2)
        XCTAssertEqual(try query("Id = :id AND ReplyDateTime = :t", #"{\#(id), ":t": {"S": "2015-09-29T19:58:22.947Z"}}"#), ["2015-09-29T19:58:22.947Z"])
        XCTAssertEqual(try query("Id = :id AND ReplyDateTime BETWEEN :a AND :b", #"{\#(id), ":a": {"S": "2015-09-20"}, ":b": {"S": "2015-09-30"}}"#),
                       ["2015-09-22T19:58:22.947Z", "2015-09-29T19:58:22.947Z"])
    }

    /// "If the data type of the sort key is Number, the results are returned in numeric order".
    func testNumberSortKeysOrderNumerically() throws {
        for value in ["10", "-2.5", "9", "0", "-10", "100", "9.75", "-2.25"] {
            try call("PutItem", #"{"TableName": "Readings", "Item": {"sensor": {"S": "s1"}, "value": {"N": "\#(value)"}}}"#)
        }
        let response = try call("Query", ##"{"TableName": "Readings", "KeyConditionExpression": "sensor = :s AND #v > :min", "ExpressionAttributeNames": {"#v": "value"}, "ExpressionAttributeValues": {":s": {"S": "s1"}, ":min": {"N": "-3"}}}"##)
        XCTAssertEqual(response["Items"]?.arrayValue?.compactMap { $0["value"]?["N"]?.stringValue },
                       ["-2.5", "-2.25", "0", "9", "9.75", "10", "100"])
    }

    /// The developer guide's paging example ("Paginating table query results"): Movies of
    /// 1993 in pages of 5; the first answer has "Count":5 and a LastEvaluatedKey of year and
    /// title, the last one "Count":1 and none.
    func testPagingWithLimitAndExclusiveStartKey() throws {
        let titles = ["A Bronx Tale", "A Perfect World", "Addams Family Values", "Alive", "Benny & Joon", "What's Eating Gilbert Grape"]
        for title in titles.reversed() {
            try call("PutItem", #"{"TableName": "Movies", "Item": {"year": {"N": "1993"}, "title": {"S": "\#(title)"}, "rating": {"N": "7"}}}"#)
        }
        let query = ##"{"TableName": "Movies", "ProjectionExpression": "title", "KeyConditionExpression": "#y = :yyyy", "ExpressionAttributeNames": {"#y": "year"}, "ExpressionAttributeValues": {":yyyy": {"N": "1993"}}, "Limit": 5%@}"##
        let first = try call("Query", query.replacingOccurrences(of: "%@", with: ""))
        try assertJSON(first, #"""
            {"Count": 5, "Items": [{"title": {"S": "A Bronx Tale"}}, {"title": {"S": "A Perfect World"}}, {"title": {"S": "Addams Family Values"}},
             {"title": {"S": "Alive"}}, {"title": {"S": "Benny & Joon"}}],
             "LastEvaluatedKey": {"year": {"N": "1993"}, "title": {"S": "Benny & Joon"}}, "ScannedCount": 5}
            """#)
        let start = try XCTUnwrap(first["LastEvaluatedKey"]).compactString()
        let last = try call("Query", query.replacingOccurrences(of: "%@", with: #", "ExclusiveStartKey": \#(start)"#))
        try assertJSON(last, #"{"Count": 1, "Items": [{"title": {"S": "What's Eating Gilbert Grape"}}], "ScannedCount": 1}"#)
    }

    /// "Limit ... the maximum number of items to evaluate (not necessarily the number of
    /// matching items)": a filter applies after the limit; Count counts what remains and
    /// ScannedCount what was read. Select COUNT returns no Items.
    func testFilterCountsAndLimit() throws {
        try putReplies()
        let request = #"{"TableName": "Reply", "KeyConditionExpression": "Id = :id", "FilterExpression": "PostedBy = :by", "ExpressionAttributeValues": {":id": {"S": "\#(Self.thread)"}, ":by": {"S": "User B"}}%@}"#
        let page = try call("Query", request.replacingOccurrences(of: "%@", with: #", "Limit": 2"#))
        XCTAssertEqual(page["Count"], 1)
        XCTAssertEqual(page["ScannedCount"], 2)
        XCTAssertNotNil(page["LastEvaluatedKey"])
        let count = try call("Query", request.replacingOccurrences(of: "%@", with: #", "Select": "COUNT""#))
        try assertJSON(count, #"{"Count": 2, "ScannedCount": 4}"#)
        try assertFails("Query", #"{"TableName": "Reply", "KeyConditionExpression": "Id = :id", "FilterExpression": "ReplyDateTime > :t", "ExpressionAttributeValues": {":id": {"S": "x"}, ":t": {"S": "y"}}}"#,
                        "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: ReplyDateTime")
    }

    func testKeyConditionErrors() throws {
        func assertQueryFails(_ condition: String, _ values: String, _ message: String, line: UInt = #line) throws {
            try assertFails("Query", #"{"TableName": "Reply", "KeyConditionExpression": "\#(condition)", "ExpressionAttributeValues": \#(values)}"#,
                            "ValidationException", message, line: line)
        }
        try assertQueryFails("ReplyDateTime = :t", #"{":t": {"S": "x"}}"#, "Query condition missed key schema element: Id")
        try assertQueryFails("Id > :id", #"{":id": {"S": "x"}}"#, "Query key condition not supported")
        try assertQueryFails("Id = :id OR Id = :id", #"{":id": {"S": "x"}}"#, "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR")
        try assertQueryFails("Id = :id AND PostedBy = :by", #"{":id": {"S": "x"}, ":by": {"S": "y"}}"#, "Query condition missed key schema element: ReplyDateTime")
        try assertQueryFails("Id = :id", #"{":id": {"N": "1"}}"#, "One or more parameter values were invalid: Condition parameter type does not match schema type")
        try assertFails("Query", #"{"TableName": "Reply"}"#, "ValidationException",
                        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        try assertFails("Query", #"{"TableName": "Reply", "KeyConditionExpression": "Id = :id", "ExpressionAttributeValues": {":id": {"S": "x"}}, "Limit": 0}"#,
                        "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
        try assertFails("Query", #"{"TableName": "Reply", "IndexName": "ByUser", "KeyConditionExpression": "Id = :id", "ExpressionAttributeValues": {":id": {"S": "x"}}}"#,
                        "ValidationException", "The table does not have the specified index: ByUser")
    }

    func testScanPagesThroughEveryItemAndFilters() throws {
        try putReplies()
        var seen: [String] = []
        var start: String?
        var pages = 0
        repeat {
            let page = try call("Scan", #"{"TableName": "Reply", "Limit": 2\#(start.map { #", "ExclusiveStartKey": \#($0)"# } ?? "")}"#)
            seen += page["Items"]?.arrayValue?.compactMap { $0["ReplyDateTime"]?["S"]?.stringValue } ?? []
            start = page["LastEvaluatedKey"]?.compactString()
            pages += 1
        } while start != nil
        XCTAssertEqual(seen.count, 5)
        XCTAssertEqual(Set(seen).count, 5)
        XCTAssertEqual(pages, 3)
        let filtered = try call("Scan", #"{"TableName": "Reply", "FilterExpression": "PostedBy = :a AND begins_with(ReplyDateTime, :m)", "ExpressionAttributeValues": {":a": {"S": "User A"}, ":m": {"S": "2015-10"}}}"#)
        XCTAssertEqual(times(filtered), ["2015-10-01T19:58:22.947Z"])
        try assertFails("Scan", #"{"TableName": "Reply", "ExclusiveStartKey": {"Id": {"S": "x"}}}"#, "ValidationException",
                        "The provided starting key is invalid: The provided key element does not match the schema")
        XCTAssertEqual(try tables.scan(table: "Reply").count, 5)
    }
}
