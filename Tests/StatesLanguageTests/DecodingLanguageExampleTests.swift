import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// The Amazon States Language page's example, data-flow examples, and the definitions this
/// repository ships in `machines/`.
final class DecodingLanguageExampleTests: XCTestCase {
    /// "An example of the Amazon States Language using a choice state."
    func testAmazonStatesLanguageExample() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "Comment": "An example of the Amazon States Language using a choice state.",
              "StartAt": "FirstState",
              "States": {
                "FirstState": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:FUNCTION_NAME", "Next": "ChoiceState" },
                "ChoiceState": {
                  "Type": "Choice",
                  "Choices": [
                    { "Variable": "$.foo", "NumericEquals": 1, "Next": "FirstMatchState" },
                    { "Variable": "$.foo", "NumericEquals": 2, "Next": "SecondMatchState" }
                  ],
                  "Default": "DefaultState"
                },
                "FirstMatchState": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:OnFirstMatch", "Next": "NextState" },
                "SecondMatchState": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:OnSecondMatch", "Next": "NextState" },
                "DefaultState": { "Type": "Fail", "Error": "DefaultStateError", "Cause": "No Matches!" },
                "NextState": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:FUNCTION_NAME", "End": true }
              }
            }
            """))
        guard case .choice(let choice) = machine["ChoiceState"]?.kind else { return XCTFail() }
        XCTAssertEqual(try choice.evaluate(input: ["foo": 2], context: [:]), "SecondMatchState")
        XCTAssertEqual(try choice.evaluate(input: ["foo": 3], context: [:]), "DefaultState")
    }

    /// The data-flow docs: ResultSelector, a task token from the Context object, intrinsic
    /// functions in Parameters, OutputPath.
    func testDataFlowFields() throws {
        let machine = try XCTUnwrap(decodeValid("""
            {
              "StartAt": "Send",
              "States": {
                "Send": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {
                    "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue",
                    "MessageBody": { "Message": "Hello", "TaskToken.$": "$$.Task.Token", "array.$": "States.Array('Foo', 2020, $.foo)" }
                  },
                  "HeartbeatSeconds": 600,
                  "ResultSelector": { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" },
                  "ResultPath": "$.taskresult",
                  "OutputPath": "$.taskresult",
                  "Next": "Done"
                },
                "Done": { "Type": "Succeed" }
              }
            }
            """))
        let send = try XCTUnwrap(machine["Send"])
        XCTAssertNotNil(send.parameters)
        XCTAssertNotNil(send.resultSelector)
        XCTAssertEqual(send.resultPath.text, "$.taskresult")
        XCTAssertEqual(send.outputPath.text, "$.taskresult")
        XCTAssertEqual(send.inputPath.text, "$")
    }

    /// Every definition in the repository's `machines/` folder is accepted.
    func testTheRepositorysMachines() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../machines").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if case .failure(let errors) = StateMachine.parse(text) {
                XCTFail("\(errors.formatted(file: file))")
            }
        }
    }
}
