import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host run --output json`, `host executions describe` and a function's `describe_execution`
/// print DescribeExecution exactly as the API returns it, so that a script written against
/// `aws stepfunctions describe-execution` works unchanged. The members, their order and their
/// types follow the API reference's response shape (executionArn, stateMachineArn, name,
/// status, startDate, stopDate, input, inputDetails, output, outputDetails, ..., error, cause,
/// ..., redriveCount, redriveDate, redriveStatus, redriveStatusReason): `input` and `output` are
/// JSON text, dates are epoch seconds, members without a value are left out. "If you have not
/// yet redriven an execution, the redriveCount is 0"; a SUCCEEDED execution is NOT_REDRIVABLE
/// with the reason "Execution is SUCCEEDED and cannot be redriven"; a FAILED one within 14 days
/// is REDRIVABLE (RedriveExecution's conditions).
final class DescribeExecutionTests: RunTestCase {
    static let succeededKeys = ["executionArn", "stateMachineArn", "name", "status", "startDate", "stopDate", "input",
                                "inputDetails", "output", "outputDetails", "redriveCount", "redriveStatus", "redriveStatusReason"]
    static let failedKeys = ["executionArn", "stateMachineArn", "name", "status", "startDate", "stopDate", "input",
                             "inputDetails", "error", "cause", "redriveCount", "redriveStatus"]

    /// `host run ... --output json` without `--history`.
    private func run(_ machine: String, input: String, name: String, status: Int32) throws -> JSONValue {
        let result = try host("run", machine, "--input", input, "--name", name, "--virtual-clock", "--output", "json")
        XCTAssertEqual(result.status, status, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return try JSONValue.parse(result.stdout)
    }

    private func keys(_ value: JSONValue) -> [String] { value.objectValue.map { Array($0.keys) } ?? [] }

    func testSucceededExecution() throws {
        let printed = try run(Self.apiMachine, input: #"{"statuscode": "200"}"#, name: "ok", status: 0)
        XCTAssertEqual(keys(printed), Self.succeededKeys)
        XCTAssertEqual(printed["executionArn"], "arn:aws:states:us-east-1:123456789012:execution:MyAPIStateMachine:ok")
        XCTAssertEqual(printed["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:MyAPIStateMachine")
        XCTAssertEqual(printed["name"], "ok")
        XCTAssertEqual(printed["status"], "SUCCEEDED")
        XCTAssertEqual(printed["input"], .string(#"{"statuscode":"200"}"#))
        XCTAssertEqual(printed["inputDetails"], ["included": true])
        XCTAssertEqual(printed["output"], .string(#""The request has succeeded.""#))
        XCTAssertEqual(printed["outputDetails"], ["included": true])
        XCTAssertEqual(printed["redriveCount"], 0)
        XCTAssertEqual(printed["redriveStatus"], "NOT_REDRIVABLE")
        XCTAssertEqual(printed["redriveStatusReason"], "Execution is SUCCEEDED and cannot be redriven")
        // Epoch seconds with milliseconds, as numbers.
        let start = try XCTUnwrap(printed["startDate"]?.doubleValue), stop = try XCTUnwrap(printed["stopDate"]?.doubleValue)
        XCTAssertLessThan(abs(start - testStart.timeIntervalSince1970), 300)
        XCTAssertEqual(start * 1000, (start * 1000).rounded(), accuracy: 0.001, "milliseconds at most")
        XCTAssertLessThanOrEqual(start, stop)

        // Another process describes it the same, member for member.
        let described = try JSONValue.parse(try hostSucceeds("executions", "describe", "ok").stdout)
        XCTAssertEqual(described, printed)
        XCTAssertEqual(keys(described), Self.succeededKeys)
    }

    func testFailedExecution() throws {
        let printed = try run(Self.apiMachine, input: #"{"statuscode":"503"}"#, name: "down", status: 1)
        XCTAssertEqual(keys(printed), Self.failedKeys)
        XCTAssertEqual(printed["error"], "ServerUnavailable")
        XCTAssertEqual(printed["cause"], "The server is currently unable to handle the request.")
        XCTAssertEqual(printed["redriveStatus"], "REDRIVABLE")
        XCTAssertNil(printed["output"], "set only if the execution succeeds")
        let described = try JSONValue.parse(try hostSucceeds("executions", "describe", "down").stdout)
        XCTAssertEqual(described, printed)
    }

    /// `--history` adds the events as GetExecutionHistory returns them, after the rest.
    func testHistoryIsAddedLast() throws {
        let run = try runMachine(Self.apiMachine, input: #"{"statuscode":"200"}"#, name: "with-history", status: 0)
        XCTAssertEqual(keys(run.describe), Self.succeededKeys + ["history"])
        XCTAssertEqual(run.events.map(\.type).first, "ExecutionStarted")
        guard case .object(var object) = run.describe else { return XCTFail("not an object") }
        object["history"] = nil
        XCTAssertEqual(try JSONValue.parse(try hostSucceeds("executions", "describe", "with-history").stdout), .object(object))
    }

    /// A function's `aws.client("stepfunctions").describe_execution` answers the same.
    func testFunctionsSeeTheSameDescription() throws {
        try workspace.addFunction("Describer", """
            function handler(event, context)
              return aws.client("stepfunctions").describe_execution({executionArn = event.arn})
            end
            """, configuration: """
            {"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "states:DescribeExecution",
              "Resource": "arn:aws:states:us-east-1:123456789012:execution:MyAPIStateMachine:*"}]}}
            """)
        _ = try run(Self.apiMachine, input: #"{"statuscode":"503"}"#, name: "seen", status: 1)
        let arn = "arn:aws:states:us-east-1:123456789012:execution:MyAPIStateMachine:seen"
        let answer = try JSONValue.parse(try hostSucceeds("invoke", "Describer", "--event", #"{"arn": "\#(arn)"}"#).stdout)
        let described = try JSONValue.parse(try hostSucceeds("executions", "describe", arn).stdout)
        // Lua tables have no key order: the members compare as a set, and each value exactly.
        XCTAssertEqual(Set(keys(answer)), Set(Self.failedKeys))
        for key in Self.failedKeys { XCTAssertEqual(answer[key], described[key], key) }
    }

    /// `--output text`: a line a member, `NAME<TAB>VALUE`, dates in ISO 8601.
    func testDescribeAsText() throws {
        let printed = try run(Self.apiMachine, input: #"{"statuscode":"503"}"#, name: "as-text", status: 1)
        let text = try hostSucceeds("executions", "describe", "as-text", "--output", "text").stdout
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        XCTAssertEqual(rows.map(\.first), Self.failedKeys)
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0.count > 1 ? $0[1] : "") })
        XCTAssertEqual(values["status"], "FAILED")
        XCTAssertEqual(values["input"], #"{"statuscode":"503"}"#)
        XCTAssertEqual(values["cause"], "The server is currently unable to handle the request.")
        let start = try Date(try XCTUnwrap(values["startDate"]), strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        XCTAssertEqual(start.timeIntervalSince1970, try XCTUnwrap(printed["startDate"]?.doubleValue), accuracy: 0.0005)
    }
}
