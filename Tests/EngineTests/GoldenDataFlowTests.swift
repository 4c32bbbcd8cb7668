import XCTest

/// Golden histories (Golden/dataflow/, see GoldenSupport.swift): InputPath, Parameters, ResultSelector, ResultPath, OutputPath and the context object.
final class GoldenDataFlowTests: XCTestCase {
    static let cases = [
        "dataflow/context_object.basic",
        "dataflow/missing_input_path.basic",
        "dataflow/pass_paths.basic",
        "dataflow/result_path_missing.basic",
        "dataflow/task_paths.basic",
    ]

    func testContextObjectBasic() async throws { try await Golden.check("dataflow/context_object.basic") }
    func testMissingInputPathBasic() async throws { try await Golden.check("dataflow/missing_input_path.basic") }
    func testPassPathsBasic() async throws { try await Golden.check("dataflow/pass_paths.basic") }
    func testResultPathMissingBasic() async throws { try await Golden.check("dataflow/result_path_missing.basic") }
    func testTaskPathsBasic() async throws { try await Golden.check("dataflow/task_paths.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "dataflow") }
}
