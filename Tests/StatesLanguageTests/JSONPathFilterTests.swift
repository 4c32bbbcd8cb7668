import JSONValue
import StatesLanguage
import XCTest

/// Filters, `[?( … )]`, with the examples of Jayway's README over its sample document.
final class JSONPathFilterTests: XCTestCase {
    private func titles(_ path: String, _ document: JSONValue = JSONPathSelectionTests.store) throws -> [String] {
        let selected = try JSONPath.parse(path).evaluate(input: document, context: [:])
        return try XCTUnwrap(selected?.arrayValue).compactMap { $0["title"]?.stringValue }
    }

    func testReadmeFilters() throws {
        // "All books with an ISBN number".
        XCTAssertEqual(try titles("$..book[?(@.isbn)]"), ["Moby Dick", "The Lord of the Rings"])
        // "All books in store cheaper than 10".
        XCTAssertEqual(try titles("$.store.book[?(@.price < 10)]"), ["Sayings of the Century", "Moby Dick"])
        // "All books in store that are not "expensive"".
        XCTAssertEqual(try titles("$..book[?(@.price <= $['expensive'])]"), ["Sayings of the Century", "Moby Dick"])
        // "All books matching regex (ignore case)".
        XCTAssertEqual(try titles("$..book[?(@.author =~ /.*REES/i)]"), ["Sayings of the Century"])
    }

    func testOperators() throws {
        XCTAssertEqual(try titles("$.store.book[?(@.category == 'reference')]"), ["Sayings of the Century"])
        XCTAssertEqual(try titles(#"$.store.book[?(@.category != "fiction")]"#), ["Sayings of the Century"])
        XCTAssertEqual(try titles("$.store.book[?(@.price > 22.99)]"), [])
        XCTAssertEqual(try titles("$.store.book[?(@.price >= 22.99)]"), ["The Lord of the Rings"])
        XCTAssertEqual(try titles("$.store.book[?(@.price > 10 && @.category == 'fiction')]"), ["Sword of Honour", "The Lord of the Rings"])
        XCTAssertEqual(try titles("$.store.book[?(@.price < 9 || @.isbn == '0-395-19395-8')]"),
                       ["Sayings of the Century", "Moby Dick", "The Lord of the Rings"])
        XCTAssertEqual(try titles("$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)]"), ["Moby Dick", "The Lord of the Rings"])
        // Strings order by character codes; numbers by value, ints and decimals alike.
        XCTAssertEqual(try titles("$.store.book[?(@.author < 'F')]"), ["Sword of Honour"])  // "Evelyn Waugh"
        XCTAssertEqual(try JSONPath.parse("$[?(@.n == 1)]").evaluate(input: [["n": 1.0], ["n": 2]], context: [:]), [["n": 1.0]])
    }

    /// Jayway's regex match is a whole-string match (`Matcher.matches()`).
    func testRegexMatchesTheWholeString() throws {
        XCTAssertEqual(try titles("$..book[?(@.author =~ /Rees/)]"), [])
        XCTAssertEqual(try titles("$..book[?(@.author =~ /.*Rees/)]"), ["Sayings of the Century"])
        XCTAssertEqual(try titles("$..book[?(@.price =~ /8.*/)]"), [])  // only strings match
    }

    /// A missing member makes a comparison false, except `!=`, where Jayway's "undefined" differs.
    func testMissingMembers() throws {
        XCTAssertEqual(try titles("$.store.book[?(@.isbn == '0-553-21311-3')]"), ["Moby Dick"])
        XCTAssertEqual(try titles("$.store.book[?(@.isbn > 'a')]"), [])
        XCTAssertEqual(try titles("$.store.book[?(@.isbn != '0-553-21311-3')]"),
                       ["Sayings of the Century", "Sword of Honour", "The Lord of the Rings"])
    }

    /// On an object (not an array) a filter tests the object itself.
    func testFilterOnAnObject() throws {
        let bicycle = try JSONPath.parse("$.store.bicycle[?(@.color == 'red')]").evaluate(input: JSONPathSelectionTests.store, context: [:])
        XCTAssertEqual(bicycle, [JSONPathSelectionTests.store["store"]!["bicycle"]!])
        XCTAssertEqual(try JSONPath.parse("$.store.bicycle[?(@.color == 'blue')].color").evaluate(input: JSONPathSelectionTests.store, context: [:]), [])
    }
}
