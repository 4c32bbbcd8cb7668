import XCTest

import Workspace

/// Execution and state machine names, as docs/history.md ("Execution names") gives
/// StartExecution's rules: 1 to 80 characters, no whitespace, none of
/// `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /`, no control characters.
final class ResourceNameTests: XCTestCase {
    func testTheUsualNamesAndOtherLettersAreValid() {
        for name in ["run-1_A", "0", String(repeating: "a", count: 80), "café", "заказ", "订单-7", "a.b(c)@d!e'f=g+h"] {
            XCTAssertNil(ResourceName.problem(with: name), name)
        }
    }

    func testEachForbiddenCharacterWhitespaceAndControlCharacterIsRefused() {
        let refused = Array("<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)
            + [" ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}"]
        for scalar in refused {
            let name = "run" + String(Character(scalar)) + "1"
            XCTAssertEqual(ResourceName.problem(with: name), "a name cannot contain '\(scalar.escaped(asASCII: true))'",
                           "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testLengthIsOneToEightyCharacters() {
        XCTAssertEqual(ResourceName.problem(with: ""), "a name has 1 to 80 characters")
        XCTAssertEqual(ResourceName.problem(with: String(repeating: "a", count: 81)), "a name has 1 to 80 characters")
    }
}
