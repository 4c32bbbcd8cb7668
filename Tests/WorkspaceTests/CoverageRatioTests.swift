import Engine
import Workspace
import XCTest

/// How coverage percentages are shown and compared (docs/testing.md, "Coverage"), and how a
/// coverage file's transition fields are read back.
final class CoverageRatioTests: XCTestCase {
    /// Cut to one decimal, never rounded up: 2 of 3 is 66.66... %.
    func testTheTextIsCutNotRounded() {
        XCTAssertEqual(CoverageRatio(covered: 2, total: 3).text, "66.6% (2/3)")
        XCTAssertEqual(CoverageRatio(covered: 999, total: 1000).text, "99.9% (999/1000)")
        XCTAssertEqual(CoverageRatio(covered: 4, total: 4).text, "100.0% (4/4)")
        XCTAssertEqual(CoverageRatio(covered: 0, total: 0).text, "100.0% (0/0)")
    }

    /// The minimum is compared with the exact ratio.
    func testTheMinimumIsComparedExactly() {
        let twoOfThree = CoverageRatio(covered: 2, total: 3)
        XCTAssertTrue(twoOfThree.reaches(66.6))
        XCTAssertFalse(twoOfThree.reaches(66.67))
        XCTAssertFalse(CoverageRatio(covered: 999, total: 1000).reaches(100))
        XCTAssertTrue(CoverageRatio(covered: 0, total: 0).reaches(100), "nothing to cover is all covered")
        XCTAssertTrue(CoverageRatio(covered: 0, total: 5).reaches(0))
    }

    func testTransitionFieldsAreReadBackAsDecisions() {
        func decision(_ field: String) -> StateDecision? { TransitionCoverage(from: "A", field: field, to: "B", taken: 0).decision }
        XCTAssertEqual(decision("Next"), .next)
        XCTAssertEqual(decision("Default"), .defaultRule)
        XCTAssertEqual(decision("Choices[12]"), .choice(12))
        XCTAssertEqual(decision("Catch[0]"), .catcher(0))
        XCTAssertNil(decision("Retry[0]"))
        XCTAssertNil(decision("Choices[x]"))
        XCTAssertNil(decision("Catch"))
    }
}
