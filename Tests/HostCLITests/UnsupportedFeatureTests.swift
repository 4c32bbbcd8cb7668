import Foundation
import JSONValue
import TestSupport
import XCTest

/// The issue's §2.1, through the built `host`: "A field that host parses but does not run must
/// never be ignored. … `host validate` reports such fields as unsupported (with their line and
/// column) and `host run` refuses the definition (exit 2)." And §3: validate suggests the
/// nearest name, and one wrong Next gives one error.
final class UnsupportedFeatureTests: RunTestCase {
    /// A Task's Credentials (host assumes no roles) and a service integration: two places.
    static let unsupportedTasks = """
        {
          "StartAt": "T",
          "States": {
            "T": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
              "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/R"},
              "Next": "Put"
            },
            "Put": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "End": true}
          }
        }
        """

    func testRunRefusesWhatItDoesNotRunWithEveryPlace() throws {
        try write(Self.unsupportedTasks, to: "machines/tasks.json")
        let result = try host("run", "machines/tasks.json", "--output", "json")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr.split(separator: "\n"), [
            "machines/tasks.json:7:7: unsupported: host assumes no IAM roles, so it does not run a Task's 'Credentials'. (at $.States.T.Credentials)",
            "machines/tasks.json:10:41: unsupported: host does not run the resource 'arn:aws:states:::sqs:sendMessage' yet; it runs Lambda functions, by their ARN or through arn:aws:states:::lambda:invoke (and its .waitForTaskToken), and the service integrations docs/integrations.md lists. (at $.States.Put.Resource)",
        ])
        // Nothing ran, so nothing was stored.
        assertNoState()
    }

    func testValidateListsThemAndFails() throws {
        try write(Self.unsupportedTasks, to: "machines/tasks.json")
        let result = try host("validate", "machines/tasks.json")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("machines/tasks.json:7:7: unsupported: host assumes no IAM roles"), result.stdout)
        XCTAssertTrue(result.stdout.contains("machines/tasks.json:10:41: unsupported: host does not run the resource"), result.stdout)
    }

    /// The issue's example, which host once refused: a JSONata Pass state with Output and an
    /// Assign runs, and its output is its Output ("Output ... becomes the state output",
    /// *Transforming data with JSONata in Step Functions*).
    func testJSONataAndAssignRun() throws {
        try write("""
            {"QueryLanguage": "JSONata", "StartAt": "P",
             "States": {"P": {"Type": "Pass", "Output": {"static": 1}, "Assign": {"answer": 42}, "End": true}}}
            """, to: "machines/jsonata.json")
        let result = try host("run", "machines/jsonata.json", "--output", "json")
        XCTAssertEqual(result.status, 0, result.stderr)
        // DescribeExecution's output is JSON text.
        let output = try JSONValue.parse(result.stdout)["output"]?.stringValue ?? ""
        XCTAssertEqual(try JSONValue.parse(output), ["static": 1], result.stdout)
    }

    func testAServiceIntegrationIsRefusedBeforeAnythingRuns() throws {
        try write("""
            {"StartAt": "Put", "States": {
              "Put": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                      "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "End": true}}}
            """, to: "machines/sqs.json")
        let result = try host("run", "machines/sqs.json")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "machines/sqs.json:2:39: unsupported: host does not run the resource 'arn:aws:states:::sqs:sendMessage' yet; it runs Lambda functions, by their ARN or through arn:aws:states:::lambda:invoke (and its .waitForTaskToken), and the service integrations docs/integrations.md lists. (at $.States.Put.Resource)\n")
    }

    func testValidateSuggestsAndReportsOneWrongNextOnce() throws {
        try write("""
            {
              "StartAt": "Receive",
              "States": {
                "Receive": {"Type": "Pass", "Next": "PackItem"},
                "PackItems": {"Type": "Pass", "Nxt": "Ship", "End": true},
                "Ship": {"Type": "Succeed"}
              }
            }
            """, to: "machines/shop.json")
        let result = try host("validate", "machines/shop.json")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout.split(separator: "\n"), [
            "machines/shop.json:4:41: error: Missing 'Next' target: PackItem. Did you mean 'PackItems'? (at $.States.Receive.Next)",
            "machines/shop.json:5:35: error: Field 'Nxt' is not supported in a Pass state. Did you mean 'Next'? (at $.States.PackItems.Nxt)",
        ])
    }
}
