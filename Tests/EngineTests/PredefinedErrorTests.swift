import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// Each predefined error that `host` raises, raised where AWS raises it, with AWS's names
/// and cause texts (docs/errors.md).
final class PredefinedErrorTests: XCTestCase {
    private func run(_ definition: String, input: JSONValue = [:], functions: [String: @Sendable (JSONValue) -> FunctionCallResult] = [:],
                     file: StaticString = #filePath, line: UInt = #line) async throws -> ExecutionResult {
        let machine = try StateMachine.parse(definition).get()
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"), input: input,
                                  clock: VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000)),
                                  invoker: FixedFunctions(functions: functions))
        return await execution.run()
    }

    private static let arn = "arn:aws:lambda:us-east-1:123456789012:function:F"

    func testTaskTimeoutIsStatesTimeoutWithLambdaFunctionTimedOut() async throws {
        let result = try await run(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(Self.arn)", "TimeoutSeconds": 1, "End": true}}}"#,
                                   functions: ["F": { _ in .timedOut }])
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.Timeout")
        XCTAssertNil(result.cause)
        let timedOut = try XCTUnwrap(result.history.first { $0.type == .lambdaFunctionTimedOut })
        XCTAssertEqual(timedOut.details, ["error": "States.Timeout"])
        XCTAssertEqual(result.history.last?.type, .executionFailed)
    }

    /// A Lambda function sends no heartbeat: past HeartbeatSeconds (shorter than
    /// TimeoutSeconds) the Task fails with States.HeartbeatTimeout.
    func testHeartbeatTimeoutWhenShorterThanTheTimeout() async throws {
        let result = try await run(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(Self.arn)", "TimeoutSeconds": 10, "HeartbeatSeconds": 2, "End": true}}}"#,
                                   functions: ["F": { _ in .timedOut }])
        XCTAssertEqual(result.error, "States.HeartbeatTimeout")
        XCTAssertEqual(result.history.first { $0.type == .lambdaFunctionTimedOut }?.details, ["error": "States.HeartbeatTimeout"])
    }

    func testExecutionTimeoutEndsTimedOut() async throws {
        let result = try await run(#"{"StartAt": "W", "TimeoutSeconds": 10, "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"#)
        XCTAssertEqual(result.status, .timedOut)
        XCTAssertEqual(result.history.last?.type, .executionTimedOut)
        XCTAssertEqual(result.stopDate.timeIntervalSince(result.startDate), 10, accuracy: 0.001)
    }

    func testMissingInputPathIsStatesRuntimeWithAWSCause() async throws {
        let result = try await run(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.NoSuchInputPath", "End": true}}}"#)
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']")
    }

    func testMissingParameterPathIsStatesRuntime() async throws {
        let result = try await run(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"value.$": "$.no_such_jsonpath"}, "End": true}}}"#,
                                   input: ["a": 1])
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.cause, #"An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"a":1}'"#)
    }

    /// The issue's example and docs/errors.md (recorded on AWS): `"Result": 1, "ResultPath":
    /// "$.r"` on the input `"input1"` fails with States.ReferencePathConflict, the cause without
    /// the "An error occurred while executing the state" prefix; no catcher takes it.
    func testResultPathIntoANonObjectIsReferencePathConflict() async throws {
        let definition = #"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Result": 1, "ResultPath": "$.r", "End": true}}}
            """#
        let result = try await run(definition, input: "input1")
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.ReferencePathConflict")
        XCTAssertEqual(result.cause, #"Unable to apply ReferencePath $.r to input "input1""#)
        XCTAssertEqual(result.history.map(\.type), [.executionStarted, .passStateEntered, .executionFailed])
    }

    /// A ResultPath through a string (`$.d.g` where `$.d` is a string) or into an array, on a
    /// Task with a States.ALL catcher: the execution fails all the same.
    func testReferencePathConflictIsNotCaught() async throws {
        let definition = #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Echo",
                    "ResultPath": "$.d.g", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Succeed"}}}
            """#
        let echo: [String: @Sendable (JSONValue) -> FunctionCallResult] = ["Echo": { .success($0, requestId: "r") }]
        let result = try await run(definition, input: ["d": "text"], functions: echo)
        XCTAssertEqual(result.error, "States.ReferencePathConflict")
        XCTAssertEqual(result.cause, #"Unable to apply ReferencePath $.d.g to input {"d":"text"}"#)
        let onArray = try await run(definition, input: [1, 2], functions: echo)
        XCTAssertEqual(onArray.error, "States.ReferencePathConflict")
        XCTAssertEqual(onArray.cause, "Unable to apply ReferencePath $.d.g to input [1,2]")
    }

    func testBadSecondsPathValuesAreStatesRuntime() async throws {
        let definition = #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.input.waitSeconds", "End": true}}}"#
        let prefix = "An error occurred while executing the state 'W' (entered at the event id #2). "
        let cases: [(JSONValue, String)] = [
            (["input": [:]], "The SecondsPath parameter does not reference an input value: $.input.waitSeconds"),
            (["input": ["waitSeconds": -1]], "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1"),
            (["input": ["waitSeconds": 1.5]], "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5"),
        ]
        for (input, cause) in cases {
            let result = try await run(definition, input: input)
            XCTAssertEqual(result.error, "States.Runtime")
            XCTAssertEqual(result.cause, prefix + cause)
        }
    }

    func testTimestampPathWithoutOffsetIsStatesRuntime() async throws {
        let result = try await run(#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.TimestampValue", "End": true}}}"#,
                                   input: ["TimestampValue": "2016-12-05T21:29:29"])
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'W' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05T21:29:29")
    }

    func testFailErrorPathThatFindsNothing() async throws {
        let result = try await run(#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.ErrorX", "Cause": "c"}}}"#, input: ["a": 1])
        XCTAssertEqual(result.cause, #"An error occurred while executing the state 'F' (entered at the event id #2). The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"a":1}'"#)
    }

    func testChoiceWithoutMatchOrDefaultFailsWithStatesRuntime() async throws {
        let result = try await run(#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "D"}]}, "D": {"Type": "Succeed"}}}"#,
                                   input: ["x": 2])
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertTrue(result.cause?.hasPrefix("An error occurred while executing the state 'C' (entered at the event id #2). ") ?? false)
    }

    func testStatesRuntimeIsNeverCaught() async throws {
        let result = try await run(#"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "\#(Self.arn)", "InputPath": "$.missing",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Succeed"}}}
            """#)
        XCTAssertEqual(result.error, "States.Runtime")
    }

    func testToleratedFailurePercentageOutOfRange() async throws {
        let result = try await run(#"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentagePath": "$.p",
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#, input: ["p": 150, "items": [1]])
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.cause, "An error occurred while executing the state 'M' (entered at the event id #2). ToleratedFailurePercentage must be between 0 and 100.")
    }

    func testMapOverItsToleratedFailuresIsExceedToleratedFailureThreshold() async throws {
        let result = try await run(#"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1,
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Fail", "Error": "Bad"}}}, "End": true}}}
            """#, input: [1, 2, 3])
        XCTAssertEqual(result.error, "States.ExceedToleratedFailureThreshold")
    }

    /// A Task's result over 256 KiB fails the Task with States.DataLimitExceeded, which a
    /// States.ALL catcher catches (recorded AWS behaviour, docs/errors.md).
    func testOversizedTaskResultIsCaughtByStatesAll() async throws {
        let big = JSONValue.string(String(repeating: "x", count: 300_000))
        let result = try await run(#"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "\#(Self.arn)", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Pass", "End": true}}}
            """#, functions: ["F": { _ in .success(big, requestId: "r") }])
        XCTAssertEqual(result.status, .succeeded)
        XCTAssertEqual(result.output?["Error"], "States.DataLimitExceeded")
        XCTAssertEqual(result.output?["Cause"], .string("The state/task '\(Self.arn)' returned a result with a size exceeding the maximum number of bytes service limit."))
        XCTAssertEqual(result.history.first { $0.type == .lambdaFunctionFailed }?.details?["error"], "States.DataLimitExceeded")
    }

    /// A Pass has no Catch: its oversized result fails the execution.
    func testOversizedPassResultFailsTheExecution() async throws {
        let result = try await run(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
                                   input: ["big": .string(String(repeating: "y", count: 300_000))])
        XCTAssertEqual(result.error, "States.DataLimitExceeded")
        XCTAssertEqual(result.cause, "The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit.")
    }

    /// "Maximum execution history size: 25,000 events": a loop that never ends fails once its
    /// history is full, and the failure is the 25,000th event.
    func testHistoryLimitFailsTheExecution() async throws {
        let result = try await run(#"""
            {"StartAt": "Loop", "States": {
              "Loop": {"Type": "Pass", "Next": "Again"},
              "Again": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "Loop"},
              "Done": {"Type": "Succeed"}}}
            """#)
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.Runtime")
        XCTAssertEqual(result.history.count, 25_000)
        XCTAssertEqual(result.history.last?.type, .executionFailed)
    }

    /// States.TaskFailed catches a function's own error.
    func testTaskFailedCatchesFunctionErrors() async throws {
        let result = try await run(#"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "\#(Self.arn)", "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Pass", "End": true}}}
            """#, input: ["a": 1], functions: ["F": { _ in .failure(StatesError("Boom", cause: "{}")) }])
        XCTAssertEqual(result.output, ["a": 1, "error": ["Error": "Boom", "Cause": "{}"]])
    }
}

/// Functions answered by closures, by the name at the end of the ARN.
private struct FixedFunctions: TaskInvoker {
    let functions: [String: @Sendable (JSONValue) -> FunctionCallResult]

    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        let name = call.function.split(separator: ":").last.map(String.init) ?? call.function
        guard let function = functions[name] else {
            return .failure(StatesError("Lambda.ResourceNotFoundException", cause: "Function not found: \(call.function)"))
        }
        return function(call.payload)
    }
}
