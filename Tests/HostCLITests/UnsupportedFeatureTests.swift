import Foundation
import JSONValue
import TestSupport
import XCTest

/// The issue's §2.1, through the built `host`: "A field that host parses but does not run must
/// never be ignored. … `host validate` reports such fields as unsupported (with their line and
/// column) and `host run` refuses the definition (exit 2)." And §3: validate suggests the
/// nearest name, and one wrong Next gives one error.
final class UnsupportedFeatureTests: RunTestCase {
    /// The example: a JSONata Pass state with Output, and an Assign.
    static let jsonataPass = """
        {
          "QueryLanguage": "JSONata",
          "StartAt": "P",
          "States": {
            "P": {
              "Type": "Pass",
              "Output": {"static": 1},
              "Assign": {"answer": 42},
              "End": true
            }
          }
        }
        """

    func testRunRefusesWhatItDoesNotRunWithEveryPlace() throws {
        try write(Self.jsonataPass, to: "machines/jsonata.json")
        let result = try host("run", "machines/jsonata.json", "--output", "json")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr.split(separator: "\n"), [
            "machines/jsonata.json:2:20: unsupported: host does not run JSONata yet: it runs JSONPath states. (at $.QueryLanguage)",
            "machines/jsonata.json:8:7: unsupported: host does not run variables (Assign) yet. (at $.States.P.Assign)",
        ])
        // Nothing ran, so nothing was stored.
        assertNoState()
    }

    func testValidateListsThemAndFails() throws {
        try write(Self.jsonataPass, to: "machines/jsonata.json")
        let result = try host("validate", "machines/jsonata.json")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("machines/jsonata.json:2:20: unsupported: host does not run JSONata yet"), result.stdout)
        XCTAssertTrue(result.stdout.contains("machines/jsonata.json:8:7: unsupported: host does not run variables (Assign) yet."), result.stdout)
    }

    func testAServiceIntegrationIsRefusedBeforeAnythingRuns() throws {
        try write("""
            {"StartAt": "Put", "States": {
              "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                      "Parameters": {"TableName": "t", "Item": {}}, "End": true}}}
            """, to: "machines/ddb.json")
        let result = try host("run", "machines/ddb.json")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "machines/ddb.json:2:39: unsupported: host does not run the resource 'arn:aws:states:::dynamodb:putItem' yet; it runs Lambda functions, by their ARN or through arn:aws:states:::lambda:invoke (and its .waitForTaskToken). (at $.States.Put.Resource)\n")
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
