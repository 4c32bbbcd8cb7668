import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// The examples of "Testing state machines with TestState API" (Step Functions Developer Guide,
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html), each sent
/// as the guide sends it and checked against the answer the guide gives. Where the guide shows
/// no answer, the expected one follows from the guide's text, quoted beside it, or from AWS's
/// recorded answers (docs/testing.md). Two examples write `Arguments` in a JSONPath state,
/// which AWS's own validation refuses; they are sent with `Parameters`, the JSONPath field.
final class TestStateGuideTests: TestStateTestCase {
    /// Example 1: a Choice at INFO. The answer, as the guide prints it:
    /// `{"output": "{\"number\": 2}", "nextState": "Equals 2", "status": "SUCCEEDED"}`.
    func testExample1ChoiceAtInfo() async throws {
        let answer = try await test(
            #"{"Type": "Choice", "Choices": [{"Variable": "$.number", "NumericEquals": 1, "Next": "Equals 1"}, {"Variable": "$.number", "NumericEquals": 2, "Next": "Equals 2"}], "Default": "No Match"}"#,
            input: #"{"number": 2}"#, roleArn: "arn:aws:iam::123456789012:role/myRole")
        XCTAssertEqual(answer, ["output": #"{"number": 2}"#, "nextState": "Equals 2", "status": "SUCCEEDED"])
    }

    /// Example 2: a Pass's data flow at DEBUG, every member as the guide prints it.
    func testExample2PassAtDebug() async throws {
        let answer = try await test(
            #"{"Type": "Pass", "InputPath": "$.payload", "Parameters": {"data": 1}, "ResultPath": "$.result", "OutputPath": "$.result.data", "Next": "Another State"}"#,
            input: #"{"payload": {"foo": "bar"}}"#, level: "DEBUG", roleArn: "arn:aws:iam::123456789012:role/myRole")
        XCTAssertEqual(answer, [
            "output": "1",
            "inspectionData": [
                "input": #"{"payload": {"foo": "bar"}}"#,
                "afterInputPath": #"{"foo":"bar"}"#,
                "afterParameters": #"{"data":1}"#,
                "afterResultSelector": #"{"data":1}"#,
                "afterResultPath": #"{"payload":{"foo":"bar"},"result":{"data":1}}"#,
            ],
            "nextState": "Another State",
            "status": "SUCCEEDED",
        ])
    }

    /// "Basic mocking syntax": a mocked Lambda result is the Task's result; with no output
    /// processing it is the state's output.
    func testBasicMockOfALambdaResult() async throws {
        let answer = try await test(
            #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "MyFunction", "Payload.$": "$"}, "End": true}"#,
            input: #"{"key": "value"}"#, mock: #"{"result": "{\"Payload\": {\"statusCode\": 200, \"body\": \"Success\"}}"}"#)
        XCTAssertEqual(answer["status"], "SUCCEEDED")
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(answer["output"]?.stringValue)), ["Payload": ["statusCode": 200, "body": "Success"]])
        XCTAssertNil(answer["nextState"], "the state ends: no next state")
    }

    /// "To mock an error": with no Retry or Catch, the state fails with the mocked error.
    /// "You cannot provide both mock.result and mock.errorOutput ... a validation exception."
    func testMockedErrorAndBothFieldsRefused() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "MyFunction"}, "End": true}"#
        let answer = try await test(task, input: #"{"key": "value"}"#,
                                    mock: #"{"errorOutput": {"error": "Lambda.ServiceException", "cause": "Service unavailable"}}"#)
        XCTAssertEqual(answer, ["error": "Lambda.ServiceException", "cause": "Service unavailable", "status": "FAILED"])
        do {
            _ = try await test(task, mock: #"{"result": "{}", "errorOutput": {"error": "E", "cause": "C"}}"#)
            XCTFail("a mock with both result and errorOutput was accepted")
        } catch let error as ServiceError {
            XCTAssertEqual(error.code, .validation)
        }
    }

    /// "Testing a Map state": "the mocked result must represent the output of the entire Map
    /// state"; at DEBUG the inspection data shows the items after ItemsPath and after
    /// ItemSelector ("Understanding Map state inspection data") and MaxConcurrency, 0 when
    /// unset (recorded). Each ItemSelector value sees `$$.Map.Item.Value` and `Index`.
    func testMapExampleAtDebug() async throws {
        let map = #"{"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"}, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "ProcessItem", "States": {"ProcessItem": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": true}}}, "End": true}"#
        let answer = try await test(map, input: #"{"items": [1, 2, 3, 4, 5]}"#, level: "DEBUG", mock: #"{"result": "[10, 20, 30, 40, 50]"}"#)
        XCTAssertEqual(answer["status"], "SUCCEEDED")
        XCTAssertEqual(answer["output"], "[10, 20, 30, 40, 50]", "the mocked text, as AWS answers a mocked Map (recorded)")
        let data = try XCTUnwrap(answer["inspectionData"]?.objectValue)
        XCTAssertEqual(data["input"], #"{"items": [1, 2, 3, 4, 5]}"#)
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(data["afterItemsPath"]?.stringValue)), [1, 2, 3, 4, 5])
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(data["afterItemSelector"]?.stringValue)), [
            ["value": 1, "index": 0], ["value": 2, "index": 1], ["value": 3, "index": 2], ["value": 4, "index": 3], ["value": 5, "index": 4],
        ])
        XCTAssertEqual(data["maxConcurrency"], 0)
        XCTAssertNil(data["afterParameters"], "a Map has no Parameters stage in AWS's recorded inspection data")
        XCTAssertNil(data["result"], "nor a result (recorded)")
    }

    /// "Testing Parallel states": "the mocked result must be a JSON array with one element for
    /// each branch, in the same order as the branches".
    func testParallelExample() async throws {
        let parallel = #"{"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true}"#
        let answer = try await test(parallel, input: "{}", mock: #"{"result": "[{\"a\": 1}, {\"b\": 2}]"}"#)
        XCTAssertEqual(answer["status"], "SUCCEEDED")
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(answer["output"]?.stringValue)), [["a": 1], ["b": 2]])
    }

    /// "Error propagation in Map and Parallel states": with `errorCausedByState` naming the
    /// state inside, "the parent Map/Parallel state's Catch or Retry handlers will process the
    /// error as they would during actual execution. The nextState field in the response shows
    /// which error handler caught the error."
    func testErrorCausedByStateReachesTheMapsCatcher() async throws {
        let map = #"{"Type": "Map", "ItemsPath": "$", "ItemProcessor": {"StartAt": "ProcessItem", "States": {"ProcessItem": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": true}}}, "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "HandleFailure"}], "Next": "Done"}"#
        let answer = try await test(map, input: "[1, 2]", mock: #"{"errorOutput": {"error": "States.TaskFailed", "cause": "Task execution failed"}}"#,
                                    configuration: #"{"errorCausedByState": "ProcessItem"}"#)
        XCTAssertEqual(answer["status"], "CAUGHT_ERROR")
        XCTAssertEqual(answer["nextState"], "HandleFailure")
        XCTAssertEqual(answer["error"], "States.TaskFailed")
    }

    /// "Iterating through state machine definitions" and "Automatic Context population": a
    /// whole machine with `stateName` naming a state inside a Map; without a `context`,
    /// "$$.Map.Item.Index = 0 (first iteration)" and "$$.Map.Item.Value = your input value".
    func testStateInsideAMapGetsTheFirstIterationsContext() async throws {
        let machine = #"{"StartAt": "Iterate", "States": {"Iterate": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "ProcessItem", "States": {"ProcessItem": {"Type": "Pass", "Parameters": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value"}, "Next": "Check"}, "Check": {"Type": "Succeed"}}}, "End": true}}}"#
        let answer = try await test(machine, input: #"{"sku": "A-1"}"#, stateName: "ProcessItem")
        XCTAssertEqual(answer["status"], "SUCCEEDED")
        XCTAssertEqual(answer["nextState"], "Check")
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(answer["output"]?.stringValue)), ["index": 0, "value": ["sku": "A-1"]])
    }

    /// "Using context field in the TestState API": the context's members are the context
    /// object's (`$$.Execution.Id`, `$$.State.Name`, `$$.State.EnteredTime`).
    func testContextExample() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "MyFunction", "Payload": {"executionId.$": "$$.Execution.Id", "stateName.$": "$$.State.Name", "enteredTime.$": "$$.State.EnteredTime"}}, "End": true}"#
        let context = #"{"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:MyStateMachine:test-exec-123", "Name": "test-exec-123", "StartTime": "2024-01-01T10:00:00.000Z"}, "State": {"Name": "ProcessData", "EnteredTime": "2024-01-01T10:00:05.000Z"}}"#
        let answer = try await test(task, input: #"{"data": "value"}"#, level: "DEBUG", mock: #"{"result": "{\"status\": \"success\"}"}"#,
                                    context: context)
        XCTAssertEqual(answer["status"], "SUCCEEDED")
        XCTAssertEqual(answer["output"], #"{"status": "success"}"#)
        let parameters = try JSONValue.parse(XCTUnwrap(answer["inspectionData"]?["afterParameters"]?.stringValue))
        XCTAssertEqual(parameters["Payload"], [
            "executionId": "arn:aws:states:us-east-1:123456789012:execution:MyStateMachine:test-exec-123",
            "stateName": "ProcessData",
            "enteredTime": "2024-01-01T10:00:05.000Z",
        ])
    }

    /// "Simulating retry attempts": the guide's answer is RETRIABLE with
    /// `"errorDetails": {"retryBackoffIntervalSeconds": 4, "retryIndex": 0}` ("2 × 2.0^1"); the
    /// members in the order of the API's shape, as the aws CLI prints them.
    func testRetryExample() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "MyFunction"}, "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0}], "End": true}"#
        let answer = try await test(task, input: #"{"data": "value"}"#, level: "DEBUG",
                                    mock: #"{"errorOutput": {"error": "Lambda.ServiceException", "cause": "Service error"}}"#,
                                    configuration: #"{"retrierRetryCount": 1}"#)
        XCTAssertEqual(answer["status"], "RETRIABLE")
        XCTAssertEqual(answer["inspectionData"]?["errorDetails"], ["retryIndex": 0, "retryBackoffIntervalSeconds": 4])
    }

    /// "Testing catch handlers": the guide's answer, member by member: CAUGHT_ERROR,
    /// nextState HandleThrottling, the error and cause, the output with the error at its
    /// ResultPath, and `"errorDetails": {"catchIndex": 0}`.
    func testCatchExample() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "MyFunction"}, "Catch": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "ResultPath": "$.error", "Next": "HandleThrottling"}], "Next": "Success"}"#
        let answer = try await test(task, input: #"{"data": "value"}"#, level: "DEBUG",
                                    mock: #"{"errorOutput": {"error": "Lambda.TooManyRequestsException", "cause": "Rate exceeded"}}"#)
        XCTAssertEqual(answer["status"], "CAUGHT_ERROR")
        XCTAssertEqual(answer["nextState"], "HandleThrottling")
        XCTAssertEqual(answer["error"], "Lambda.TooManyRequestsException")
        XCTAssertEqual(answer["cause"], "Rate exceeded")
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(answer["output"]?.stringValue)),
                       ["data": "value", "error": ["Error": "Lambda.TooManyRequestsException", "Cause": "Rate exceeded"]])
        XCTAssertEqual(answer["inspectionData"]?["errorDetails"], ["catchIndex": 0])
    }

    /// "Whether retries are exhausted and the error gets caught": once the retrier has used
    /// its MaxAttempts, the catcher takes the error.
    func testExhaustedRetriesAreCaught() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "MyFunction"}, "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "End": true}"#
        let answer = try await test(task, level: "DEBUG", mock: #"{"errorOutput": {"error": "Lambda.ServiceException", "cause": "Service error"}}"#,
                                    configuration: #"{"retrierRetryCount": 3}"#)
        XCTAssertEqual(answer["status"], "CAUGHT_ERROR")
        XCTAssertEqual(answer["nextState"], "Recover")
        XCTAssertEqual(answer["inspectionData"]?["errorDetails"], ["catchIndex": 0])
    }

    /// "Testing Activity, .sync, and .waitForTaskToken states": "supports testing Activity
    /// states, .sync service integration patterns, and .waitForTaskToken patterns when a mock
    /// is specified. Without a mock, invoking these states via TestState API will return a
    /// validation exception." An activity's result is what its worker sends: any JSON.
    func testActivitySyncAndCallbackTasksRunOnlyMocked() async throws {
        let activity = #"{"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:Review", "End": true}"#
        let reviewed = try await test(activity, mock: #"{"result": "{\"approved\": true}"}"#)
        XCTAssertEqual(reviewed, ["output": #"{"approved": true}"#, "status": "SUCCEEDED"])
        let callback = #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}"#
        let answered = try await test(callback, mock: #"{"result": "{\"ok\": 1}"}"#)
        XCTAssertEqual(answered["status"], "SUCCEEDED")
        // .sync:2's mock "must match the DescribeExecution response schema"; host has no model
        // of it to check against, so it says so, and checks nothing when told NONE.
        let child = #"{"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": {}}, "End": true}"#
        let described = #"{\"ExecutionArn\": \"arn:aws:states:us-east-1:123456789012:execution:Child:1\", \"Status\": \"SUCCEEDED\", \"Output\": {\"done\": true}}"#
        let unchecked = try await test(child, mock: #"{"fieldValidationMode": "NONE", "result": "\#(described)"}"#)
        XCTAssertEqual(unchecked["status"], "SUCCEEDED")
        for unmocked in [activity, callback, child] {
            do {
                _ = try await test(unmocked)
                XCTFail("ran without a mock: \(unmocked)")
            } catch let error as ServiceError {
                XCTAssertEqual(error.code, .validation)
            }
        }
    }
}
