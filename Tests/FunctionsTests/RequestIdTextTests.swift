import Foundation
import XCTest

@testable import Functions

/// Request ids and log stream suffixes are written from a UUID's bytes by hand; Foundation's
/// `uuidString` (the RFC 4122 text, uppercase) is the independent check.
final class RequestIdTextTests: XCTestCase {
    func testARequestIdIsTheUUIDsTextInLowercase() {
        let known = UUID(uuidString: "C0FFEE00-1234-5678-9ABC-DEF012345678")!
        XCTAssertEqual(lowercaseHex(known), "c0ffee00-1234-5678-9abc-def012345678")
        for _ in 0..<100 {
            let uuid = UUID()
            XCTAssertEqual(lowercaseHex(uuid), uuid.uuidString.lowercased())
        }
    }

    func testALogStreamSuffixHasNoDashes() {
        let uuid = UUID()
        XCTAssertEqual(lowercaseHex(uuid, dashes: false), uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        XCTAssertEqual(lowercaseHex(uuid, dashes: false).count, 32)
    }
}
