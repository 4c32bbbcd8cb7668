import XCTest

/// Golden histories (Golden/parallel/, see GoldenSupport.swift): Parallel: success, a failing branch (uncaught and caught).
final class GoldenParallelTests: XCTestCase {
    static let cases = [
        "parallel/branch_fails.uncaught",
        "parallel/branch_fails_caught.caught",
        "parallel/success.basic",
    ]

    func testBranchFailsUncaught() async throws { try await Golden.check("parallel/branch_fails.uncaught") }
    func testBranchFailsCaughtCaught() async throws { try await Golden.check("parallel/branch_fails_caught.caught") }
    func testSuccessBasic() async throws { try await Golden.check("parallel/success.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "parallel") }
}
