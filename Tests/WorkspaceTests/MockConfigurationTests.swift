import Foundation
import JSONValue
import StatesLanguage
import Workspace
import XCTest

/// The mock configuration file (Step Functions Local's shape, docs/testing.md): what it reads,
/// and each problem refused at its place.
final class MockConfigurationTests: XCTestCase {
    func problems(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try MockConfiguration.parse(text, file: "m.json")
            XCTFail("accepted: \(text)", file: file, line: line)
            return []
        } catch { return error.problems }
    }

    func testAWSExampleReadsAsTheGuideDescribesIt() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/LambdaSQSIntegration/MockConfigFile.json")
        let configuration = try MockConfiguration.load(url, file: "MockConfigFile.json")
        let retry = try configuration.testCase("RetryPath", of: "LambdaSQSIntegration")
        let lambda = try XCTUnwrap(retry.states["LambdaState"])
        let notReady = MockedAnswer.throw(error: "Lambda.ResourceNotReadyException", cause: "Lambda resource is not ready.")
        let timedOut = MockedAnswer.throw(error: "Lambda.TimeoutException", cause: "Lambda timed out.")
        XCTAssertEqual(lambda.answer(forInvocation: 0), notReady)
        XCTAssertEqual(lambda.answer(forInvocation: 1), timedOut)
        XCTAssertEqual(lambda.answer(forInvocation: 2), timedOut)
        XCTAssertEqual(lambda.answer(forInvocation: 3), .return(["StatusCode": 200, "Payload": ["StatusCode": 200, "body": "Hello from Lambda!"]]))
        XCTAssertNil(lambda.answer(forInvocation: 4), "no response past the last key")
        XCTAssertEqual(try configuration.testCase("HybridPath", of: "LambdaSQSIntegration").states.keys.sorted(), ["LambdaState"])
        XCTAssertEqual(configuration.responses.count, 4)
    }

    func testNotJSONIsLocated() {
        XCTAssertEqual(problems("{\n  \"StateMachines\": [}\n").first?.hasPrefix("m.json:2:"), true)
    }

    func testUnknownFieldsAreRefused() {
        XCTAssertEqual(problems(#"{"StateMachine": {}}"#),
                       ["m.json:1:2: unknown field 'StateMachine' (expected 'StateMachines' or 'MockedResponses') (at $.StateMachine)"])
        XCTAssertEqual(problems(#"{"StateMachines": {"M": {"TestCases": {}, "Cases": {}}}}"#),
                       ["m.json:1:43: unknown field 'Cases' (expected 'TestCases') (at $.StateMachines.M.Cases)"])
    }

    func testTestCaseNamingAMissingResponse() {
        XCTAssertEqual(problems(#"{"StateMachines": {"M": {"TestCases": {"T": {"S": "Nope"}}}}, "MockedResponses": {"R": {"0": {"Return": 1}}}}"#),
                       ["m.json:1:51: 'Nope' is not in MockedResponses (it has 'R') (at $.StateMachines.M.TestCases.T.S)"])
    }

    func testMalformedKeys() {
        let keys = ["": "['']", "-1": "['-1']", "1-": "['1-']", "a": ".a", "2-1": "['2-1']", "1-2-3": "['1-2-3']", " 1": "[' 1']",
                    "+1": "['+1']", "1.5": "['1.5']"]
        for (key, path) in keys {
            let found = problems(#"{"MockedResponses": {"R": {"\#(key)": {"Return": 1}}}}"#)
            XCTAssertEqual(found, ["m.json:1:28: '\(key)' is not an invocation number (\"0\") or an inclusive range of them (\"1-2\") (at $.MockedResponses.R\(path))"],
                           "key \(key)")
        }
    }

    func testOverlappingRanges() {
        XCTAssertEqual(problems(#"{"MockedResponses": {"R": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}"#),
                       ["m.json:1:50: '2' overlaps '0-2': each invocation has one response (at $.MockedResponses.R['2'])"])
    }

    func testReturnAndThrowBothOrNeither() {
        XCTAssertEqual(problems(#"{"MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "C"}}}}}"#),
                       ["m.json:1:33: give either 'Return' or 'Throw', not both (at $.MockedResponses.R['0'])"])
        XCTAssertEqual(problems(#"{"MockedResponses": {"R": {"0": {}}}}"#),
                       ["m.json:1:33: give 'Return' (the result) or 'Throw' (the error) (at $.MockedResponses.R['0'])"])
    }

    func testThrowNeedsErrorAndCauseStrings() {
        XCTAssertEqual(problems(#"{"MockedResponses": {"R": {"0": {"Throw": {"Error": 1}}}}}"#),
                       ["m.json:1:53: 'Error' must be a string (at $.MockedResponses.R['0'].Throw.Error)",
                        "m.json:1:43: Throw needs 'Cause' (a string) (at $.MockedResponses.R['0'].Throw)"])
    }

    /// Checked against the machine: a state it does not have, or one that is not a Task.
    func testStatesAreCheckedAgainstTheMachine() throws {
        let configuration = try MockConfiguration.parse("""
            {"StateMachines": {"M": {"TestCases": {"T": {"Ghost": "R", "P": "R", "Inner": "R"}}}},
             "MockedResponses": {"R": {"0": {"Return": 1}}}}
            """, file: "m.json")
        let machine = try StateMachine.parse("""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Next": "Par"},
              "Par": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "Inner", "States": {
                "Inner": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "End": true}}}]}}}
            """).get()
        let mocks = try configuration.testCase("T", of: "M")
        XCTAssertThrowsError(try mocks.check(against: machine, file: "machines/M.json")) { error in
            XCTAssertEqual((error as? MockConfigurationError)?.problems, [
                "m.json:1:46: the test case 'T' mocks the state 'Ghost', which machines/M.json does not have",
                "m.json:1:60: 'P' is a Pass state; only Task states are mocked",
            ])
        }
        XCTAssertThrowsError(try configuration.testCase("U", of: "M")) { error in
            XCTAssertEqual("\(error)", "m.json: the state machine 'M' has no test case 'U' (TestCases has 'T')")
        }
    }
}
