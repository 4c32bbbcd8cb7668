import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host test`: workflow test files run against the machines (docs/testing.md), with AWS's
/// `LambdaSQSIntegration` mock file unchanged (Tests/Fixtures/LambdaSQSIntegration).
final class WorkflowTestCommandTests: RunTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let fixtures = Repository.root.appendingPathComponent(MockedRunTests.fixtures)
        try write(String(contentsOf: fixtures.appendingPathComponent("LambdaSQSIntegration.json"), encoding: .utf8),
                  to: "machines/LambdaSQSIntegration.json")
        try write(String(contentsOf: fixtures.appendingPathComponent("MockConfigFile.json"), encoding: .utf8),
                  to: "workflow-tests/MockConfigFile.json")
        try write(String(contentsOf: fixtures.appendingPathComponent("SendMessage.lua"), encoding: .utf8), to: "functions/SendMessage.lua")
    }

    /// The output of the AWS example's Lambda Task, as MockedLambdaSuccess gives it.
    static let sqsSuccess = #"{"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}"#

    /// The AWS example's happy path, retry path and two hard failures: one invocation without a
    /// response fails the execution (AWS's guide), and a Task that throws on every attempt fails
    /// it with the last error once the retrier gives up (MaxAttempts 3: four attempts).
    static let awsExample = """
        [
          {"name": "happy", "machine": "LambdaSQSIntegration", "testCase": "HappyPath",
           "expect": {"status": "SUCCEEDED", "output": \(sqsSuccess), "path": ["LambdaState", "SQSState"],
                      "attempts": {"LambdaState": 1, "SQSState": 1}}},
          {"name": "retry", "machine": "LambdaSQSIntegration", "testCase": "RetryPath",
           "expect": {"status": "SUCCEEDED", "output": \(sqsSuccess), "attempts": {"LambdaState": 4}}},
          {"name": "not ready, no response for the retry", "machine": "LambdaSQSIntegration",
           "mocks": {"LambdaState": "LambdaMockedResourceNotReady"},
           "expect": {"status": "FAILED", "error": "States.Runtime", "path": ["LambdaState"], "notEntered": ["SQSState"],
                      "causeIncludes": "invocation 1 of the state 'LambdaState'", "attempts": {"LambdaState": 2}}},
          {"name": "timed out on every attempt", "machine": "LambdaSQSIntegration",
           "mocks": {"LambdaState": {"0-3": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}}}},
           "expect": {"status": "FAILED", "error": "Lambda.TimeoutException", "cause": "Lambda timed out.",
                      "attempts": {"LambdaState": 4}, "notEntered": ["SQSState"]}}
        ]
        """

    func testTheAWSExampleRunsUnchangedAndPasses() throws {
        try write(Self.awsExample, to: "workflow-tests/aws.test.json")
        let result = try host("test")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("PASS ") }.count, 4, result.stdout)
        XCTAssertTrue(result.stdout.contains("4 tests: 4 passed, 0 failed"), result.stdout)
        // Tests run in memory: nothing reaches the workspace's store.
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(".host/host.sqlite").path))
    }

    /// A broken expectation fails with the first difference, its JSON path, and the path the
    /// execution took; exit status 1.
    func testAFailingTestShowsTheFirstDifferenceAndThePath() throws {
        try write("""
            {"name": "broken", "machine": "LambdaSQSIntegration", "testCase": "HappyPath",
             "expect": {"status": "SUCCEEDED", "output": {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "other"}}}
            """, to: "workflow-tests/broken.test.json")
        let result = try host("test")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("FAIL broken (LambdaSQSIntegration"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"output at $.MessageId: expected "other", got "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51""#), result.stdout)
        XCTAssertTrue(result.stdout.contains("states entered: LambdaState → SQSState"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 tests: 0 passed, 1 failed"), result.stdout)
    }

    /// `--junit FILE` writes JUnit XML that a standard parser reads: the suites, the cases, and
    /// a failure for the failed one.
    func testJUnitReportParses() throws {
        try write(Self.awsExample, to: "workflow-tests/aws.test.json")
        try write("""
            {"name": "wrong <status> & more", "machine": "LambdaSQSIntegration", "testCase": "HappyPath", "expect": {"status": "FAILED"}}
            """, to: "workflow-tests/wrong.test.json")
        let result = try host("test", "--junit", "report.xml")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            assert root.tag == "testsuites", root.tag
            print(root.get("tests"), root.get("failures"))
            for suite in root.findall("testsuite"):
                for case in suite.findall("testcase"):
                    failure = case.find("failure")
                    print(suite.get("name"), "|", case.get("name"), "|", case.get("classname"), "|",
                          failure.get("message") if failure is not None else "-")
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, workspace.root.appendingPathComponent("report.xml").path]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0, text)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "5 1")
        XCTAssertTrue(lines.contains("workflow-tests/aws.test.json | happy | LambdaSQSIntegration | -"), text)
        XCTAssertTrue(lines.contains("workflow-tests/wrong.test.json | wrong <status> & more | LambdaSQSIntegration | status: expected FAILED, got SUCCEEDED"), text)
    }

    /// Problems in test files are each reported at their place, and nothing runs (exit 2).
    func testInvalidTestFilesAreRefusedAtTheirPlace() throws {
        try write("""
            {"machine": "LambdaSQSIntegration",
             "testCase": "HappyPath",
             "expect": {"status": "DONE", "outptu": 1}}
            """, to: "workflow-tests/bad.test.json")
        try write("""
            {"machine": "LambdaSQSIntegration", "mocks": {"Nowhere": {"0": {"Return": 1}}}}
            """, to: "workflow-tests/nostate.test.json")
        let result = try host("test")
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("workflow-tests/bad.test.json:3:23: 'DONE' is not a status"), result.stderr)
        XCTAssertTrue(result.stderr.contains("workflow-tests/bad.test.json:3:31: unknown field 'outptu'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("workflow-tests/nostate.test.json:1:47: the test case"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// Invocations are numbered per state over the whole execution: Map iterations share the
    /// count (AWS's guide advises MaxConcurrency 1 for that reason), so with three items the
    /// third iteration gets the response of invocation 2.
    func testMapIterationsShareTheInvocationCount() throws {
        try write("""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items", "End": true,
              "Iterator": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Nowhere", "End": true}}}}}}
            """, to: "machines/each.json")
        try write("""
            {"machine": "each", "input": {"items": [1, 2, 3]},
             "mocks": {"Call": {"0-1": {"Return": "early"}, "2": {"Return": "late"}}},
             "expect": {"status": "SUCCEEDED", "output": ["early", "early", "late"], "attempts": {"Call": 3}}}
            """, to: "workflow-tests/each.test.json")
        let result = try host("test")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("1 tests: 1 passed, 0 failed"), result.stdout)
    }
    // MARK: - YAML test files

    /// The AWS example's four tests written in YAML (`*.test.yaml`, docs/testing.md) run as the
    /// JSON ones do: a quoted scalar stays a string, a plain number is a number.
    func testYAMLTestFilesRunAsJSONOnesDo() throws {
        try write("""
            # The AWS example (LambdaSQSIntegration), as YAML.
            - name: happy
              machine: LambdaSQSIntegration
              testCase: HappyPath
              expect:
                status: SUCCEEDED
                output: {MD5OfMessageBody: "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", MessageId: "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}
                path: [LambdaState, SQSState]
                attempts: {LambdaState: 1, SQSState: 1}
            - name: retry
              machine: LambdaSQSIntegration
              testCase: RetryPath
              expect:
                status: SUCCEEDED
                attempts:
                  LambdaState: 4
            - name: timed out on every attempt
              machine: LambdaSQSIntegration
              mocks:
                LambdaState:
                  "0-3":
                    Throw: {Error: Lambda.TimeoutException, Cause: Lambda timed out.}
              expect:
                status: FAILED
                error: Lambda.TimeoutException
                cause: Lambda timed out.
                attempts: {LambdaState: 4}
                notEntered: [SQSState]
            """, to: "workflow-tests/aws.test.yaml")
        // A Choice that takes "Typed" only when each input member has the type it checks.
        try write("""
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"And": [
                  {"Variable": "$.count", "NumericEquals": 3}, {"Variable": "$.ratio", "NumericEquals": 0.5},
                  {"Variable": "$.flag", "BooleanEquals": true}, {"Variable": "$.nothing", "IsNull": true},
                  {"Variable": "$.code", "StringEquals": "200"}], "Next": "Typed"}], "Default": "Untyped"},
              "Typed": {"Type": "Succeed"}, "Untyped": {"Type": "Fail", "Error": "Untyped"}}}
            """, to: "machines/Typed.json")
        try write("""
            name: typed values
            machine: Typed
            input: {count: 3, ratio: 0.5, flag: true, nothing: null, code: "200"}
            expect: {status: SUCCEEDED, path: [Check, Typed]}
            """, to: "workflow-tests/typed.test.yml")
        let result = try host("test")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("4 tests: 4 passed, 0 failed"), result.stdout)
        XCTAssertTrue(result.stdout.contains("PASS typed values"), result.stdout)
    }

    /// Problems in a YAML file are reported at their line and column, as in a JSON file; a
    /// syntax error names its place.
    func testYAMLProblemsAreLocated() throws {
        try write("""
            machine: LambdaSQSIntegration
            testCase: HappyPath
            expect:
              status: DONE
              outptu: 1
            """, to: "workflow-tests/bad.test.yaml")
        let bad = try host("test", "workflow-tests/bad.test.yaml")
        XCTAssertEqual(bad.status, 2, bad.stdout + bad.stderr)
        XCTAssertTrue(bad.stderr.contains("workflow-tests/bad.test.yaml:4:11: 'DONE' is not a status"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("workflow-tests/bad.test.yaml:5:3: unknown field 'outptu'"), bad.stderr)
        try write("machine: [LambdaSQSIntegration\n", to: "workflow-tests/broken.test.yaml")
        let broken = try host("test", "workflow-tests/broken.test.yaml")
        XCTAssertEqual(broken.status, 2, broken.stdout + broken.stderr)
        XCTAssertTrue(broken.stderr.contains("workflow-tests/broken.test.yaml:2:"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("not valid YAML"), broken.stderr)
    }
}
