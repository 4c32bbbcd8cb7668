import StatesLanguage
import XCTest

final class StatesErrorTests: XCTestCase {
    /// docs/errors.md lists sixteen predefined names.
    func testPredefinedNames() {
        XCTAssertEqual(ErrorName.predefined.count, 16)
        XCTAssertTrue(ErrorName.predefined.allSatisfy { $0.hasPrefix("States.") })
    }
}
