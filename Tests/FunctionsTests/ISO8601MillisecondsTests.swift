import Clocks
import Foundation
import XCTest

/// `Date.iso8601Milliseconds` and `iso8601Seconds` are written out by hand; Foundation's ISO 8601 formatter is the
/// independent check of its calendar arithmetic.
final class ISO8601MillisecondsTests: XCTestCase {
    func testTheExampleOfAWSsContextObject() {
        // The context object's EnteredTime in AWS's guide: "2019-03-26T20:14:13.192Z".
        XCTAssertEqual(Date(epochMilliseconds: 1_553_631_253_192).iso8601Milliseconds, "2019-03-26T20:14:13.192Z")
        XCTAssertEqual(Date(epochMilliseconds: 0).iso8601Milliseconds, "1970-01-01T00:00:00.000Z")
    }

    func testEveryDayOfFourCenturiesFrom1970AgreesWithFoundation() {
        let style = Date.ISO8601FormatStyle(timeZone: .gmt)
        // From 1970-01-01: 2000 is a leap year, 2100, 2200 and 2300 are not; each day once, at a
        // time of day that moves every field.
        let first: Int64 = 0
        for day in Int64(0)..<Int64(146_097) {
            let milliseconds = first + day * 86_400_000 + (day * 3_723_457) % 86_400_000
            let date = Date(epochMilliseconds: milliseconds)
            // The date's own milliseconds (rounded down, `epochMilliseconds`), formatted by Foundation.
            let stored = date.epochMilliseconds
            let seconds = stored / 1000
            let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(style)
            let fraction = String(format: "%03d", Int(stored % 1000))
            let expected = String(whole.dropLast()) + "." + fraction + "Z"
            if date.iso8601Milliseconds != expected {
                return XCTFail("\(stored): \(date.iso8601Milliseconds), Foundation \(expected)")
            }
            // To the second, as EventBridge's `time`: Foundation formats the date itself.
            if date.iso8601Seconds != date.formatted(style) {
                return XCTFail("\(stored): \(date.iso8601Seconds), Foundation \(date.formatted(style))")
            }
        }
    }
}
