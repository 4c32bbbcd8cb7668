import XCTest

/// Golden histories (Golden/intrinsics/, see GoldenSupport.swift): Intrinsic functions in Parameters and ResultSelector.
final class GoldenIntrinsicTests: XCTestCase {
    static let cases = [
        "intrinsics/functions.basic",
    ]

    func testFunctionsBasic() async throws { try await Golden.check("intrinsics/functions.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "intrinsics") }
}
