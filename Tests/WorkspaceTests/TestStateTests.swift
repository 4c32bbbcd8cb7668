import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// TestState (docs/testing.md, "TestState"). Each expected answer comes from AWS's documentation
/// or from AWS's recorded answers as docs/testing.md gives them, never from host's output:
/// - [TestState]: "TestState", Step Functions API reference (request and response elements).
/// - [Guide]: "Testing state machines with TestState API", Step Functions Developer Guide.
/// - [Errors]: "InspectionErrorDetails" and "TestStateConfiguration", API reference; retry
///   intervals from "Handling errors in Step Functions workflows" (IntervalSeconds x BackoffRate^n).
/// - [Recorded]: AWS's answers recorded for the same requests (docs/testing.md lists them).
final class TestStateTests: TestStateTestCase {
    // MARK: - Each state type

    /// [Guide], the DEBUG example: InputPath, Parameters, ResultPath and OutputPath of a Pass,
    /// each stage's value, the output "1" and the state's Next. Each value also follows from the
    /// Developer Guide's pages on InputPath and Parameters, ResultPath and OutputPath.
    func testPassDataFlowAtDebug() async throws {
        let answer = try await test(#"{"Type": "Pass", "InputPath": "$.payload", "Parameters": {"data": 1}, "ResultPath": "$.result", "OutputPath": "$.result.data", "Next": "Another State"}"#,
                                    input: #"{"payload": {"foo": "bar"}}"#, level: "DEBUG")
        XCTAssertEqual(answer["output"], "1")
        XCTAssertEqual(answer["nextState"], "Another State")
        XCTAssertEqual(answer["status"], "SUCCEEDED")
        XCTAssertEqual(answer["inspectionData"], [
            "input": #"{"payload": {"foo": "bar"}}"#,
            "afterInputPath": #"{"foo":"bar"}"#,
            "afterParameters": #"{"data":1}"#,
            "afterResultSelector": #"{"data":1}"#,
            "afterResultPath": #"{"payload":{"foo":"bar"},"result":{"data":1}}"#,
        ])
        XCTAssertEqual(Array(answer.keys), ["output", "inspectionData", "nextState", "status"], "the response's members in the API's order")
    }

    /// [TestState]: INFO "shows the final state output"; a state that ends has no nextState.
    func testPassAtInfoEnds() async throws {
        let answer = try await test(#"{"Type": "Pass", "Result": {"foo": "bar"}, "End": true}"#)
        XCTAssertEqual(answer, ["output": #"{"foo":"bar"}"#, "status": "SUCCEEDED"])
    }

    /// [TestState]: nextState is "the name of the next state to transition to": a Choice's
    /// matching rule's Next, else its Default; its output is its input, in the text it came in
    /// ([Guide], Example 1).
    func testChoiceTakesTheMatchingRuleOrTheDefault() async throws {
        let choice = #"{"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"}"#
        let big = try await test(choice, input: #"{"n": 2}"#)
        XCTAssertEqual(big, ["output": #"{"n": 2}"#, "nextState": "Big", "status": "SUCCEEDED"])
        let small = try await test(choice, input: #"{"n": 0}"#)
        XCTAssertEqual(small["nextState"], "Small")
    }

    /// A Wait passes its input on to its Next, as a Choice does ([Guide], Example 1).
    func testWaitGoesToNext() async throws {
        let answer = try await test(#"{"Type": "Wait", "Seconds": 3600, "Next": "After"}"#, input: #"{"a": 1}"#)
        XCTAssertEqual(answer, ["output": #"{"a": 1}"#, "nextState": "After", "status": "SUCCEEDED"])
    }

    func testSucceedEndsWithItsInput() async throws {
        let answer = try await test(#"{"Type": "Succeed", "OutputPath": "$.a"}"#, input: #"{"a": [1]}"#)
        XCTAssertEqual(answer, ["output": "[1]", "status": "SUCCEEDED"])
    }

    /// [TestState]: a failed state has error and cause, and no nextState.
    func testFailStateFails() async throws {
        let answer = try await test(#"{"Type": "Fail", "Error": "MyError", "Cause": "my cause"}"#)
        XCTAssertEqual(answer, ["error": "MyError", "cause": "my cause", "status": "FAILED"])
    }

    /// A mocked Task's result goes through ResultSelector and ResultPath; DEBUG shows `result`.
    func testMockedTaskResultFlowsThroughOutputProcessing() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"body.$": "$.Payload.body"}, "ResultPath": "$.out", "Next": "Done"}"#
        let answer = try await test(task, input: #"{"id": 7}"#, level: "DEBUG",
                                    mock: #"{"result": "{\"StatusCode\": 200, \"Payload\": {\"body\": \"hi\"}}"}"#)
        XCTAssertEqual(answer["output"], #"{"id":7,"out":{"body":"hi"}}"#)
        XCTAssertEqual(answer["nextState"], "Done")
        let data = try XCTUnwrap(answer["inspectionData"]?.objectValue)
        XCTAssertEqual(data["afterParameters"], #"{"FunctionName":"f","Payload":{"id":7}}"#)
        XCTAssertEqual(data["result"], #"{"StatusCode":200,"Payload":{"body":"hi"}}"#)
        XCTAssertEqual(data["afterResultSelector"], #"{"body":"hi"}"#)
    }

    /// [TestState] "InspectionData": in a JSONata state, `afterArguments` (no afterInputPath or
    /// afterParameters, "Not populated when QueryLanguage is JSONata") and `result`; the output is
    /// the state's Output expression over `$states.result` ("Transforming data with JSONata").
    func testJSONataTaskShowsArgumentsAndResult() async throws {
        let task = #"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": {"n": "{% $states.input.n + 1 %}"}}, "Output": "{% $states.result.Payload.total %}", "End": true}"#
        let answer = try await test(task, input: #"{"n": 1}"#, level: "DEBUG", mock: #"{"result": "{\"Payload\": {\"total\": 42}}"}"#)
        XCTAssertEqual(answer["output"], "42")
        XCTAssertEqual(answer["inspectionData"], [
            "input": #"{"n": 1}"#,
            "afterArguments": #"{"FunctionName":"f","Payload":{"n":2}}"#,
            "result": #"{"Payload":{"total":42}}"#,
        ])
    }

    /// A DynamoDB or SNS Task without a mock calls the workspace's tables and topics, as AWS
    /// calls the real service (docs/integrations.md): a table that is not declared fails the
    /// state with DynamoDB's error name.
    func testIntegrationTaskWithoutMockCallsTheWorkspaceService() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Parameters": {"TableName": "Nowhere", "Key": {"id": {"S": "a"}}}, "End": true}"#
        let failed = try await test(task)
        XCTAssertEqual(failed["error"], "DynamoDB.ResourceNotFoundException")
        XCTAssertEqual(failed["status"], "FAILED")
    }

    /// A Task without a mock calls its function: AWS calls the real service, host the
    /// workspace's Lua function; its named error fails the state.
    func testTaskWithoutMockCallsTheWorkspaceFunction() async throws {
        try folder.addFunction("Double", """
            local Odd = exception("OddNumber")
            function handler(event, context)
              if event.n % 2 == 1 then error(Odd("odd")) end
              return {n = event.n * 2}
            end
            """)
        let task = #"{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Double", "End": true}"#
        let answer = try await test(task, input: #"{"n": 4}"#)
        XCTAssertEqual(answer, ["output": #"{"n":8}"#, "status": "SUCCEEDED"])
        let failed = try await test(task, input: #"{"n": 3}"#)
        XCTAssertEqual(failed["error"], "OddNumber")
        XCTAssertEqual(failed["status"], "FAILED")
    }

    // MARK: - Retry and Catch

    static let retried = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "Retry": [{"ErrorEquals": ["Other"]}, {"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["Other"], "Next": "Elsewhere"}, {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handle"}], "End": true}"#
    static let failure = #"{"errorOutput": {"error": "States.TaskFailed", "cause": "boom"}}"#

    /// [TestState], [Errors]: a retrier that would retry gives RETRIABLE with its index and its
    /// interval (2 x 2^1 after one retry); no output and no nextState.
    func testRetrierThatWouldRetryIsRetriable() async throws {
        let answer = try await test(Self.retried, level: "DEBUG", mock: Self.failure, configuration: #"{"retrierRetryCount": 1}"#)
        XCTAssertEqual(answer["status"], "RETRIABLE")
        XCTAssertEqual(answer["error"], "States.TaskFailed")
        XCTAssertEqual(answer["cause"], "boom")
        XCTAssertNil(answer["nextState"])
        XCTAssertNil(answer["output"])
        XCTAssertEqual(answer["inspectionData"]?["errorDetails"], ["retryIndex": 1, "retryBackoffIntervalSeconds": 4])
    }

    /// [TestState], [Errors]: once the retrier has used its MaxAttempts, the catcher that
    /// matches takes the error: CAUGHT_ERROR, nextState its Next, output its ResultPath's.
    func testCatcherAfterRetriesIsCaughtError() async throws {
        let answer = try await test(Self.retried, input: #"{"a": 1}"#, level: "DEBUG", mock: Self.failure,
                                    configuration: #"{"retrierRetryCount": 3}"#)
        XCTAssertEqual(answer["status"], "CAUGHT_ERROR")
        XCTAssertEqual(answer["nextState"], "Handle")
        XCTAssertEqual(answer["output"], #"{"a":1,"error":{"Error":"States.TaskFailed","Cause":"boom"}}"#)
        XCTAssertEqual(answer["error"], "States.TaskFailed")
        XCTAssertEqual(answer["inspectionData"]?["errorDetails"], ["catchIndex": 1])
    }

    /// [Recorded]: AWS's answers for a JSONata Task whose retrier (IntervalSeconds 1,
    /// BackoffRate 2, MaxAttempts 5) has retried 4 times (RETRIABLE, 1 x 2^4 = 16 s) and 5 times
    /// (FAILED, the retrier still named, no interval).
    func testExhaustedRetrierIsNamedInTheFailure() async throws {
        let task = #"{"Comment": "BASE_TASK_STATE_RETRY", "QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "foo", "Payload": "bar"}, "Retry": [{"ErrorEquals": ["MockException"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 2.0}], "End": true}"#
        let input = #"{"Values": ["first", "second", "third"]}"#
        let mock = #"{"errorOutput": {"error": "MockException", "cause": "Mock the cause of the error."}}"#
        let below = try await test(task, input: input, level: "DEBUG", mock: mock, configuration: #"{"retrierRetryCount": 4}"#)
        XCTAssertEqual(below["status"], "RETRIABLE")
        XCTAssertEqual(below["inspectionData"]?["errorDetails"], ["retryIndex": 0, "retryBackoffIntervalSeconds": 16])
        XCTAssertEqual(below["inspectionData"]?["afterArguments"], #"{"FunctionName":"foo","Payload":"bar"}"#)
        let exhausted = try await test(task, input: input, level: "DEBUG", mock: mock, configuration: #"{"retrierRetryCount": 5}"#)
        XCTAssertEqual(exhausted["status"], "FAILED")
        XCTAssertEqual(exhausted["error"], "MockException")
        XCTAssertEqual(exhausted["cause"], "Mock the cause of the error.")
        XCTAssertEqual(exhausted["inspectionData"]?["errorDetails"], ["retryIndex": 0])
    }

    /// [Recorded]: which data-flow stages AWS reports at DEBUG for each state type, with AWS's
    /// values (member by member, as JSON): a Pass its input and output stages, or with `Result`
    /// its result instead of its input stages; a Choice, Succeed or Fail only `afterInputPath`.
    func testInspectionStagesOfEachStateTypeAsRecorded() async throws {
        func stages(_ definition: String, _ input: String) async throws -> [String: JSONValue] {
            let answer = try await test(definition, input: input, level: "DEBUG")
            let data = try XCTUnwrap(answer["inspectionData"]?.objectValue)
            var parsed: [String: JSONValue] = [:]
            for (key, value) in data { parsed[key] = try JSONValue.parse(XCTUnwrap(value.stringValue)) }
            return parsed
        }
        let ioInput = #"{"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "unrelatedData": {"someOtherField": 1234}}"#
        let initial: JSONValue = ["fieldFromInput": "value from input", "otherField": "other"]
        let unrelated: JSONValue = ["someOtherField": 1234]
        let parameters: JSONValue = ["staticValue": "some value", "inputValue": "value from input"]
        let ioPass = try await stages(#"{"Type": "Pass", "InputPath": "$.initialData", "Parameters": {"staticValue": "some value", "inputValue.$": "$.fieldFromInput"}, "ResultPath": "$.modifiedData", "End": true}"#, ioInput)
        XCTAssertEqual(ioPass, [
            "input": ["initialData": initial, "unrelatedData": unrelated], "afterInputPath": initial, "afterParameters": parameters,
            "afterResultSelector": parameters, "afterResultPath": ["initialData": initial, "unrelatedData": unrelated, "modifiedData": parameters],
        ])
        let result: JSONValue = ["resultKey": "result value"]
        let ioResultPass = try await stages(#"{"Type": "Pass", "InputPath": "$.initialData", "Parameters": {"staticValue": "some value", "inputValue.$": "$.fieldFromInput"}, "Result": {"resultKey": "result value"}, "ResultPath": "$.modifiedData", "End": true}"#, ioInput)
        XCTAssertEqual(ioResultPass, [
            "input": ["initialData": initial, "unrelatedData": unrelated], "result": result, "afterResultSelector": result,
            "afterResultPath": ["initialData": initial, "unrelatedData": unrelated, "modifiedData": result],
        ])
        let choiceInput: JSONValue = ["type": "Private", "value": 22]
        let choice = try await stages(#"{"Type": "Choice", "Choices": [{"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"}, {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"}, {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"}], "Default": "DefaultState"}"#, #"{"type": "Private", "value": 22}"#)
        XCTAssertEqual(choice, ["input": choiceInput, "afterInputPath": choiceInput])
        let hello: JSONValue = ["Value": "HelloWorld"]
        let succeed = try await stages(#"{"Type": "Succeed"}"#, #"{"Value": "HelloWorld"}"#)
        XCTAssertEqual(succeed, ["input": hello, "afterInputPath": hello])
        let fail = try await test(#"{"Type": "Fail", "Error": "SomeFailure", "Cause": "This state machines raises a 'SomeFailure' failure."}"#,
                                  input: #"{"Value": "HelloWorld"}"#, level: "DEBUG")
        XCTAssertEqual(fail["error"], "SomeFailure")
        XCTAssertEqual(fail["cause"], "This state machines raises a 'SomeFailure' failure.")
        XCTAssertEqual(fail["inspectionData"], ["input": #"{"Value": "HelloWorld"}"#, "afterInputPath": #"{"Value":"HelloWorld"}"#])
    }

    /// [TestState]: an error no retrier or catcher takes is FAILED.
    func testUnhandledErrorFails() async throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "Catch": [{"ErrorEquals": ["Other"], "Next": "X"}], "End": true}"#
        let answer = try await test(task, mock: Self.failure)
        XCTAssertEqual(answer, ["error": "States.TaskFailed", "cause": "boom", "status": "FAILED"])
    }

    // MARK: - Map and Parallel, mocked

    static let map = #"{"Type": "Map", "ItemsPath": "$.Values", "ToleratedFailureCount": 1, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Catch": [{"ErrorEquals": ["Other"], "Next": "X"}, {"ErrorEquals": ["States.ALL"], "Next": "HandleThreshold"}], "Next": "After"}"#

    /// [Guide]: a Map is tested with a mocked result, its iterations' outputs; [Recorded]: AWS
    /// answers with the mocked text as given.
    func testMockedMapReturnsItsResult() async throws {
        let answer = try await test(Self.map, input: #"{"Values": ["first", "second", "third"]}"#, mock: #"{"result": "[1, 1, 1]"}"#)
        XCTAssertEqual(answer, ["output": "[1, 1, 1]", "nextState": "After", "status": "SUCCEEDED"])
    }

    /// [Recorded]: more failed iterations than ToleratedFailureCount fail the Map with
    /// States.ExceedToleratedFailureThreshold, which its catcher takes; DEBUG gives the Map's
    /// MaxConcurrency (0 when unset) and ToleratedFailureCount.
    func testMapBeyondItsToleranceIsCaught() async throws {
        let input = #"{"Values": ["first", "second", "third"]}"#
        let below = try await test(Self.map, input: input, mock: #"{"result": "[1, 1, 1]"}"#, configuration: #"{"mapIterationFailureCount": 1}"#)
        XCTAssertEqual(below["status"], "SUCCEEDED")
        let beyond = try await test(Self.map, input: input, level: "DEBUG", mock: #"{"result": "[1, 1, 1]"}"#,
                                    configuration: #"{"mapIterationFailureCount": 2}"#)
        XCTAssertEqual(beyond["status"], "CAUGHT_ERROR")
        XCTAssertEqual(beyond["error"], "States.ExceedToleratedFailureThreshold")
        XCTAssertEqual(beyond["cause"], "The specified tolerated failure threshold was exceeded")
        XCTAssertEqual(beyond["nextState"], "HandleThreshold")
        let data = try XCTUnwrap(beyond["inspectionData"]?.objectValue)
        XCTAssertEqual(data["errorDetails"], ["catchIndex": 1])
        XCTAssertEqual(data["maxConcurrency"], 0)
        XCTAssertEqual(data["toleratedFailureCount"], 1)
    }

    /// [Recorded]: a mocked Parallel answers its branches' outputs, one per branch.
    func testMockedParallelReturnsItsResult() async throws {
        let parallel = #"{"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "ResultPath": "$.branches", "End": true}"#
        let answer = try await test(parallel, input: "{}", mock: #"{"result": "[\"a\", \"b\"]"}"#)
        XCTAssertEqual(answer, ["output": #"{"branches":["a","b"]}"#, "status": "SUCCEEDED"])
        let mismatch = try await refusal(parallel, mock: #"{"result": "[\"a\"]"}"#)
        XCTAssertEqual(mismatch, ServiceError(.validation, "Mocked result must contain the same number of items as number of Parallel branches."))
        let failed = try await test(parallel, mock: #"{"errorOutput": {"error": "BranchError", "cause": "in B"}}"#,
                                    configuration: #"{"errorCausedByState": "B"}"#)
        XCTAssertEqual(failed, ["error": "BranchError", "cause": "in B", "status": "FAILED"])
    }

    // MARK: - What AWS refuses

    /// [Recorded]: AWS's codes and messages for a mock where TestState takes none, a Map or
    /// Parallel without one, a mock with both fields, and a Map's mocked result that is no array.
    func testRefusalsAsAWSWordsThem() async throws {
        let onPass = try await refusal(#"{"Type": "Pass", "End": true}"#, mock: #"{"result": "{}"}"#)
        XCTAssertEqual(onPass, ServiceError(.validation, "State type 'Pass' is not supported when a mock is specified"))
        let unmocked = try await refusal(Self.map)
        XCTAssertEqual(unmocked, ServiceError(.invalidDefinition,
                                              "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]"))
        let both = try await refusal(Self.retried, mock: #"{"result": "{}", "errorOutput": {"error": "E"}}"#)
        XCTAssertEqual(both, ServiceError(.validation, "A test mock should have only one of the following fields: [result, errorOutput]."))
        let notArray = try await refusal(Self.map, mock: #"{"result": "{}"}"#)
        XCTAssertEqual(notArray, ServiceError(.validation, "Mocked result must be an array."))
    }

    /// "MockInput": fieldValidationMode STRICT (the default) and PRESENT check a result against
    /// the API it stands for (Lambda's Invoke response: StatusCode is an integer, "Invoke",
    /// Lambda API reference); NONE checks nothing.
    func testFieldValidationModes() async throws {
        let invoke = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": true}"#
        let badStatus = #"{"result": "{\"StatusCode\": \"200\"}"}"#
        let strict = try await refusal(invoke, mock: badStatus)
        XCTAssertEqual(strict.code, .validation)
        let unchecked = try await test(invoke, mock: #"{"result": "{\"StatusCode\": \"200\"}", "fieldValidationMode": "NONE"}"#)
        XCTAssertEqual(unchecked["status"], "SUCCEEDED")
        // A resource host does not run is refused as in executions (README) when the Task would
        // call it; mocked, nothing calls it ([Guide]: mocks test "without invoking actual AWS
        // services"), and STRICT needs an API model host lacks for it.
        let queue = #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q"}, "End": true}"#
        let unsupported = try await refusal(queue)
        XCTAssertTrue(unsupported.message.contains("host does not run the resource"), unsupported.message)
        let modelless = try await refusal(queue, mock: #"{"result": "{}"}"#)
        XCTAssertTrue(modelless.message.contains("no API model"), modelless.message)
        let mocked = try await test(queue, mock: #"{"result": "{\"MessageId\": \"m-1\"}", "fieldValidationMode": "NONE"}"#)
        XCTAssertEqual(mocked["status"], "SUCCEEDED")
    }

    // MARK: - A whole machine, variables, context

    /// [TestState]: "stateName" names the state to test in a whole machine; variables and the
    /// context object are those the request gives.
    func testStateOfAMachineWithVariablesAndContext() async throws {
        let machine = #"{"StartAt": "First", "States": {"First": {"Type": "Pass", "Next": "Second"}, "Second": {"Type": "Pass", "Parameters": {"v.$": "$limit", "name.$": "$$.Execution.Name"}, "Assign": {"seen": true}, "End": true}}}"#
        let answer = try await test(machine, level: "DEBUG", stateName: "Second", variables: #"{"limit": 3}"#,
                                    context: #"{"Execution": {"Name": "exec-1"}}"#)
        XCTAssertEqual(answer["output"], #"{"v":3,"name":"exec-1"}"#)
        XCTAssertEqual(answer["inspectionData"]?["variables"], #"{"limit":3,"seen":true}"#)
    }

    /// [Recorded]: a Distributed Map whose ItemReader would read a bucket, tested with
    /// `mapItemReaderData` standing for the object (read as its InputType, JSON) and a mocked
    /// result: SUCCEEDED with the mocked text; DEBUG gives the input and MaxConcurrency only.
    func testMapItemReaderDataStandsForTheObject() async throws {
        let machine = #"{"Comment": "MAP_ITEM_READER_STATE_MACHINE", "QueryLanguage": "JSONata", "StartAt": "State0", "States": {"State0": {"Type": "Map", "MaxConcurrency": 1, "ItemReader": {"ReaderConfig": {"InputType": "JSON"}, "Resource": "arn:aws:states:::s3:getObject", "Arguments": {"Bucket": "{% $states.input.Bucket %}", "Key": "{% $states.input.Key %}"}}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "HandleItem", "States": {"HandleItem": {"Type": "Pass", "End": true}}}, "End": true}}}"#
        let input = #"{"Bucket": "test-bucket", "Key": "test-key"}"#
        let answer = try await test(machine, input: input, level: "DEBUG", mock: #"{"result": "[1, 4, 9]"}"#,
                                    configuration: #"{"mapItemReaderData": "[1, 2, 3]"}"#, stateName: "State0")
        XCTAssertEqual(answer, ["output": "[1, 4, 9]", "inspectionData": ["input": .string(input), "maxConcurrency": 1], "status": "SUCCEEDED"])
        // Beyond a tolerance of 0 items in 3 read from the data: the Map fails as a Map does.
        let strict = machine.replacingOccurrences(of: #""MaxConcurrency": 1,"#, with: #""MaxConcurrency": 1, "ToleratedFailureCount": 0,"#)
        let beyond = try await test(strict, input: input, mock: #"{"result": "[1, 4, 9]"}"#,
                                    configuration: #"{"mapItemReaderData": "[1, 2, 3]", "mapIterationFailureCount": 1}"#, stateName: "State0")
        XCTAssertEqual(beyond["error"], "States.ExceedToleratedFailureThreshold")
        // Data the reader cannot read fails as the reader would; a Map without a reader has no data to read.
        let malformed = try await test(machine, input: input, mock: #"{"result": "[]"}"#,
                                       configuration: #"{"mapItemReaderData": "{\"not\": \"an array\"}"}"#, stateName: "State0")
        XCTAssertEqual(malformed["error"], "States.ItemReaderFailed")
        let refused = try await refusal(Self.map, mock: #"{"result": "[1]"}"#, configuration: #"{"mapItemReaderData": "[1]"}"#)
        XCTAssertEqual(refused.code, .validation)
    }

    /// [Recorded]: a context with `Map` is refused ("'Map' field is not supported when mocking a
    /// Context object").
    func testContextWithMapIsRefused() async throws {
        do {
            _ = try await test(#"{"Type": "Pass", "End": true}"#, context: #"{"Map": {}}"#)
            XCTFail("accepted a context with Map")
        } catch let error as ServiceError {
            XCTAssertEqual(error.code, .validation)
            XCTAssertTrue(error.message.contains("'Map' field is not supported when mocking a Context object"), error.message)
        }
    }
}
