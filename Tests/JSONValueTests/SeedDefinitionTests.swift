import JSONValue
import TestSupport
import XCTest

/// Definitions pasted from real tutorials, as users will bring them.
final class SeedDefinitionTests: XCTestCase {
    /// Seed 004: the state machine definition of a Step Functions error-handling tutorial
    /// (the text after "Replace the contents of the State machine definition section with the
    /// following code:"), pasted without its braces: the opening `{` is missing, and so are
    /// several `{` and `}` further down (in "Catch" and after each state).
    ///
    /// The text starts `  "Comment": ...`. A parser reading from the left sees two spaces of
    /// whitespace, then the string `"Comment"` in columns 3-11, which on its own is a complete
    /// JSON text (RFC 8259 allows any value at the top level). The `:` in column 12 is the first
    /// character that no valid JSON text can have there, so the error is at 1:12. Columns 1-11
    /// are still a prefix of valid JSON (`  "Comment"`), which is why the place is not column 3;
    /// the message adds the likely cause, the missing `{`.
    ///
    private let seed004 = Seeds.definition004

    func testSeed004StopsAtTheFirstPlaceTheJSONGoesWrong() {
        assertSyntaxError(seed004, 1, 12, "unexpected trailing characters after the JSON value (is the opening '{' missing?)")
    }

    /// With the blank line that follows the instruction in the tutorial, the same place is on line 2.
    func testSeed004WithLeadingBlankLine() {
        assertSyntaxError("\n" + seed004, 2, 12, "unexpected trailing characters after the JSON value (is the opening '{' missing?)")
    }

    /// Only the missing first brace restored: the next problem is in the "Catch" array, whose
    /// `{` is missing too. Seed line 15 (line 16 here, after the added `{` line) is ten spaces,
    /// then `"ErrorEquals"` in columns 11-23: a string is a fine array element, but the `:` in
    /// column 24 can follow no array element.
    func testSeed004WithItsOpeningBraceRestored() {
        assertSyntaxError("{\n" + seed004, 16, 24, "expected ',' or ']' after array element")
    }
}
