import JSONValue
import StatesLanguage
import XCTest

/// Selection with the forms AWS's JsonPath (Jayway's) offers. The paths and what they mean
/// are the examples of Jayway's README ("Path Examples"), over its sample document; AWS's own
/// examples are marked.
final class JSONPathSelectionTests: XCTestCase {
    static let store = IntrinsicTest.json(#"""
        {"store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10}
        """#)

    private func select(_ path: String, _ document: JSONValue = store) throws -> JSONValue? {
        try JSONPath.parse(path).evaluate(input: document, context: [:])
    }

    private func titles(_ path: String) throws -> [String] {
        try XCTUnwrap(select(path)?.arrayValue).compactMap { $0["title"]?.stringValue }
    }

    /// AWS: "$.foo => 123", "$.bar => ["a", "b", "c"]", "$.car.cdr => true" (Reference Paths).
    func testReferencePathsFromTheAWSGuide() throws {
        let input = IntrinsicTest.json(#"{"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}}"#)
        XCTAssertEqual(try select("$.foo", input), 123)
        XCTAssertEqual(try select("$.bar", input), ["a", "b", "c"])
        XCTAssertEqual(try select("$.car.cdr", input), true)
        XCTAssertEqual(try select("$", input), input)
        XCTAssertEqual(try select("$['car']['cdr']", input), true)
        XCTAssertEqual(try select("$.bar[1]", input), "b")
        XCTAssertEqual(try select("$.bar[-1]", input), "c")
        XCTAssertNil(try select("$.nothing", input))
        XCTAssertNil(try select("$.bar[3]", input))
    }

    /// AWS: "If you apply the path $.a[0:2]" to `{ "a": [1, 2, 3, 4] }`, "the following is the
    /// result: [ 1, 2 ]" (Input and Output Processing).
    func testSliceFromTheAWSGuide() throws {
        XCTAssertEqual(try select("$.a[0:2]", ["a": [1, 2, 3, 4]]), [1, 2])
    }

    func testWildcardsAndDeepScan() throws {
        // "The authors of all books"; "All authors".
        let authors: JSONValue = ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]
        XCTAssertEqual(try select("$.store.book[*].author"), authors)
        XCTAssertEqual(try select("$..author"), authors)
        // "All things, both books and bicycles".
        XCTAssertEqual(try select("$.store.*"), [Self.store["store"]!["book"]!, Self.store["store"]!["bicycle"]!])
        // "The price of everything": parents before children, members in order.
        XCTAssertEqual(try select("$.store..price"), [8.95, 12.99, 8.99, 22.99, 19.95])
        // "Give me every thing": every value below the root.
        XCTAssertEqual(try select("$..*")?.arrayValue?.count, 28)
    }

    func testIndexesAndSlices() throws {
        XCTAssertEqual(try titles("$..book[2]"), ["Moby Dick"])  // "The third book"
        XCTAssertEqual(try titles("$..book[-2]"), ["Moby Dick"])  // "The second to last book"
        XCTAssertEqual(try titles("$..book[0,1]"), ["Sayings of the Century", "Sword of Honour"])  // "The first two books"
        XCTAssertEqual(try titles("$..book[:2]"), ["Sayings of the Century", "Sword of Honour"])  // "index 0 (inclusive) until index 2 (exclusive)"
        XCTAssertEqual(try titles("$..book[1:2]"), ["Sword of Honour"])  // "index 1 (inclusive) until index 2 (exclusive)"
        XCTAssertEqual(try titles("$..book[-2:]"), ["Moby Dick", "The Lord of the Rings"])  // "Last two books"
        XCTAssertEqual(try titles("$..book[2:]"), ["Moby Dick", "The Lord of the Rings"])  // "index 2 (inclusive) to last"
        XCTAssertEqual(try select("$.store.book[9:]"), [])
        // Jayway reads only "from:to" of a slice, so a step is ignored.
        XCTAssertEqual(try select("$[0:4:2]", [1, 2, 3, 4, 5]), [1, 2, 3, 4])
    }

    /// Definite paths give the node; indefinite ones the array of matches, even of one or none.
    func testDefiniteAndIndefiniteResults() throws {
        XCTAssertEqual(try select("$.expensive"), 10)
        XCTAssertEqual(try select("$..expensive"), [10])
        XCTAssertEqual(try select("$.store.book[*].isbn"), ["0-553-21311-3", "0-395-19395-8"])
        XCTAssertEqual(try select("$.store.book[*].missing"), [])
        XCTAssertEqual(try select("$.expensive[*]"), [])
        // A list of names as the last step: Jayway merges the members that exist into one object.
        XCTAssertEqual(try select("$.store.bicycle['color','price','gears']"), ["color": "red", "price": 19.95])
        XCTAssertEqual(try select("$.store.book[0]['author','title']"), ["author": "Nigel Rees", "title": "Sayings of the Century"])
    }

    /// `$$` selects from the context object: "prepend the path with $$. This tells Step
    /// Functions to use the path to select a node in the context object" (Context object).
    func testContextPaths() throws {
        let context = IntrinsicTest.json(#"""
            {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName",
                           "Input": {"key": "value"}, "Name": "executionName"},
             "State": {"Name": "Test", "RetryCount": 3},
             "Map": {"Item": {"Index": 0, "Value": {"who": "bob"}}}}
            """#)
        func select(_ path: String) throws -> JSONValue? {
            try JSONPath.parse(path).evaluate(input: Self.store, context: context)
        }
        XCTAssertEqual(try select("$$.Execution.Id"), "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName")
        XCTAssertEqual(try select("$$.Execution.Input.key"), "value")
        XCTAssertEqual(try select("$$.State.RetryCount"), 3)
        XCTAssertEqual(try select("$$.Map.Item.Value"), ["who": "bob"])
        XCTAssertEqual(try select("$$"), context)
        XCTAssertNil(try select("$$.Task.Token"))
    }
}
