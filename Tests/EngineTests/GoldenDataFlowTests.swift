import XCTest

/// Golden histories (Golden/dataflow/, see GoldenSupport.swift): InputPath, Parameters, ResultSelector, ResultPath (creating objects,
/// States.ReferencePathConflict), OutputPath, paths that select nothing or name escaped members, and the context object.
final class GoldenDataFlowTests: XCTestCase {
    static let cases = [
        "dataflow/context_object.basic",
        "dataflow/context_state.basic",
        "dataflow/escaped_bracket_name.basic",
        "dataflow/indefinite_path_no_match.empty",
        "dataflow/missing_input_path.basic",
        "dataflow/pass_paths.basic",
        "dataflow/result_path_conflict.array_input",
        "dataflow/result_path_conflict.string_input",
        "dataflow/result_path_conflict_caught.string_input",
        "dataflow/result_path_conflict_nested.string_parent",
        "dataflow/result_path_creates.basic",
        "dataflow/result_path_missing.basic",
        "dataflow/task_paths.basic",
    ]

    func testContextObjectBasic() async throws { try await Golden.check("dataflow/context_object.basic") }
    func testContextStateBasic() async throws { try await Golden.check("dataflow/context_state.basic") }
    func testEscapedBracketNameBasic() async throws { try await Golden.check("dataflow/escaped_bracket_name.basic") }
    func testIndefinitePathNoMatchEmpty() async throws { try await Golden.check("dataflow/indefinite_path_no_match.empty") }
    func testMissingInputPathBasic() async throws { try await Golden.check("dataflow/missing_input_path.basic") }
    func testPassPathsBasic() async throws { try await Golden.check("dataflow/pass_paths.basic") }
    func testResultPathConflictArrayInput() async throws { try await Golden.check("dataflow/result_path_conflict.array_input") }
    func testResultPathConflictStringInput() async throws { try await Golden.check("dataflow/result_path_conflict.string_input") }
    func testResultPathConflictCaughtStringInput() async throws { try await Golden.check("dataflow/result_path_conflict_caught.string_input") }
    func testResultPathConflictNestedStringParent() async throws { try await Golden.check("dataflow/result_path_conflict_nested.string_parent") }
    func testResultPathCreatesBasic() async throws { try await Golden.check("dataflow/result_path_creates.basic") }
    func testResultPathMissingBasic() async throws { try await Golden.check("dataflow/result_path_missing.basic") }
    func testTaskPathsBasic() async throws { try await Golden.check("dataflow/task_paths.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "dataflow") }
}
