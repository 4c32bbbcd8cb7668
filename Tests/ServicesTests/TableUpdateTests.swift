import Foundation
import JSONValue
import Services
import XCTest

/// UpdateItem, following the developer guide's "Update expressions" examples on the
/// ProductCatalog item 789, each step's expected item taken from the text.
final class TableUpdateTests: TableTestCase {
    override var declaredTables: [String: String] {
        ["ProductCatalog": #"{"KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "N"}]}"#,
         "Thread": #"{"KeySchema": [{"AttributeName": "ForumName", "KeyType": "HASH"}, {"AttributeName": "Subject", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "ForumName", "AttributeType": "S"}, {"AttributeName": "Subject", "AttributeType": "S"}]}"#]
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try call("PutItem", #"""
            {"TableName": "ProductCatalog", "Item": {"Id": {"N": "789"}, "ProductCategory": {"S": "Home Improvement"},
             "Price": {"N": "52"}, "InStock": {"BOOL": true}, "Brand": {"S": "Acme"}}}
            """#)
    }

    /// Runs an UpdateItem on item 789 with ReturnValues ALL_NEW; returns the new item.
    @discardableResult
    func update(_ expression: String, values: String? = nil, names: String? = nil, returnValues: String = "ALL_NEW",
                file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue? {
        var request = #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "\#(expression)", "ReturnValues": "\#(returnValues)""#
        if let values { request += #", "ExpressionAttributeValues": \#(values)"# }
        if let names { request += #", "ExpressionAttributeNames": \#(names)"# }
        return try call("UpdateItem", request + "}", file: file, line: line)["Attributes"]
    }

    func item() throws -> JSONValue? {
        try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}}"#)["Item"]
    }

    func testSetModifiesAndAddsAttributes() throws {
        let new = try update("SET ProductCategory = :c, Price = :p", values: #"{":c": {"S": "Hardware"}, ":p": {"N": "60"}}"#)
        try assertJSON(new, #"{"Id": {"N": "789"}, "ProductCategory": {"S": "Hardware"}, "Price": {"N": "60"}, "InStock": {"BOOL": true}, "Brand": {"S": "Acme"}}"#)
    }

    /// "Adding lists and maps", "Adding elements to a list", "Adding nested map attributes",
    /// "Appending elements to a list": "The resulting RelatedItems attribute now contains
    /// five elements, in the following order: Chisel, Hammer, Nails, Screwdriver, Hacksaw".
    /// Then "Removing elements from a list": "REMOVE RelatedItems[1], RelatedItems[2]" leaves
    /// Chisel, Screwdriver, Hacksaw.
    func testListsAndMapsFromTheGuide() throws {
        try update("SET RelatedItems = :ri, ProductReviews = :pr",
                   values: #"{":ri": {"L": [{"S": "Hammer"}]}, ":pr": {"M": {"FiveStar": {"L": [{"S": "Best product ever!"}]}}}}"#)
        try update("SET RelatedItems[1] = :ri", values: #"{":ri": {"S": "Nails"}}"#)
        let nested = try update("SET #pr.#5star[1] = :r5, #pr.#3star = :r3",
                                values: #"{":r5": {"S": "Very happy with my purchase"}, ":r3": {"L": [{"S": "Just OK - not that great"}]}}"#,
                                names: ##"{"#pr": "ProductReviews", "#5star": "FiveStar", "#3star": "ThreeStar"}"##)
        try assertJSON(nested?["ProductReviews"], #"""
            {"M": {"FiveStar": {"L": [{"S": "Best product ever!"}, {"S": "Very happy with my purchase"}]},
                   "ThreeStar": {"L": [{"S": "Just OK - not that great"}]}}}
            """#)
        try update("SET #ri = list_append(#ri, :vals)", values: #"{":vals": {"L": [{"S": "Screwdriver"}, {"S": "Hacksaw"}]}}"#,
                   names: ##"{"#ri": "RelatedItems"}"##)
        let appended = try update("SET #ri = list_append(:vals, #ri)", values: #"{":vals": {"L": [{"S": "Chisel"}]}}"#,
                                  names: ##"{"#ri": "RelatedItems"}"##)
        try assertJSON(appended?["RelatedItems"], #"{"L": [{"S": "Chisel"}, {"S": "Hammer"}, {"S": "Nails"}, {"S": "Screwdriver"}, {"S": "Hacksaw"}]}"#)
        let removed = try update("REMOVE RelatedItems[1], RelatedItems[2]")
        try assertJSON(removed?["RelatedItems"], #"{"L": [{"S": "Chisel"}, {"S": "Screwdriver"}, {"S": "Hacksaw"}]}"#)
    }

    /// "Decrease the Price of an item": SET Price = Price - :p with :p 15 (52 - 15 = 37);
    /// "Preventing overwrites": if_not_exists leaves an existing Price alone.
    func testArithmeticAndIfNotExists() throws {
        try assertJSON(try update("SET Price = Price - :p", values: #"{":p": {"N": "15"}}"#)?["Price"], #"{"N": "37"}"#)
        try assertJSON(try update("SET Price = if_not_exists(Price, :p)", values: #"{":p": {"N": "100"}}"#)?["Price"], #"{"N": "37"}"#)
        try assertJSON(try update("SET Stock = if_not_exists(Stock, :p)", values: #"{":p": {"N": "100"}}"#)?["Stock"], #"{"N": "100"}"#)
        // Decimal arithmetic is exact, as DynamoDB's is.
        try assertJSON(try update("SET Ratio = :a + :b", values: #"{":a": {"N": "0.1"}, ":b": {"N": "0.2"}}"#)?["Ratio"], #"{"N": "0.3"}"#)
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "SET Price = Brand + :p", "ExpressionAttributeValues": {":p": {"N": "1"}}}"#,
                        "ValidationException", "An operand in the update expression has an incorrect data type")
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "SET Price = Discount + :p", "ExpressionAttributeValues": {":p": {"N": "1"}}}"#,
                        "ValidationException", "The provided expression refers to an attribute that does not exist in the item")
    }

    /// "REMOVE Brand, InStock, QuantityOnHand": "If the attributes do not exist, nothing
    /// happens".
    func testRemove() throws {
        try assertJSON(try update("REMOVE Brand, InStock, QuantityOnHand"),
                       #"{"Id": {"N": "789"}, "ProductCategory": {"S": "Home Improvement"}, "Price": {"N": "52"}}"#)
    }

    /// "ADD QuantityOnHand :q" sets it to 5, and "you can re-run the example to increment
    /// QuantityOnHand by 5 each time"; "ADD Color :c" creates then extends a string set;
    /// "DELETE Color :p" removes Yellow and Purple.
    func testAddAndDelete() throws {
        try assertJSON(try update("ADD QuantityOnHand :q", values: #"{":q": {"N": "5"}}"#)?["QuantityOnHand"], #"{"N": "5"}"#)
        try assertJSON(try update("ADD QuantityOnHand :q", values: #"{":q": {"N": "5"}}"#)?["QuantityOnHand"], #"{"N": "10"}"#)
        try assertJSON(try update("ADD Color :c", values: #"{":c": {"SS": ["Orange", "Purple"]}}"#)?["Color"], #"{"SS": ["Orange", "Purple"]}"#)
        try assertJSON(try update("ADD Color :c", values: #"{":c": {"SS": ["Yellow", "Green", "Blue"]}}"#)?["Color"],
                       #"{"SS": ["Orange", "Purple", "Yellow", "Green", "Blue"]}"#)
        try assertJSON(try update("DELETE Color :p", values: #"{":p": {"SS": ["Yellow", "Purple"]}}"#)?["Color"], #"{"SS": ["Orange", "Green", "Blue"]}"#)
        // Deleting every element removes the attribute: a set is never empty.
        XCTAssertNil(try update("DELETE Color :p", values: #"{":p": {"SS": ["Orange", "Green", "Blue"]}}"#)?["Color"])
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "ADD Brand :c", "ExpressionAttributeValues": {":c": {"SS": ["x"]}}}"#,
                        "ValidationException", "An operand in the update expression has an incorrect data type")
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "ADD Tags :c", "ExpressionAttributeValues": {":c": {"L": []}}}"#,
                        "ValidationException", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST")
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "DELETE Tags :c", "ExpressionAttributeValues": {":c": {"N": "1"}}}"#,
                        "ValidationException", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER")
    }

    /// "Conditional updates": "If the starting Price is 650, then the UpdateItem operation
    /// reduces the Price to 575. If you run the UpdateItem operation again, the Price is
    /// reduced to 500. If you run it a third time, the condition expression evaluates to
    /// false, and the update fails."
    func testConditionalUpdates() throws {
        try call("PutItem", #"{"TableName": "ProductCatalog", "Item": {"Id": {"N": "456"}, "Price": {"N": "650"}, "ProductCategory": {"S": "Sporting Goods"}}}"#)
        let request = #"""
            {"TableName": "ProductCatalog", "Key": {"Id": {"N": "456"}}, "UpdateExpression": "SET Price = Price - :discount",
             "ConditionExpression": "Price > :limit", "ExpressionAttributeValues": {":discount": {"N": "75"}, ":limit": {"N": "500"}},
             "ReturnValues": "UPDATED_NEW"}
            """#
        try assertJSON(try call("UpdateItem", request), #"{"Attributes": {"Price": {"N": "575"}}}"#)
        try assertJSON(try call("UpdateItem", request), #"{"Attributes": {"Price": {"N": "500"}}}"#)
        try assertFails("UpdateItem", request, "ConditionalCheckFailedException", "The conditional request failed")
    }

    /// The API reference's UpdateItem examples: a conditional update returning ALL_NEW, and
    /// an atomic counter returning nothing ("Because ReturnValues is set to NONE, no output
    /// appears in the response payload").
    func testTheAPIReferenceExamples() throws {
        try call("PutItem", #"{"TableName": "Thread", "Item": {"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "Maximum number of items?"}, "LastPostedBy": {"S": "fred@example.com"}, "Views": {"N": "5"}}}"#)
        let conditional = try call("UpdateItem", #"""
            {"TableName": "Thread", "Key": {"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "Maximum number of items?"}},
             "UpdateExpression": "set LastPostedBy = :val1", "ConditionExpression": "LastPostedBy = :val2",
             "ExpressionAttributeValues": {":val1": {"S": "alice@example.com"}, ":val2": {"S": "fred@example.com"}}, "ReturnValues": "ALL_NEW"}
            """#)
        try assertJSON(conditional, #"{"Attributes": {"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "Maximum number of items?"}, "LastPostedBy": {"S": "alice@example.com"}, "Views": {"N": "5"}}}"#)
        let counter = #"""
            {"TableName": "Thread", "Key": {"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "A question about updates"}},
             "UpdateExpression": "set Replies = Replies + :num", "ExpressionAttributeValues": {":num": {"N": "1"}}, "ReturnValues": "NONE"}
            """#
        // The thread has no Replies yet: the expression reads an attribute that does not exist.
        try assertFails("UpdateItem", counter, "ValidationException", "The provided expression refers to an attribute that does not exist in the item")
        try call("UpdateItem", #"{"TableName": "Thread", "Key": {"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "A question about updates"}}, "UpdateExpression": "SET Replies = :zero", "ExpressionAttributeValues": {":zero": {"N": "0"}}}"#)
        try assertJSON(try call("UpdateItem", counter), "{}")
        try assertJSON(try call("GetItem", #"{"TableName": "Thread", "Key": {"ForumName": {"S": "Amazon DynamoDB"}, "Subject": {"S": "A question about updates"}}}"#)["Item"]?["Replies"], #"{"N": "1"}"#)
    }

    /// "The UpdateItem operation updates an existing item, or adds a new item to the table
    /// if it does not already exist."
    func testUpdateCreatesAMissingItem() throws {
        let request = ##"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "1"}}, "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": {":s": {"S": "FAILED"}}, "ReturnValues": "ALL_OLD"}"##
        try assertJSON(try call("UpdateItem", request), "{}")
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "1"}}}"#)["Item"], #"{"Id": {"N": "1"}, "status": {"S": "FAILED"}}"#)
        try assertJSON(try call("UpdateItem", request), #"{"Attributes": {"Id": {"N": "1"}, "status": {"S": "FAILED"}}}"#)
    }

    /// ReturnValues: "UPDATED_OLD - Returns only the updated attributes, as they appeared
    /// before the UpdateItem operation" (API reference).
    func testReturnValuesChooseOldOrNewAndAllOrUpdated() throws {
        try assertJSON(try update("SET Price = :p REMOVE Brand", values: #"{":p": {"N": "1"}}"#, returnValues: "UPDATED_OLD"),
                       #"{"Price": {"N": "52"}, "Brand": {"S": "Acme"}}"#)
        try assertJSON(try update("SET Price = :p", values: #"{":p": {"N": "2"}}"#, returnValues: "UPDATED_NEW"), #"{"Price": {"N": "2"}}"#)
        try assertJSON(try update("SET Price = :p", values: #"{":p": {"N": "3"}}"#, returnValues: "ALL_OLD"),
                       #"{"Id": {"N": "789"}, "ProductCategory": {"S": "Home Improvement"}, "Price": {"N": "2"}, "InStock": {"BOOL": true}}"#)
        XCTAssertNil(try update("SET Price = :p", values: #"{":p": {"N": "4"}}"#, returnValues: "NONE"))
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "ReturnValues": "ALL"}"#, "ValidationException",
                        "1 validation error detected: Value 'ALL' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")
    }

    /// The legacy AttributeUpdates map (API reference, AttributeValueUpdate): PUT, ADD,
    /// DELETE; "If no item with the specified Key is found: … DELETE - Nothing happens".
    func testLegacyAttributeUpdates() throws {
        let updated = try call("UpdateItem", #"""
            {"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "ReturnValues": "ALL_NEW",
             "AttributeUpdates": {"status": {"Value": {"S": "FAILED"}, "Action": "PUT"}, "Price": {"Value": {"N": "-2"}, "Action": "ADD"},
                                  "Brand": {"Action": "DELETE"}, "ProductCategory": {"Value": {"S": "Tools"}}}}
            """#)
        try assertJSON(updated, #"{"Attributes": {"Id": {"N": "789"}, "ProductCategory": {"S": "Tools"}, "Price": {"N": "50"}, "InStock": {"BOOL": true}, "status": {"S": "FAILED"}}}"#)
        try call("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "2"}}, "AttributeUpdates": {"Brand": {"Action": "DELETE"}}}"#)
        try assertJSON(try call("GetItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "2"}}}"#), "{}")
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "AttributeUpdates": {"a": {"Value": {"S": "x"}}}, "UpdateExpression": "REMOVE b"}"#,
                        "ValidationException", "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}")
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "AttributeUpdates": {"Id": {"Value": {"N": "1"}}}}"#,
                        "ValidationException", "One or more parameter values were invalid: Cannot update attribute Id. This attribute is part of the key")
    }

    func testTheKeyCannotBeUpdatedAndPathsMustExist() throws {
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "SET Id = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}"#,
                        "ValidationException", "One or more parameter values were invalid: Cannot update attribute Id. This attribute is part of the key")
        try assertFails("UpdateItem", #"{"TableName": "ProductCatalog", "Key": {"Id": {"N": "789"}}, "UpdateExpression": "SET Discount.Rate = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}"#,
                        "ValidationException", "The document path provided in the update expression is invalid for update")
        // A failed update changes nothing.
        try assertJSON(try item()?["Price"], #"{"N": "52"}"#)
    }
}
