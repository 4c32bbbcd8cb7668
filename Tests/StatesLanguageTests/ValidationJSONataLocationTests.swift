import JSONValue
import StatesLanguage
import XCTest

/// A JSONata syntax error inside `{% %}` is located at the character at fault, at its line and
/// column in the file (docs/variables.md, "JSONata states"): JSONata's position points just
/// past the token at fault (jsonata-js: `Account.Order[0` gives S0203 at 15), so the place is
/// the token's first character, or just past the end where the expression ends too soon.
/// Columns count the file as written: an escape is one character of the expression but
/// several of the line.
final class ValidationJSONataLocationTests: XCTestCase {
    /// Line 3 of the definition is `   "Output": "<string>", "End": true}}}`: the string's
    /// opening quote is in column 14, its `{` in column 15.
    private func located(_ string: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        let found = diagnostics(of: """
            {"QueryLanguage": "JSONata", "StartAt": "P",
             "States": {"P": {"Type": "Pass",
               "Output": "\(string)", "End": true}}}
            """, file: file, line: line)
        XCTAssertEqual(found.count, 1, found.map(\.description).joined(separator: "\n"), file: file, line: line)
        return found.first
    }

    /// `)` in operand position: S0211, at the `)` itself (column 15 + its offset 8).
    func testTheTokenAtFault() {
        let found = located("{% $x + ) %}")
        XCTAssertEqual(found?.location, SourceLocation(line: 3, column: 23), found?.description ?? "")
        XCTAssertTrue(found?.message.contains("S0211") == true, found?.message ?? "")
    }

    /// The jsonata-js example: "Expected ']' before end of expression", just past the `0`.
    func testAnExpressionThatEndsTooSoon() {
        let found = located("{% Account.Order[0 %}")
        XCTAssertEqual(found?.location, SourceLocation(line: 3, column: 33), found?.description ?? "")
        XCTAssertTrue(found?.message.contains("S0203") == true, found?.message ?? "")
    }

    /// Two variables side by side: the second is at fault, located at its `$`.
    func testAVariableIsLocatedAtItsDollar() {
        let found = located("{% $x $y %}")
        XCTAssertEqual(found?.location, SourceLocation(line: 3, column: 21), found?.description ?? "")
    }

    /// Escapes before the fault: `\\"` and `\\u00e9` are one character of the expression each,
    /// two and six columns of the line. In `'a"é' & )` the `)` is at offset 8, so offset 11 of
    /// the string (after `{% `), written 1 + 5 columns further right.
    func testEscapesBeforeTheFaultAreCountedAsWritten() {
        let found = located(#"{% 'a\"\u00e9' & ) %}"#)
        XCTAssertEqual(found?.location, SourceLocation(line: 3, column: 15 + 11 + 1 + 5), found?.description ?? "")
    }

    /// An expression written over several lines (`\n` escapes): the column is still on the
    /// file's one line, past the escapes as written.
    func testLineBreaksInTheExpression() {
        let found = located(#"{%\n  $x +\n  )\n%}"#)
        // `{%`, `\n`, two spaces, `$x +`, `\n`, two spaces: the `)` is 2 + 2 + 2 + 4 + 2 + 2 = 14
        // columns after the `{`.
        XCTAssertEqual(found?.location, SourceLocation(line: 3, column: 15 + 14), found?.description ?? "")
    }
}
