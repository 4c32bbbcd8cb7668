import Foundation
import JSONValue
import Services
import XCTest

/// PutItem, GetItem and DeleteItem with DynamoDB's shapes and errors. The items are the
/// developer guide's ProductCatalog examples ("Condition expressions", "Projection
/// expressions").
final class TableItemTests: TableTestCase {
    override var declaredTables: [String: String] {
        ["ProductCatalog": #"{"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "N"}]}"#,
         "Music": #"{"KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "SongTitle", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"}, {"AttributeName": "SongTitle", "AttributeType": "S"}]}"#]
    }

    static let item456 = #"{"Id": {"N": "456"}, "ProductCategory": {"S": "Sporting Goods"}, "Price": {"N": "650"}}"#

    func testPutThenGetReturnsTheItem() throws {
        try assertJSON(try call("PutItem", #"{"TableName": "ProductCatalog", "Item": \#(Self.item456)}"#), "{}")
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}}"#)["Item"], Self.item456)
        // A missing item: an empty answer, no Item.
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "457"}}}"#), "{}")
    }

    /// Numbers are kept exactly and keyed by value: 456.0 is the same key as 456.
    func testNumbersAreExactAndKeysCompareByValue() throws {
        try call("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "456.0"}, "Big": {"N": "12345678901234567890123456789012345678"}, "Small": {"N": "-0.000001"}}}"#)
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}}"#)["Item"],
                       #"{"Id": {"N": "456"}, "Big": {"N": "12345678901234567890123456789012345678"}, "Small": {"N": "-0.000001"}}"#)
        // Numbers come back in plain notation without redundant zeros.
        try call("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1"}, "a": {"N": "1E+2"}, "b": {"N": "0.50"}, "c": {"N": "-0"}, "d": {"N": "+1e-3"}, "e": {"N": "-12.3400"}}}"#)
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "1.00"}}}"#)["Item"],
                       #"{"Id": {"N": "1"}, "a": {"N": "100"}, "b": {"N": "0.5"}, "c": {"N": "0"}, "d": {"N": "0.001"}, "e": {"N": "-12.34"}}"#)
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1e126"}}}"#, "ValidationException",
                        "Number overflow. Attempting to store a number with magnitude larger than supported range")
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1"}, "x": {"N": "123456789012345678901234567890123456789"}}}"#,
                        "ValidationException", "Attempting to store more than 38 significant digits in a Number")
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "NaN"}}}"#,
                        "ValidationException", "The parameter cannot be converted to a numeric value: NaN")
    }

    /// "Preventing overwrites of an existing item": `attribute_not_exists(Id)`, and "If the
    /// condition expression evaluates to false, DynamoDB returns the following error message:
    /// The conditional request failed".
    func testAttributeNotExistsPreventsOverwrites() throws {
        let put = #"{"TableName": "ProductCatalog", "Item": \#(Self.item456), "ConditionExpression": "attribute_not_exists(Id)"}"#
        try call("PutItem", put)
        try assertFails("PutItem", put, "ConditionalCheckFailedException", "The conditional request failed")
    }

    /// "To determine whether PutItem overwrote an existing item, use ReturnValues set to
    /// ALL_OLD. If the response includes the Attributes element, an existing item was
    /// overwritten" (CLI put-item).
    func testPutReturnsTheOldItemWithAllOld() throws {
        let put = #"{"TableName": "ProductCatalog", "Item": \#(Self.item456), "ReturnValues": "ALL_OLD"}"#
        try assertJSON(try call("PutItem", put), "{}")
        try assertJSON(try call("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "456"}}, "ReturnValues": "ALL_OLD"}"#),
                       #"{"Attributes": \#(Self.item456)}"#)
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": \#(Self.item456), "ReturnValues": "ALL_NEW"}"#,
                        "ValidationException", "ReturnValues can only be ALL_OLD or NONE")
    }

    /// "Projection expressions": `Description, RelatedItems[0], ProductReviews.FiveStar` of
    /// item 123.
    func testGetItemProjectsNestedPaths() throws {
        try call("PutItem", #"""
            {"TableName": "ProductCatalog", "Item": {
              "Id": {"N": "123"}, "Title": {"S": "Bicycle 123"}, "Description": {"S": "123 description"},
              "RelatedItems": {"L": [{"N": "341"}, {"N": "472"}, {"N": "649"}]},
              "ProductReviews": {"M": {"FiveStar": {"L": [{"S": "Excellent! Can't recommend it highly enough!"}]},
                                       "OneStar": {"L": [{"S": "Terrible product!"}]}}}}}
            """#)
        let answer = try call("GetItem", #"""
            {"TableName": "ProductCatalog", "Key": {"Id": {"N": "123"}},
             "ProjectionExpression": "Description, RelatedItems[0], ProductReviews.FiveStar"}
            """#)
        try assertJSON(answer, #"""
            {"Item": {"Description": {"S": "123 description"}, "RelatedItems": {"L": [{"N": "341"}]},
                      "ProductReviews": {"M": {"FiveStar": {"L": [{"S": "Excellent! Can't recommend it highly enough!"}]}}}}}
            """#)
    }

    /// "Checking for attributes in an item" and "Conditional deletes": the IN/BETWEEN
    /// condition fails for Price 650 ("the Price comparison evaluates to false").
    func testConditionalDeletes() throws {
        try call("PutItem", #"{"TableName": "ProductCatalog", "Item": \#(Self.item456)}"#)
        try assertFails("DeleteItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}, "ConditionExpression": "attribute_not_exists(Price)"}"#,
                        "ConditionalCheckFailedException", "The conditional request failed")
        try assertFails("DeleteItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}, "ConditionExpression": "attribute_exists(ProductReviews.OneStar)"}"#,
                        "ConditionalCheckFailedException", "The conditional request failed")
        let delete = #"""
            {"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}},
             "ConditionExpression": "(ProductCategory IN (:cat1, :cat2)) and (Price between :lo and :hi)",
             "ExpressionAttributeValues": {":cat1": {"S": "Sporting Goods"}, ":cat2": {"S": "Gardening Supplies"},
                                           ":lo": {"N": "500"}, ":hi": {"N": "%@"}}, "ReturnValues": "ALL_OLD"}
            """#
        try assertFails("DeleteItem", delete.replacingOccurrences(of: "%@", with: "600"),
                        "ConditionalCheckFailedException", "The conditional request failed")
        try assertJSON(try call("DeleteItem", delete.replacingOccurrences(of: "%@", with: "700")), #"{"Attributes": \#(Self.item456)}"#)
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}}"#), "{}")
        // Deleting a missing item is no error and returns nothing.
        try assertJSON(try call("DeleteItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}, "ReturnValues": "ALL_OLD"}"#), "{}")
    }

    func testKeysMustMatchTheSchema() throws {
        let mismatch = "The provided key element does not match the schema"
        try assertFails("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"S": "456"}}}"#, "ValidationException", mismatch)
        try assertFails("GetItem", #"{"TableName": "Music", "Key": {"Artist": {"S": "No One You Know"}}}"#, "ValidationException", mismatch)
        try assertFails("DeleteItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "1"}, "Price": {"N": "2"}}}"#, "ValidationException", mismatch)
        try assertFails("PutItem", #"{"TableName": "Music", "Item": {"Artist": {"S": "No One You Know"}}}"#,
                        "ValidationException", "One or more parameter values were invalid: Missing the key SongTitle in the item")
        try assertFails("PutItem", #"{"TableName": "Music", "Item": {"Artist": {"N": "1"}, "SongTitle": {"S": "Call Me Today"}}}"#,
                        "ValidationException", "One or more parameter values were invalid: Type mismatch for key Artist expected: S actual: N")
        try assertFails("PutItem", #"{"TableName": "Music", "Item": {"Artist": {"S": ""}, "SongTitle": {"S": "Call Me Today"}}}"#,
                        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: Artist")
    }

    func testUnknownTablesAndBadRequests() throws {
        try assertFails("GetItem", #"{"TableName": "Nope", "Key": {"Id": {"N": "1"}}}"#, "ResourceNotFoundException", "Requested resource not found")
        try assertFails("GetItem", #"{"TableName": "ProductCatalog"}"#, "ParamValidationError",
                        "Parameter validation failed:\nMissing required parameter in input: \"Key\"")
        let error = try failure("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "1"}}, "Projection": "a"}"#)
        XCTAssertEqual(error.errorType, "ParamValidationError")
        XCTAssertTrue(error.errorMessage.contains("Unknown parameter in input: \"Projection\""), error.errorMessage)
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1"}, "a": {}}}"#,
                        "ValidationException", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1"}, "a": {"S": "x", "N": "1"}}}"#,
                        "ValidationException", "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": 1}}}"#, "ParamValidationError",
                        "Parameter validation failed:\nInvalid type for parameter Item.Id.N, value: 1, type: number, valid types: string")
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1"}, "Tags": {"SS": []}}}"#,
                        "ValidationException", "One or more parameter values were invalid: An string set  may not be empty")
        try assertFails("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "1"}, "Tags": {"SS": ["a", "a"]}}}"#,
                        "ValidationException", "One or more parameter values were invalid: Input collection [a, a] contains duplicates.")
    }

    /// Every typed value comes back as it was written, sets and documents included.
    func testEveryAttributeTypeRoundTrips() throws {
        let item = #"""
            {"Id": {"N": "7"}, "s": {"S": ""}, "b": {"B": "aGVsbG8="}, "t": {"BOOL": true}, "z": {"NULL": true},
             "m": {"M": {"l": {"L": [{"N": "1"}, {"S": "two"}]}}}, "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2.5"]},
             "bs": {"BS": ["AQI="]}}
            """#
        try call("PutItem", #"{"TableName": "ProductCatalog", "Item": \#(item)}"#)
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "7"}}}"#)["Item"], item)
    }

    /// The read API for commands: a plain key for a table keyed by one string, and scan.
    func testCommandsReadItemsByPlainKeys() throws {
        try call("PutItem", #"{"TableName": "Music", "Item": {"Artist": {"S": "No One You Know"}, "SongTitle": {"S": "Call Me Today"}, "AlbumTitle": {"S": "Somewhat Famous"}}}"#)
        try call("PutItem", #"{"TableName": "ProductCatalog", "Item": \#(Self.item456)}"#)
        try assertJSON(try tables.get(table: "ProductCatalog", key: "456"), Self.item456)
        try assertJSON(try tables.get(table: "ProductCatalog", key: 456), Self.item456)
        try assertJSON(try tables.get(table: "Music", key: ["Artist": "No One You Know", "SongTitle": "Call Me Today"])?["AlbumTitle"], #"{"S": "Somewhat Famous"}"#)
        XCTAssertNil(try tables.get(table: "ProductCatalog", key: ["Id": ["N": "1"]]))
        XCTAssertThrowsError(try tables.get(table: "Music", key: "No One You Know"))
        XCTAssertEqual(try tables.scan(table: "Music").count, 1)
        XCTAssertEqual(tables.catalog.names(), ["Music", "ProductCatalog"])
    }
}
