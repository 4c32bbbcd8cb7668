import JSONValue
import XCTest

/// Locations recorded by `JSONDocument`, counted by hand from the texts.
final class JSONDocumentTests: XCTestCase {
    private let definition = """
        {
          "StartAt": "A",
          "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": [1, {"x": null}]
          }
        }
        """

    func testValueLocations() throws {
        let document = try JSONDocument.parse(definition)
        XCTAssertEqual(document.location(of: []), SourceLocation(line: 1, column: 1))
        // Line 2 is `  "StartAt": "A",`: `"StartAt"` in columns 3-11, `:` 12, space 13.
        XCTAssertEqual(document.location(of: ["StartAt"]), SourceLocation(line: 2, column: 14))
        // Line 3 is `  "States": {`: `"States"` in columns 3-10, `:` 11, space 12.
        XCTAssertEqual(document.location(of: ["States"]), SourceLocation(line: 3, column: 13))
        // Line 4 is `    "A": {"Type": "Pass", "Next": "B"},`: `{` is column 10, `"Type"`
        // 11-16, `"Pass"` 19-24, `"Next"` 27-32, `"B"` 35-37.
        XCTAssertEqual(document.location(of: ["States", "A"]), SourceLocation(line: 4, column: 10))
        XCTAssertEqual(document.location(of: ["States", "A", "Type"]), SourceLocation(line: 4, column: 19))
        XCTAssertEqual(document.location(of: ["States", "A", "Next"]), SourceLocation(line: 4, column: 35))
        // Line 5 is `    "B": [1, {"x": null}]`: `[` 10, `1` 11, `{` 14, `"x"` 15-17, `null` 20.
        XCTAssertEqual(document.location(of: ["States", "B"]), SourceLocation(line: 5, column: 10))
        XCTAssertEqual(document.location(of: ["States", "B", 0]), SourceLocation(line: 5, column: 11))
        XCTAssertEqual(document.location(of: [.key("States"), .key("B"), .index(1)]), SourceLocation(line: 5, column: 14))
        XCTAssertEqual(document.location(of: ["States", "B", 1, "x"]), SourceLocation(line: 5, column: 20))
    }

    func testKeyLocations() throws {
        let document = try JSONDocument.parse(definition)
        XCTAssertEqual(document.keyLocation(of: ["StartAt"]), SourceLocation(line: 2, column: 3))
        XCTAssertEqual(document.keyLocation(of: ["States"]), SourceLocation(line: 3, column: 3))
        XCTAssertEqual(document.keyLocation(of: ["States", "A"]), SourceLocation(line: 4, column: 5))
        XCTAssertEqual(document.keyLocation(of: ["States", "A", "Next"]), SourceLocation(line: 4, column: 27))
        XCTAssertEqual(document.keyLocation(of: ["States", "B", 1, "x"]), SourceLocation(line: 5, column: 15))
    }

    func testMissingPaths() throws {
        let document = try JSONDocument.parse(definition)
        XCTAssertNil(document.location(of: ["Nope"]))
        XCTAssertNil(document.location(of: ["States", "B", 2]))
        XCTAssertNil(document.location(of: ["States", "B", -1]))
        XCTAssertNil(document.location(of: ["StartAt", 0]))
        XCTAssertNil(document.location(of: ["States", "B", "x"]))
        XCTAssertNil(document.location(of: [0]))
        XCTAssertNil(document.keyLocation(of: []))
        XCTAssertNil(document.keyLocation(of: ["States", "B", 0]))
        XCTAssertNil(document.keyLocation(of: ["States", "Nope"]))
    }

    func testValueIsTheSameAsPlainParse() throws {
        let document = try JSONDocument.parse(definition)
        XCTAssertEqual(document.value, try JSONValue.parse(definition))
        XCTAssertEqual(document.value["States"]?["A"]?["Next"], "B")
    }

    func testColumnsCountCharacters() throws {
        // `{`1 `"ключ"` 2-7 `:`8 tab 9 `"😀"` 10-12 `,`13 space 14 `"b"` 15-17 `:`18 space 19 `1`20.
        let document = try JSONDocument.parse("{\"ключ\":\t\"😀\", \"b\": 1}")
        XCTAssertEqual(document.keyLocation(of: ["ключ"]), SourceLocation(line: 1, column: 2))
        XCTAssertEqual(document.location(of: ["ключ"]), SourceLocation(line: 1, column: 10))
        XCTAssertEqual(document.keyLocation(of: ["b"]), SourceLocation(line: 1, column: 15))
        XCTAssertEqual(document.location(of: ["b"]), SourceLocation(line: 1, column: 20))
    }

    func testLineBreaksAndByteOrderMark() throws {
        // CR LF counts once; the byte order mark is not a column.
        let document = try JSONDocument.parse("\u{FEFF}[\r\n  1,\r\n  2\r\n]")
        XCTAssertEqual(document.location(of: []), SourceLocation(line: 1, column: 1))
        XCTAssertEqual(document.location(of: [0]), SourceLocation(line: 2, column: 3))
        XCTAssertEqual(document.location(of: [1]), SourceLocation(line: 3, column: 3))
        let bytes = try JSONDocument.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("[7]".utf8))
        XCTAssertEqual(bytes.location(of: [0]), SourceLocation(line: 1, column: 2))
    }

    /// The locations of a duplicate key are those of the member whose value was kept.
    func testDuplicateKeyLocations() throws {
        // `{`1 `"a"`2-4 `:`5 space 6 `1`7 `,`8 space 9 `"a"`10-12 `:`13 space 14 `2`15.
        let document = try JSONDocument.parse(#"{"a": 1, "a": 2}"#)
        XCTAssertEqual(document.value, ["a": 2])
        XCTAssertEqual(document.location(of: ["a"]), SourceLocation(line: 1, column: 15))
        XCTAssertEqual(document.keyLocation(of: ["a"]), SourceLocation(line: 1, column: 10))
    }

    func testScalarDocumentsAndEmptyContainers() throws {
        let scalar = try JSONDocument.parse("\n\n   \"x\"  ")
        XCTAssertEqual(scalar.value, "x")
        XCTAssertEqual(scalar.location(of: []), SourceLocation(line: 3, column: 4))
        let empty = try JSONDocument.parse(#"{"a": {}, "b": [], "c": [[], {}]}"#)
        XCTAssertEqual(empty.location(of: ["b"]), SourceLocation(line: 1, column: 16))
        XCTAssertEqual(empty.location(of: ["c", 1]), SourceLocation(line: 1, column: 30))
    }

    func testDeepDocumentAtTheLimit() throws {
        let depth = JSONValue.maximumNestingDepth
        let document = try JSONDocument.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        let path = [JSONPathComponent](repeating: .index(0), count: depth - 1)
        XCTAssertEqual(document.location(of: path), SourceLocation(line: 1, column: depth))
    }
}
