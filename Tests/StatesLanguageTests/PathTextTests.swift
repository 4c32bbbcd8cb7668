import JSONValue
import StatesLanguage
import XCTest

/// Paths and intrinsic calls whose text is not plain ASCII: names read back whole and columns
/// count characters (the parsers read the text a character at a time and take names as slices
/// of it; SourceLocation counts columns the same way).
final class PathTextTests: XCTestCase {
    func testNonASCIINamesSelectTheirMembers() throws {
        let input = IntrinsicTest.json(#"{"café": {"naïve": 1, "日本": [10, 20]}, "👍🏽": "thumb"}"#)
        XCTAssertEqual(try JSONPath.parse("$.café.naïve").evaluate(input: input, context: [:]), 1)
        XCTAssertEqual(try JSONPath.parse("$.café.日本[1]").evaluate(input: input, context: [:]), 20)
        XCTAssertEqual(try JSONPath.parse("$['café']['naïve']").evaluate(input: input, context: [:]), 1)
        XCTAssertEqual(try JSONPath.parse("$.👍🏽").evaluate(input: input, context: [:]), "thumb")
        XCTAssertEqual(try JSONPath.parse("$.café.naïve").text, "$.café.naïve")
    }

    /// A thumbs-up with a skin tone is two Unicode scalars and one character: the bad `]`
    /// after it is in column 4.
    func testColumnsCountCharacters() {
        XCTAssertThrowsError(try JSONPath.parse("$.👍🏽]")) { error in
            XCTAssertEqual((error as? PathSyntaxError)?.column, 4, "\(error)")
        }
        XCTAssertThrowsError(try IntrinsicCall.parse("States.Array('é' 2)")) { error in
            XCTAssertEqual((error as? PathSyntaxError)?.column, 18, "\(error)")
        }
    }

    /// CR LF is one character: a name holding one keeps both bytes.
    func testCarriageReturnLineFeedInAName() throws {
        let input = JSONValue.object(["a\r\nb": 7])
        XCTAssertEqual(try JSONPath.parse("$['a\r\nb']").evaluate(input: input, context: [:]), 7)
    }

    /// "States.Format('{} é {}', ...)": the template and the argument paths keep their text.
    func testIntrinsicWithNonASCIIText() throws {
        let input = IntrinsicTest.json(#"{"prénom": "Zoë", "ville": "Köln"}"#)
        XCTAssertEqual(try IntrinsicTest.evaluate("States.Format('{} à {}', $.prénom, $.ville)", input: input), "Zoë à Köln")
        XCTAssertEqual(try IntrinsicCall.parse("States.Format('{} à {}', $.prénom, $.ville)").text, "States.Format('{} à {}', $.prénom, $.ville)")
    }
}
