import StatesLanguage
import XCTest

final class StatesErrorTests: XCTestCase {
    /// REFERENCE.md §3 lists sixteen predefined names.
    func testPredefinedNames() {
        XCTAssertEqual(ErrorName.predefined.count, 16)
        XCTAssertTrue(ErrorName.predefined.allSatisfy { $0.hasPrefix("States.") })
    }
}
