import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// JSONata states and variables, per feature, including the four error cases. Each
/// expected result (status, output, error, cause, event types) is an execution recorded on
/// AWS, named by its id in the AWS-recorded corpus (LocalStack's AWS-validated snapshots), or,
/// where marked, is put together from recorded wording and AWS's documentation.
final class JSONataVariablesTests: XCTestCase {
    private func run(_ definition: String, _ input: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) async throws -> ExecutionResult {
        let machine: StateMachine
        switch StateMachine.parse(definition) {
        case .success(let parsed): machine = parsed
        case .failure(let errors):
            XCTFail("the definition was refused: \(errors)", file: file, line: line)
            throw errors
        }
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"),
                                  input: input, clock: VirtualClock(start: Date(timeIntervalSince1970: 1_714_564_800)),
                                  invoker: GoldenInvoker(), observer: nil, random: { 0.5 })
        return await execution.run()
    }

    private func types(_ result: ExecutionResult) -> [String] { result.history.map(\.type.rawValue) }

    /// Recorded: `assign/test_assign_reference_variables.py::test_undefined_reference[BASE_UNDEFINED_OUTPUT_FIELD]`.
    func testMissingFieldInJSONataFailsWithQueryEvaluationError() async throws {
        let result = try await run("""
            {"QueryLanguage": "JSONata", "StartAt": "State0", "States": {
              "State0": {"Type": "Pass", "Output": {"result": "{% $doesNotExist %}"}, "End": true}}}
            """)
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.QueryEvaluationError")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).")
        XCTAssertEqual(types(result), ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"])
        let failed = result.history.first { $0.type == .evaluationFailed }
        XCTAssertEqual(failed?.details?["location"], "Output/result")
        XCTAssertEqual(failed?.details?["state"], "State0")
    }

    /// A type error in `Arguments`: the cause's form is recorded (`threw an error during
    /// evaluation. T1006: ...`, `test_math_random_seeded`); the message is jsonata-js's T2001 (its `{{token}}` written as JSON).
    func testTypeErrorInArgumentsFailsTheTask() async throws {
        let result = try await run("""
            {"QueryLanguage": "JSONata", "StartAt": "State0", "States": {
              "State0": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Arguments": {"FunctionName": "F", "Payload": "{% 'a' + 1 %}"}, "End": true}}}
            """)
        XCTAssertEqual(result.error, "States.QueryEvaluationError")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression ''a' + 1' specified for the field 'Arguments/Payload' threw an error during evaluation. T2001: The left side of the \"+\" operator must evaluate to a number")
        XCTAssertEqual(types(result), ["ExecutionStarted", "TaskStateEntered", "EvaluationFailed", "ExecutionFailed"])
    }

    /// A variable assigned in one Parallel branch is not visible in another ("variables in
    /// one branch are not visible to other branches", *Passing data between states with
    /// variables*); the cause is the recorded "returned nothing (undefined)".
    func testVariableOfAnotherBranchIsUndefined() async throws {
        let result = try await run("""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"mine": 1}, "End": true}}},
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "B"},
                                            "B": {"Type": "Pass", "Output": "{% $mine %}", "End": true}}}]}}}
            """)
        XCTAssertEqual(result.error, "States.QueryEvaluationError")
        XCTAssertTrue(result.cause?.hasSuffix("The JSONata expression '$mine' specified for the field 'Output' returned nothing (undefined).") == true,
                      result.cause ?? "")
    }

    /// Recorded: `...::test_undefined_reference[BASE_UNDEFINED_ASSIGN]`: read before assigned.
    func testVariableReadBeforeItIsAssigned() async throws {
        let result = try await run("""
            {"QueryLanguage": "JSONata", "StartAt": "State0", "States": {
              "State0": {"Type": "Pass", "Assign": {"result": "{% $doesNotExist %}"}, "End": true}}}
            """)
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).")
    }

    /// Recorded: `assign/test_assign_reference_variables.py::test_reference_assign[BASE_REFERENCE_IN_FAIL]`:
    /// variables in a JSONPath Fail state's ErrorPath and CausePath.
    func testJSONPathVariablesReachAFailState() async throws {
        let result = try await run("""
            {"StartAt": "Pass", "States": {
              "Pass": {"Type": "Pass", "Assign": {"errorVar": "Exception", "causeVar": "An Exception was encountered"}, "Next": "Fail"},
              "Fail": {"Type": "Fail", "CausePath": "$causeVar", "ErrorPath": "$errorVar"}}}
            """)
        XCTAssertEqual(result.error, "Exception")
        XCTAssertEqual(result.cause, "An Exception was encountered")
        XCTAssertEqual(types(result), ["ExecutionStarted", "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed"])
        let exited = result.history.first { $0.type == .passStateExited }
        XCTAssertEqual(exited?.details?["assignedVariables"], ["errorVar": "\"Exception\"", "causeVar": "\"An Exception was encountered\""])
    }

    /// Recorded: `scenarios/test_base_scenarios.py::test_map_state_items_eval_jsonata_fail[number]`
    /// and `[function]`: Items of the wrong type, then MapStateFailed.
    func testMapItemsOfTheWrongType() async throws {
        for (items, cause) in [("1", "The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1"),
                               ("$fn := function($x){$x}", "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.")] {
            let result = try await run("""
                {"QueryLanguage": "JSONata", "StartAt": "MapIterateState", "States": {"MapIterateState": {"Type": "Map", "MaxConcurrency": 1,
                  "Items": "{% \(items) %}", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Pass",
                  "States": {"Pass": {"Type": "Pass", "End": true}}}, "End": true}}}
                """)
            XCTAssertEqual(result.cause, "An error occurred while executing the state 'MapIterateState' (entered at the event id #2). " + cause)
            XCTAssertEqual(types(result), ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"])
        }
    }

    /// Recorded: `intrinsic_functions/test_array_jsonata.py::test_array_range` and
    /// `test_array_partition`, and `test_math_random_seeded` ($randomSeeded is no function).
    func testFunctionsStepFunctionsAdds() async throws {
        func output(_ expression: String) async throws -> ExecutionResult {
            try await run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "Output": "{% \(expression) %}", "End": true}}}
                """)
        }
        let cases: [(String, JSONValue)] = [
            ("$range(0, 10, 3)", [0, 3, 6, 9]), ("$range(1, 9, 9)", 1),
            ("$partition([0, 1, 2], 2)", [[0, 1], [2]]), ("$partition([0], 5)", [[0]]), ("$parse('-0')", 0),
            // Observed on AWS (docs/variables.md): java.util.Random's first nextDouble() for 42.
            ("$random(42)", 0.7275636800328681),
            // RFC 1321's test vector for the empty string.
            ("$hash('', 'MD5')", "d41d8cd98f00b204e9800998ecf8427e"),
        ]
        for (expression, expected) in cases {
            let result = try await output(expression)
            XCTAssertEqual(result.output, expected, expression)
        }
        let eval = try await output("$eval('1')")
        XCTAssertTrue(eval.cause?.hasSuffix("threw an error during evaluation. T1006: Attempted to invoke a non-function") == true, eval.cause ?? "")
    }
}
