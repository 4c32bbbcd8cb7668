import Foundation
import JSONValue
import Services
import XCTest

/// How DynamoDB refuses expressions: syntax errors with the token and its neighbours,
/// reserved words, undefined and unused placeholders, overlapping paths. The messages are
/// the ones DynamoDB answers (quoted in its documentation and in the SDKs' issue trackers).
final class TableExpressionTests: TableTestCase {
    override var declaredTables: [String: String] {
        ["ingest": #"{"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"#]
    }

    func assertUpdateFails(_ expression: String, names: String? = nil, values: String? = #"{":v": {"S": "x"}}"#,
                           _ message: String, line: UInt = #line) throws {
        var request = #"{"TableName": "ingest", "Key": {"id": {"S": "a"}}, "UpdateExpression": "\#(expression)""#
        if let names { request += #", "ExpressionAttributeNames": \#(names)"# }
        if let values { request += #", "ExpressionAttributeValues": \#(values)"# }
        try assertFails("UpdateItem", request + "}", "ValidationException", message, line: line)
    }

    /// "SET status = :somevalue" fails with "Invalid UpdateExpression: Attribute name is a
    /// reserved keyword; reserved keyword: status"; #status works.
    func testReservedWordsNeedAnAlias() throws {
        try assertUpdateFails("SET status = :v", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status")
        try assertUpdateFails("SET a = :v REMOVE year", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: year")
        try call("UpdateItem", ##"{"TableName": "ingest", "Key": {"id": {"S": "a"}}, "UpdateExpression": "SET #status = :v", "ExpressionAttributeNames": {"#status": "status"}, "ExpressionAttributeValues": {":v": {"S": "FAILED"}}}"##)
        try assertFails("Query", #"{"TableName": "ingest", "KeyConditionExpression": "hash = :h", "ExpressionAttributeValues": {":h": {"S": "a"}}}"#,
                        "ValidationException", "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: hash")
    }

    /// `Syntax error; token: "1", near: "VALUE 1"` and `token: "#", near: ", #,"`.
    func testSyntaxErrorsNameTheTokenAndItsNeighbours() throws {
        try assertUpdateFails("SET a = :v 1", #"Invalid UpdateExpression: Syntax error; token: "1", near: ":v 1""#)
        try assertUpdateFails("SET a = :v, #, b = :v", ##"Invalid UpdateExpression: Syntax error; token: "#", near: ", #,""##)
        try assertUpdateFails("SET a =", #"Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "=""#)
        try assertUpdateFails("PUT a = :v", #"Invalid UpdateExpression: Syntax error; token: "PUT", near: "PUT a""#)
        try assertUpdateFails("", values: nil, "Invalid UpdateExpression: The expression can not be empty;")
        try assertUpdateFails("SET a = :v SET b = :v", #"Invalid UpdateExpression: The "SET" section can only be used once in an update expression;"#)
    }

    func testPlaceholdersMustBeDefinedAndUsed() throws {
        try assertUpdateFails("SET a = :w", "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :w")
        try assertUpdateFails("SET #n = :v", "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #n")
        try assertUpdateFails("SET a = :v", values: #"{":v": {"S": "x"}, ":unused": {"S": "y"}}"#,
                              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}")
        try assertUpdateFails("SET a = :v", names: ##"{"#f2": "b"}"##, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#f2}")
        try assertUpdateFails("SET a = :v", names: "{}", "ExpressionAttributeNames must not be empty")
    }

    /// "Two document paths overlap with each other; must remove or rewrite one of these
    /// paths; path one: [a], path two: [a, b]".
    func testOverlappingPathsAreRefused() throws {
        try assertUpdateFails("SET a = :v, a.b = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]")
        try assertUpdateFails("SET a[0] = :v REMOVE a[0]", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, [0]]")
    }

    /// "list_append, operand type: M" and "+, operand type: S", found before the item is read.
    func testOperandTypesOfValuesAreCheckedUpFront() throws {
        try assertUpdateFails("SET a = list_append(a, :v)", values: #"{":v": {"M": {}}}"#,
                              "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: M")
        try assertUpdateFails("SET a = a + :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S")
        try assertUpdateFails("SET a = if_not_exists(:v, :v)", "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists")
        try assertUpdateFails("SET a = nope(b)", values: nil, "Invalid UpdateExpression: Invalid function name; function: nope")
    }

    /// The condition functions and operators of the "Comparison operator and function
    /// reference", on one item.
    func testConditionFunctionsAndOperators() throws {
        try call("PutItem", #"""
            {"TableName": "ingest", "Item": {"id": {"S": "a"}, "Brand": {"S": "Acme Company"}, "Color": {"SS": ["Red", "Blue"]},
             "Pictures": {"M": {"FrontView": {"S": "http://example.com/products/123_front.jpg"}}}, "Price": {"N": "52"},
             "QuantityOnHand": {"L": [{"N": "1"}]}, "Tags": {"L": [{"S": "x"}, {"N": "2"}]}}}
            """#)
        // A Scan with the condition as its filter finds the one item when the condition holds.
        func assertHolds(_ condition: String, _ values: String? = nil, line: UInt = #line) {
            for (expression, expected) in [(condition, 1), ("NOT (\(condition))", 0)] {
                var request = #"{"TableName": "ingest", "FilterExpression": "\#(expression)""#
                if let values { request += #", "ExpressionAttributeValues": \#(values)"# }
                switch tables.perform("Scan", try! JSONValue.parse(request + "}")) {
                case .success(let response): XCTAssertEqual(response["Count"], .int(Int64(expected)), expression, line: line)
                case .failure(let error): XCTFail("\(expression): \(error.errorMessage)", line: line)
                }
            }
        }
        assertHolds("attribute_exists(Pictures.FrontView)")
        assertHolds("attribute_not_exists(Manufacturer)")
        assertHolds("attribute_type(QuantityOnHand, :v_sub)", #"{":v_sub": {"S": "L"}}"#)
        assertHolds("begins_with(Pictures.FrontView, :v_sub)", #"{":v_sub": {"S": "http://"}}"#)
        assertHolds("contains(Brand, :v_sub)", #"{":v_sub": {"S": "Company"}}"#)
        assertHolds("contains(Color, :v_sub)", #"{":v_sub": {"S": "Red"}}"#)
        assertHolds("contains(Tags, :v_sub)", #"{":v_sub": {"N": "2"}}"#)
        assertHolds("size(Brand) <= :v_sub", #"{":v_sub": {"N": "20"}}"#)
        assertHolds("size(Color) > :v_sub", #"{":v_sub": {"N": "1"}}"#)
        assertHolds("Price BETWEEN :lo AND :hi", #"{":lo": {"N": "52"}, ":hi": {"N": "60"}}"#)
        assertHolds("Price IN (:a, :b)", #"{":a": {"N": "1"}, ":b": {"N": "52.0"}}"#)
        assertHolds("Price <> :p", #"{":p": {"N": "53"}}"#)
        assertHolds("Discount <> :p", #"{":p": {"N": "53"}}"#)
        assertHolds(":a = :a OR Price < :p AND Price < :p", #"{":a": {"S": "x"}, ":p": {"N": "1"}}"#)
    }
}
