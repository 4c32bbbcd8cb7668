import JSONValue
import XCTest

/// `JSONDocument.location(of:scalarOffset:)`: a character of a string's value found where the
/// file writes it. RFC 8259: an escape stands for one character, and a character outside the
/// Basic Multilingual Plane may be written as "a 12-character sequence, encoding the UTF-16
/// surrogate pair".
final class JSONDocumentStringOffsetTests: XCTestCase {
    // Columns: `{"s": "` is 7 characters, so the string's first character is in column 8.
    private let document = try! JSONDocument.parse(#"{"s": "a\n\ud83d\ude00é\u00e9z"}"#)

    func testEachCharacterOfTheValue() {
        // a, newline (\n), 😀 (\ud83d\ude00), é, é (\u00e9), z.
        let columns = (0..<6).map { document.location(of: ["s"], scalarOffset: $0)?.column }
        XCTAssertEqual(columns, [8, 9, 11, 23, 24, 30])
    }

    func testPastTheEndOrNoStringIsNil() {
        XCTAssertNil(document.location(of: ["s"], scalarOffset: 6))
        XCTAssertNil(document.location(of: ["missing"], scalarOffset: 0))
        XCTAssertNil(try JSONDocument.parse(#"{"n": 12}"#).location(of: ["n"], scalarOffset: 0))
    }
}
