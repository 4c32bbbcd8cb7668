import JSONValue
import XCTest

/// Every syntax error, with its line and column counted by hand from the input.
final class ParserErrorTests: XCTestCase {
    func testEmptyInput() {
        assertSyntaxError("", 1, 1, "expected a JSON value")
        // Offsets 0-2 are "  \n", so the end of input is line 2, after one space.
        assertSyntaxError("  \n ", 2, 2, "expected a JSON value")
    }

    func testObjectPunctuation() {
        // `{"a":1 ` is seven characters; the second key's quote is column 8.
        assertSyntaxError(#"{"a":1 "b":2}"#, 1, 8, "expected ',' or '}' after object member")
        assertSyntaxError(#"{"a" 1}"#, 1, 6, "expected ':' after object key")
        assertSyntaxError("{1:2}", 1, 2, "expected a string key or '}'")
        assertSyntaxError(#"{"a":1,}"#, 1, 8, "expected a string key after ',' (trailing commas are not allowed)")
        assertSyntaxError(#"{"a":1, 2}"#, 1, 9, "expected a string key after ','")
        assertSyntaxError(#"{"a":}"#, 1, 6, "expected a JSON value")
        // Missing close: the end of input, after the seven characters of `{"a":1`.
        assertSyntaxError(#"{"a":1"#, 1, 7, "expected ',' or '}' after object member")
    }

    func testArrayPunctuation() {
        assertSyntaxError("[1 2]", 1, 4, "expected ',' or ']' after array element")
        assertSyntaxError("[1,]", 1, 4, "expected a JSON value after ',' (trailing commas are not allowed)")
        assertSyntaxError("[,1]", 1, 2, "expected a JSON value")
        assertSyntaxError("[1}", 1, 3, "expected ',' or ']' after array element")
        // Line 1 is "[1,", line 2 is empty: the end of input is at its column 1.
        assertSyntaxError("[1,\n", 2, 1, "expected a JSON value")
    }

    func testTrailingCharacters() {
        assertSyntaxError(#"{"a":1} x"#, 1, 9, "unexpected trailing characters after the JSON value")
        assertSyntaxError("1 2", 1, 3, "unexpected trailing characters after the JSON value")
        assertSyntaxError("[1]]", 1, 4, "unexpected trailing characters after the JSON value")
        assertSyntaxError("truex", 1, 5, "unexpected trailing characters after the JSON value")
        assertSyntaxError(#""a": 1"#, 1, 4, "unexpected trailing characters after the JSON value (is the opening '{' missing?)")
    }

    func testLiterals() {
        assertSyntaxError("tru", 1, 1, "expected a JSON value (did you mean 'true'?)")
        assertSyntaxError("[nul]", 1, 2, "expected a JSON value (did you mean 'null'?)")
        assertSyntaxError("[True]", 1, 2, "expected a JSON value")
        assertSyntaxError("'a'", 1, 1, "expected a JSON value")
    }

    func testStrings() {
        assertSyntaxError(#""abc"#, 1, 1, "unterminated string")
        assertSyntaxError(#"["a\"#, 1, 2, "unterminated string")
        // Line 2 is `  "name": "abc`: two spaces, `"name"` in columns 3-8, `:` 9, space 10.
        assertSyntaxError("{\n  \"name\": \"abc\n}", 2, 11, "unterminated string")
        assertSyntaxError("\"a\tb\"", 1, 3, "control character U+0009 must be escaped in a string")
        assertSyntaxError("\"\u{1F}\"", 1, 2, "control character U+001F must be escaped in a string")
    }

    func testEscapes() {
        assertSyntaxError(#""a\qb""#, 1, 3, #"invalid escape '\q'"#)
        assertSyntaxError(#"["\x41"]"#, 1, 3, #"invalid escape '\x'"#)
        assertSyntaxError("\"\\ \"", 1, 2, #"invalid escape: '\' must be followed by one of " \ / b f n r t u"#)
        assertSyntaxError(#""\u12G4""#, 1, 2, #"invalid escape '\u': expected four hex digits"#)
        assertSyntaxError(#""\u12""#, 1, 2, #"invalid escape '\u': expected four hex digits"#)
        // `é` is two bytes but one column: the backslash is column 3.
        assertSyntaxError(#""é\q""#, 1, 3, #"invalid escape '\q'"#)
    }

    /// Documented choice: a lone surrogate is an error, not U+FFFD.
    func testLoneSurrogates() {
        let rule = "(a \\u escape for U+D800...U+DFFF must be a high-low pair)"
        assertSyntaxError(#""\ud83d""#, 1, 2, #"unpaired surrogate '\ud83d' "# + rule)
        assertSyntaxError(#""x\uDE00""#, 1, 3, #"unpaired surrogate '\uDE00' "# + rule)
        assertSyntaxError(#""\ud83d\u0041""#, 1, 2, #"unpaired surrogate '\ud83d' "# + rule)
        assertSyntaxError(#""\ud83d\ud83d""#, 1, 2, #"unpaired surrogate '\ud83d' "# + rule)
        assertSyntaxError(#""\ud83dx""#, 1, 2, #"unpaired surrogate '\ud83d' "# + rule)
    }

    func testInvalidUTF8() {
        assertSyntaxError(bytes: [0x22, 0x61, 0xFF, 0x22], 1, 3, "invalid UTF-8 byte 0xFF in string")
        assertSyntaxError(bytes: [0x22, 0x80, 0x22], 1, 2, "invalid UTF-8 byte 0x80 in string")
        assertSyntaxError(bytes: [0x22, 0xC3, 0x22], 1, 2, "invalid UTF-8 sequence starting with byte 0xC3 in string")
        // Overlong `/`, and a UTF-8-encoded surrogate: both ill-formed.
        assertSyntaxError(bytes: [0x22, 0xC0, 0xAF, 0x22], 1, 2, "invalid UTF-8 byte 0xC0 in string")
        assertSyntaxError(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, 2, "invalid UTF-8 sequence starting with byte 0xED in string")
        assertSyntaxError(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, 2, "invalid UTF-8 sequence starting with byte 0xF4 in string")
        assertSyntaxError(bytes: [0x22, 0xE2, 0x82], 1, 2, "invalid UTF-8 sequence starting with byte 0xE2 in string")
        // Invalid UTF-8 outside a string is simply not JSON.
        assertSyntaxError(bytes: [0x5B, 0xFF, 0x5D], 1, 2, "expected a JSON value")
    }

    func testNumbers() {
        assertSyntaxError("-", 1, 2, "expected a digit after '-'")
        assertSyntaxError("[-a]", 1, 3, "expected a digit after '-'")
        assertSyntaxError("01", 1, 2, "leading zeros are not allowed in numbers")
        assertSyntaxError("-007", 1, 3, "leading zeros are not allowed in numbers")
        assertSyntaxError("1.", 1, 3, "expected a digit after '.'")
        assertSyntaxError("1.e5", 1, 3, "expected a digit after '.'")
        assertSyntaxError("1e", 1, 3, "expected a digit in the exponent")
        assertSyntaxError("1e+", 1, 4, "expected a digit in the exponent")
        assertSyntaxError(".5", 1, 1, "expected a JSON value")
        assertSyntaxError("+1", 1, 1, "expected a JSON value")
        assertSyntaxError("0x10", 1, 2, "unexpected trailing characters after the JSON value")
    }

    func testNumbersOutOfRange() {
        assertSyntaxError("[1, 1e400]", 1, 5, "number out of range")
        assertSyntaxError("-1.5e309", 1, 1, "number out of range")
        assertSyntaxError("1" + String(repeating: "0", count: 309), 1, 1, "number out of range")
        assertSyntaxError("1e99999999999999999999", 1, 1, "number out of range")
    }

    func testNestingTooDeep() {
        let limit = JSONValue.maximumNestingDepth
        // The bracket that opens level 1001 is the 1001st character.
        assertSyntaxError(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1),
                          1, limit + 1, "nesting too deep (more than 1000 levels)")
        // Each `{"a":` is five characters; level 1001 opens after 1000 of them.
        assertSyntaxError(String(repeating: #"{"a":"#, count: limit + 1), 1, 5 * limit + 1, "nesting too deep (more than 1000 levels)")
        // Far deeper input fails the same way instead of overflowing the stack.
        assertSyntaxError(String(repeating: "[", count: 200_000), 1, limit + 1, "nesting too deep (more than 1000 levels)")
    }

    func testOnlyRFCWhitespace() {
        assertSyntaxError("[1,\u{A0}2]", 1, 4, "expected a JSON value")
        assertSyntaxError("\u{0C}1", 1, 1, "expected a JSON value")
        assertSyntaxError("[1\u{0B}]", 1, 3, "expected ',' or ']' after array element")
        // A byte order mark is skipped only at the very start.
        assertSyntaxError("[\u{FEFF}1]", 1, 2, "expected a JSON value")
    }

    func testLinesAndColumns() {
        // CR LF is one line break: `"b"` starts line 3.
        assertSyntaxError("{\r\n\"a\":1\r\n\"b\":2}", 3, 1, "expected ',' or '}' after object member")
        // A lone CR is a line break too: line 3 is `2 x]`.
        assertSyntaxError("[1,\r\r2 x]", 3, 3, "expected ',' or ']' after array element")
        // Columns count characters: `😀` (4 bytes) and `é` written as e + U+0301 are one each.
        assertSyntaxError("[\"😀\", x]", 1, 7, "expected a JSON value")
        assertSyntaxError("[\"e\u{301}\", x]", 1, 7, "expected a JSON value")
        assertSyntaxError("[\t\tx]", 1, 4, "expected a JSON value")
        // The byte order mark is not counted.
        assertSyntaxError("\u{FEFF}x", 1, 1, "expected a JSON value")
    }

    func testDescription() {
        let error = JSONSyntaxError(line: 3, column: 14, message: "unterminated string")
        XCTAssertEqual(error.description, "3:14: unterminated string")
        XCTAssertEqual(error.location, SourceLocation(line: 3, column: 14))
        XCTAssertEqual(error.location.description, "3:14")
    }
}

/// Asserts that `text` fails to parse with exactly this error, both as a `JSONValue` and as a
/// `JSONDocument` (the two share the parser, and must agree).
func assertSyntaxError(
    _ text: String, _ line: Int, _ column: Int, _ message: String,
    file: StaticString = #filePath, line testLine: UInt = #line
) {
    assertSyntaxError(bytes: Array(text.utf8), line, column, message, file: file, line: testLine)
    do {
        let value = try JSONValue.parse(text)
        XCTFail("parsed as \(value)", file: file, line: testLine)
    } catch {
        XCTAssertEqual(error, JSONSyntaxError(line: line, column: column, message: message), file: file, line: testLine)
    }
}

/// Asserts that `bytes` fail to parse with exactly this error.
func assertSyntaxError(
    bytes: [UInt8], _ line: Int, _ column: Int, _ message: String,
    file: StaticString = #filePath, line testLine: UInt = #line
) {
    let expected = JSONSyntaxError(line: line, column: column, message: message)
    do {
        let value = try JSONValue.parse(bytes: bytes)
        XCTFail("parsed as \(value)", file: file, line: testLine)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: testLine)
    }
    do {
        let document = try JSONDocument.parse(bytes: bytes)
        XCTFail("parsed as \(document.value)", file: file, line: testLine)
    } catch {
        XCTAssertEqual(error, expected, "JSONDocument", file: file, line: testLine)
    }
}
