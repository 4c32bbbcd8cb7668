import Foundation
import XCTest

import Identifiers

/// Request ids and log stream suffixes are written from a UUID's bytes by hand; Foundation's
/// `uuidString` (the RFC 4122 text, uppercase) and its parser are the independent checks.
final class RandomIdentifierTests: XCTestCase {
    func testARequestIdIsTheUUIDsTextInLowercase() {
        let known = UUID(uuidString: "C0FFEE00-1234-5678-9ABC-DEF012345678")!
        XCTAssertEqual(RandomIdentifier.lowercaseHex(known), "c0ffee00-1234-5678-9abc-def012345678")
        for _ in 0..<100 {
            let uuid = UUID()
            XCTAssertEqual(RandomIdentifier.lowercaseHex(uuid), uuid.uuidString.lowercased())
        }
    }

    func testALogStreamSuffixHasNoDashes() {
        let uuid = UUID()
        XCTAssertEqual(RandomIdentifier.lowercaseHex(uuid, dashes: false), uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        XCTAssertEqual(RandomIdentifier.lowercaseHex(uuid, dashes: false).count, 32)
    }

    /// RFC 9562, section 5.4: a version 4 UUID has 4 in the version nibble (the 13th hex digit)
    /// and the variant bits 10 (the 17th digit is 8, 9, a or b); the other 122 bits are random.
    func testRandomUUIDsAreVersion4AndDiffer() throws {
        var seen: Set<String> = []
        var bitsSeen: UInt64 = 0
        for _ in 0..<1000 {
            let text = RandomIdentifier.lowercased()
            let parsed = try XCTUnwrap(UUID(uuidString: text), text)
            XCTAssertEqual(parsed.uuidString.lowercased(), text)
            let digits = Array(text.replacingOccurrences(of: "-", with: ""))
            XCTAssertEqual(digits[12], "4", text)
            XCTAssertTrue("89ab".contains(digits[16]), text)
            XCTAssertTrue(seen.insert(text).inserted, "\(text) came twice")
            bitsSeen |= UInt64(digits[0].hexDigitValue!) << 60 | UInt64(digits[31].hexDigitValue!)
        }
        // Each of the first and last digits' bits was 1 at least once in 1,000 draws.
        XCTAssertEqual(bitsSeen, 0xF00000000000000F)
    }

    /// RFC 9562, section 5.7: a version 7 UUID holds the Unix time in milliseconds in its first
    /// 48 bits (the first 12 hex digits), 7 in the version nibble and the variant bits 10.
    func testTimeOrderedUUIDsAreVersion7WithTheTimeFirst() throws {
        let date = Date(timeIntervalSince1970: 1_765_000_000.125)   // 2025-12-06T05:46:40.125Z
        let text = RandomIdentifier.lowercaseHex(RandomIdentifier.timeOrdered(at: date))
        let digits = Array(text.replacingOccurrences(of: "-", with: ""))
        XCTAssertEqual(String(digits[0..<12]), String(1_765_000_000_125, radix: 16).leftPadded(to: 12), text)
        XCTAssertEqual(digits[12], "7", text)
        XCTAssertTrue("89ab".contains(digits[16]), text)
        XCTAssertNotNil(UUID(uuidString: text))
        // Made later, sorted later; made in the same millisecond, still different.
        let later = RandomIdentifier.lowercaseHex(RandomIdentifier.timeOrdered(at: date.addingTimeInterval(0.001)))
        XCTAssertLessThan(text, later)
        let same = (0..<100).map { _ in RandomIdentifier.lowercaseHex(RandomIdentifier.timeOrdered(at: date)) }
        XCTAssertEqual(Set(same).count, 100)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}

