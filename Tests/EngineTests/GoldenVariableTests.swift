import XCTest

/// Golden histories (Golden/variables/, see GoldenSupport.swift): variables in JSONPath states
/// (`$x` in Parameters, an intrinsic and a Choice Variable); a Parallel's branches reading an
/// outer variable and assigning their own; an assignment that reads a variable of another
/// branch; a variable read before it is assigned.
final class GoldenVariableTests: XCTestCase {
    static let cases = [
        "variables/jsonpath.over",
        "variables/jsonpath.under",
        "variables/other_branch.basic",
        "variables/parallel_scope.basic",
        "variables/read_before_assign.basic",
    ]

    func testJSONPathOver() async throws { try await Golden.check("variables/jsonpath.over") }
    func testJSONPathUnder() async throws { try await Golden.check("variables/jsonpath.under") }
    func testOtherBranchBasic() async throws { try await Golden.check("variables/other_branch.basic") }
    func testParallelScopeBasic() async throws { try await Golden.check("variables/parallel_scope.basic") }
    func testReadBeforeAssignBasic() async throws { try await Golden.check("variables/read_before_assign.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "variables") }
}
