import Foundation
import Logs
import XCTest

/// Expected values follow aws-cli's help for `aws logs tail --since`: "The value provided can
/// be an ISO 8601 timestamp or a relative time. For relative times, provide a number and a
/// single unit. Supported units include: s - seconds, m - minutes, h - hours, d - days,
/// w - weeks ... a value of 5m would indicate to display logs starting five minutes in the
/// past. Note that multiple units are not supported (i.e. 5h30m)". Epoch seconds below were
/// worked out by hand: 2024-01-01T00:00:00Z is 1_704_067_200 (19_723 days × 86_400).
final class LogTimeSpecTests: XCTestCase {
    /// 2024-01-01T10:00:00Z.
    private let now = Date(timeIntervalSince1970: 1_704_103_200)

    func testRelativeTimesCountBackFromNow() throws {
        // "a value of 5m would indicate to display logs starting five minutes in the past".
        XCTAssertEqual(try LogTimeSpec.parse("5m", now: now), now.addingTimeInterval(-300))
        XCTAssertEqual(try LogTimeSpec.parse("30s", now: now), now.addingTimeInterval(-30))
        XCTAssertEqual(try LogTimeSpec.parse("10m", now: now), now.addingTimeInterval(-600))
        XCTAssertEqual(try LogTimeSpec.parse("2h", now: now), now.addingTimeInterval(-7_200))
        XCTAssertEqual(try LogTimeSpec.parse("1d", now: now), now.addingTimeInterval(-86_400))
        XCTAssertEqual(try LogTimeSpec.parse("1w", now: now), now.addingTimeInterval(-604_800))
        XCTAssertEqual(try LogTimeSpec.parse("0s", now: now), now)
        // Another `now` moves the answer with it: nothing reads the clock.
        let later = now.addingTimeInterval(3_600)
        XCTAssertEqual(try LogTimeSpec.parse("2h", now: later), now.addingTimeInterval(-3_600))
    }

    func testAbsoluteTimestampsInUTC() throws {
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01T10:00:00Z", now: .distantPast), now)
        XCTAssertEqual(try LogTimeSpec.parse("1970-01-01T00:00:00Z", now: now), Date(timeIntervalSince1970: 0))
        XCTAssertEqual(
            try LogTimeSpec.parse("2000-03-01T00:00:00Z", now: now), Date(timeIntervalSince1970: 951_868_800))
        // aws-cli converts a timestamp without a zone with botocore's datetime2timestamp,
        // whose default time zone is UTC.
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01T10:00:00", now: now), now)
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01 10:00:00Z", now: now), now)
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01T10:00Z", now: now), now)
    }

    func testFractionalSecondsAndOffsets() throws {
        XCTAssertEqual(
            try LogTimeSpec.parse("2024-01-01T10:00:00.250Z", now: now).timeIntervalSince1970,
            1_704_103_200.25, accuracy: 0.000_1)
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01T12:00:00+02:00", now: now), now)
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01T12:00:00+0200", now: now), now)
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01T05:30:00-04:30", now: now), now)
        XCTAssertEqual(
            try LogTimeSpec.parse("2024-01-01T11:00:00.5+01:00", now: now).timeIntervalSince1970,
            1_704_103_200.5, accuracy: 0.000_1)
    }

    func testDateAloneIsMidnightUTC() throws {
        XCTAssertEqual(try LogTimeSpec.parse("2024-01-01", now: now), Date(timeIntervalSince1970: 1_704_067_200))
        XCTAssertEqual(try LogTimeSpec.parse("2024-02-29", now: now), Date(timeIntervalSince1970: 1_709_164_800))
    }

    func testRejectedValuesNameTheValueAndTheAcceptedForms() {
        for value in ["", "yesterday", "10x", "5M", "m", "-5m", "2024-13-01", "2023-02-29", "2024-01-01T25:00:00Z",
            "2024-01-01T10:00:00+25:00", "2024/01/01", "2024-01-01T10:00:00Zjunk"]
        {
            XCTAssertThrowsError(try LogTimeSpec.parse(value, now: now), value) { error in
                let text = String(describing: error)
                XCTAssertTrue(text.contains("'\(value)'"), text)
                XCTAssertTrue(text.contains("30s, 10m, 2h, 1d, 1w"), text)
                XCTAssertTrue(text.contains("2024-01-01T10:00:00Z"), text)
            }
        }
    }

    func testCombinedUnitsAreRefusedAsAwsCliDoes() {
        // "Note that multiple units are not supported (i.e. 5h30m)".
        XCTAssertThrowsError(try LogTimeSpec.parse("5h30m", now: now)) { error in
            XCTAssertEqual(error as? LogTimeSpecError, LogTimeSpecError(value: "5h30m", reason: "combined units are not supported"))
        }
        XCTAssertThrowsError(try LogTimeSpec.parse("2023-02-29", now: now)) { error in
            XCTAssertEqual((error as? LogTimeSpecError)?.reason, "day 29 does not exist in 2023-02")
        }
    }
}
