import XCTest

/// Golden histories (Golden/jsonata/, see GoldenSupport.swift): JSONata per feature: Arguments,
/// Output and Assign of a Task with `$states.result`; Assign reading the values from before the
/// state; Map Items and ItemSelector with `$states.context.Map.Item`; Choice Condition with a
/// rule's Output and Assign and the Default's Assign; Wait Seconds; Fail Error and Cause; a
/// catcher's Output and Assign after a Retry and without one; a missing field in Output and a
/// type error in Arguments (States.QueryEvaluationError).
final class GoldenJSONataTests: XCTestCase {
    static let cases = [
        "jsonata/arguments_output.basic",
        "jsonata/arguments_type_error.basic",
        "jsonata/assign.basic",
        "jsonata/choice_condition.big",
        "jsonata/choice_condition.small",
        "jsonata/choice_condition.special",
        "jsonata/fail_error_cause.basic",
        "jsonata/items_selector.basic",
        "jsonata/missing_field.basic",
        "jsonata/retry_catch.not_retried",
        "jsonata/retry_catch.retried",
        "jsonata/wait_seconds.basic",
    ]

    func testArgumentsOutputBasic() async throws { try await Golden.check("jsonata/arguments_output.basic") }
    func testArgumentsTypeErrorBasic() async throws { try await Golden.check("jsonata/arguments_type_error.basic") }
    func testAssignBasic() async throws { try await Golden.check("jsonata/assign.basic") }
    func testChoiceConditionBig() async throws { try await Golden.check("jsonata/choice_condition.big") }
    func testChoiceConditionSmall() async throws { try await Golden.check("jsonata/choice_condition.small") }
    func testChoiceConditionSpecial() async throws { try await Golden.check("jsonata/choice_condition.special") }
    func testFailErrorCauseBasic() async throws { try await Golden.check("jsonata/fail_error_cause.basic") }
    func testItemsSelectorBasic() async throws { try await Golden.check("jsonata/items_selector.basic") }
    func testMissingFieldBasic() async throws { try await Golden.check("jsonata/missing_field.basic") }
    func testRetryCatchNotRetried() async throws { try await Golden.check("jsonata/retry_catch.not_retried") }
    func testRetryCatchRetried() async throws { try await Golden.check("jsonata/retry_catch.retried") }
    func testWaitSecondsBasic() async throws { try await Golden.check("jsonata/wait_seconds.basic") }

    func testEveryCaseOfTheFolderIsListed() throws { try Golden.assertListed(Self.cases, feature: "jsonata") }
}
