import StatesLanguage
import XCTest

/// Timestamps as Choice rules and Wait states read them: "strings which MUST conform to the
/// RFC3339 profile of ISO 8601, with the further restrictions that an uppercase "T" character
/// MUST be used to separate date and time, and an uppercase "Z" character MUST be present in
/// the absence of a numeric time zone offset, for example "2016-03-14T01:59:00Z"."
final class ChoiceTimestampTests: XCTestCase {
    /// 2016-03-14 is 16,874 days after 1970-01-01 (46 years with 11 leap days, plus 73 days),
    /// so 01:59:00 that day is 16,874 × 86,400 + 7,140 = 1,457,920,740 seconds.
    func testTheSpecificationsExample() throws {
        let timestamp = try XCTUnwrap(Timestamp("2016-03-14T01:59:00Z"))
        XCTAssertEqual(timestamp.secondsSince1970, 1_457_920_740)
        XCTAssertEqual(timestamp.nanoseconds, 0)
    }

    func testOffsetsAndFractionsNameInstants() throws {
        XCTAssertEqual(Timestamp("2016-03-14T02:59:00+01:00"), Timestamp("2016-03-14T01:59:00Z"))
        XCTAssertEqual(Timestamp("2016-03-13T20:29:00-05:30"), Timestamp("2016-03-14T01:59:00Z"))
        XCTAssertEqual(Timestamp("2016-03-14T01:59:00.5Z")?.nanoseconds, 500_000_000)
        XCTAssertEqual(Timestamp("2016-03-14T01:59:00.123456789Z")?.nanoseconds, 123_456_789)
        XCTAssertLessThan(try XCTUnwrap(Timestamp("2016-03-14T01:59:00Z")), try XCTUnwrap(Timestamp("2016-03-14T01:59:00.001Z")))
    }

    func testInvalidTimestamps() {
        for text in [
            "2016-12-05T21:29:29",  // docs/errors.md: no offset.
            "2016-03-14t01:59:00Z",  // lowercase t
            "2016-03-14T01:59:00z",  // lowercase z
            "2016-03-14 01:59:00Z",  // space for T
            "2016-02-30T00:00:00Z", "2015-02-29T00:00:00Z", "2016-13-01T00:00:00Z",
            "2016-03-14T24:00:00Z", "2016-03-14T01:60:00Z", "2016-03-14T01:59:60Z",
            "2016-03-14T01:59Z",  // seconds missing
            "2016-03-14T01:59:00.Z", "2016-03-14T01:59:00.1234567891Z",
            "2016-03-14T01:59:00+0100", "2016-03-14T01:59:00Z ", "",
        ] {
            XCTAssertNil(Timestamp(text), text)
        }
        XCTAssertNotNil(Timestamp("2016-02-29T00:00:00Z"), "2016 is a leap year")
        XCTAssertNotNil(Timestamp("2000-02-29T00:00:00Z"), "2000 is a leap year")
        XCTAssertNil(Timestamp("1900-02-29T00:00:00Z"), "1900 is not")
    }

    func testFormattingInUTC() {
        XCTAssertEqual(Timestamp(secondsSince1970: 0).text, "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(secondsSince1970: 1_457_920_740).text, "2016-03-14T01:59:00Z")
        XCTAssertEqual(Timestamp(secondsSince1970: -1, nanoseconds: 250_000_000).text, "1969-12-31T23:59:59.25Z")
        XCTAssertEqual(Timestamp(Timestamp(secondsSince1970: 951_782_400).text)?.secondsSince1970, 951_782_400)
    }
}
