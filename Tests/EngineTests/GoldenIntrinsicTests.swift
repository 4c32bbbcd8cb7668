import XCTest

/// Golden histories (Golden/intrinsics/, see GoldenSupport.swift): Intrinsic functions in Parameters and ResultSelector; StringToJson of blank text.
final class GoldenIntrinsicTests: XCTestCase {
    static let cases = [
        "intrinsics/functions.basic",
        "intrinsics/string_to_json_blank.basic",
    ]

    func testFunctionsBasic() async throws { try await Golden.check("intrinsics/functions.basic") }
    func testStringToJsonBlankBasic() async throws { try await Golden.check("intrinsics/string_to_json_blank.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "intrinsics") }
}
