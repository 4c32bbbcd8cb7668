import Foundation
import JSONValue
import TestSupport
import XCTest

/// A Distributed Map run by `host run`: its STANDARD child executions are stored like other
/// executions, under the Map Run's labelled state machine, with their own histories and the
/// item processor they ran (docs/distributed-map.md).
final class DistributedMapCLITests: RunTestCase {
    private func writeMachine(executionType: String) throws -> String {
        let path = "machines/Fan\(executionType).json"
        try """
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Items", "MaxConcurrency": 2,
              "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "\(executionType)"},
                "StartAt": "Keep", "States": {"Keep": {"Type": "Pass", "OutputPath": "$.value", "End": true}}},
              "End": true}}}
            """.write(to: workspace.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        return path
    }

    func testStandardChildrenAreStoredWithTheirHistories() throws {
        let run = try runMachine(try writeMachine(executionType: "STANDARD"), input: #"["a", "b", "c"]"#, name: "parent", status: 0)
        XCTAssertEqual(run.output, ["a", "b", "c"])
        XCTAssertEqual(run.types, ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                                   "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        let mapRunArn = try XCTUnwrap(run.events.first { $0.type == "MapRunStarted" }?.details?["mapRunArn"]?.stringValue)
        XCTAssertTrue(mapRunArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:FanSTANDARD/Items:"), mapRunArn)

        let listed = try JSONValue.parse(try hostSucceeds("executions", "list", "--machine", "FanSTANDARD/Items", "--output", "json").stdout)
        let children = try XCTUnwrap(listed["executions"]?.arrayValue)
        XCTAssertEqual(children.count, 3)
        for child in children {
            let arn = try XCTUnwrap(child["executionArn"]?.stringValue)
            XCTAssertTrue(arn.hasPrefix("arn:aws:states:us-east-1:123456789012:execution:FanSTANDARD/Items:"), arn)
            XCTAssertEqual(child["status"], "SUCCEEDED")
            let history = try JSONValue.parse(try hostSucceeds("executions", "history", arn, "--output", "json").stdout)
            XCTAssertEqual(history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue },
                           ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
            // The child's input is what ItemSelector gave for its item.
            let described = try JSONValue.parse(try hostSucceeds("executions", "describe", arn).stdout)
            let input = try JSONValue.parse(try XCTUnwrap(described["input"]?.stringValue))
            XCTAssertEqual(described["output"]?.stringValue.flatMap { try? JSONValue.parse($0) }, input["value"])
            let machine = try JSONValue.parse(try hostSucceeds("executions", "describe-state-machine", arn).stdout)
            XCTAssertEqual(machine["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:FanSTANDARD/Items")
            XCTAssertEqual(try machine["definition"]?.stringValue.map { try JSONValue.parse($0) }?["StartAt"], "Keep")
            XCTAssertEqual(machine["roleArn"], "arn:aws:iam::123456789012:role/service-role/StepFunctions-FanSTANDARD-role")
        }
        XCTAssertEqual(Set(try children.map { try JSONValue.parse(try hostSucceeds("executions", "describe", $0["executionArn"]!.stringValue!).stdout)["input"] }),
                       [#"{"value":"a","index":0}"#, #"{"value":"b","index":1}"#, #"{"value":"c","index":2}"#])
    }

    /// Express executions keep no history the API can read; nor do EXPRESS children.
    func testExpressChildrenAreNotStored() throws {
        let run = try runMachine(try writeMachine(executionType: "EXPRESS"), input: #"["a"]"#, name: "parent", status: 0)
        XCTAssertEqual(run.output, ["a"])
        let listed = try JSONValue.parse(try hostSucceeds("executions", "list", "--output", "json").stdout)
        XCTAssertEqual(listed["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["parent"])
    }

    /// A malformed ItemReader is refused before anything runs, at its place: an
    /// `s3:getObject` reader must say what the object holds ("ItemReader (Map)").
    func testAMalformedItemReaderIsRefusedWhereItIs() throws {
        let path = "machines/Reader.json"
        try """
            {"StartAt": "Map", "States": {"Map": {"Type": "Map",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k.json"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """.write(to: workspace.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        let result = try host("run", path)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("\(path):2:17: error:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("needs 'ReaderConfig' with its 'InputType'"), result.stderr)
        let validated = try host("validate", path)
        XCTAssertNotEqual(validated.status, 0)
        XCTAssertTrue((validated.stdout + validated.stderr).contains("\(path):2:17"), validated.stdout + validated.stderr)
    }

    /// `host run` of a Distributed Map over a CSV object in `buckets/`, batched two items a
    /// child, its results written back: the output names the manifest at
    /// `<Prefix>/<Map Run id>/manifest.json`, the manifest names SUCCEEDED_0.json, which holds
    /// both children's executions, and the Map Run counts 3 items in 2 executions, all
    /// written ("ItemReader (Map)", "ItemBatcher (Map)", "ResultWriter (Map)", DescribeMapRun).
    func testADistributedMapReadsACSVFromTheBucketsAndWritesItsResults() throws {
        let buckets = workspace.root.appendingPathComponent("buckets")
        try FileManager.default.createDirectory(at: buckets.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: buckets.appendingPathComponent("out"), withIntermediateDirectories: true)
        try "title,year\n\"Up, Up\",2020\nDown,2021\nSide,2022\n".write(to: buckets.appendingPathComponent("data/titles.csv"), atomically: true, encoding: .utf8)
        let path = "machines/Titles.json"
        try """
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Titles",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                             "Parameters": {"Bucket": "data", "Key": "titles.csv"}},
              "ItemBatcher": {"MaxItemsPerBatch": 2},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "jobs"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Count", "States": {"Count": {"Type": "Pass", "Parameters": {"count.$": "States.ArrayLength($.Items)"}, "End": true}}},
              "End": true}}}
            """.write(to: workspace.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        let run = try runMachine(path, input: "{}", name: "titles", status: 0)
        let mapRunArn = try XCTUnwrap(run.events.first { $0.type == "MapRunStarted" }?.details?["mapRunArn"]?.stringValue)
        let id = try XCTUnwrap(mapRunArn.split(separator: ":").last.map(String.init))
        XCTAssertEqual(run.output, ["MapRunArn": .string(mapRunArn), "ResultWriterDetails": ["Bucket": "out", "Key": .string("jobs/\(id)/manifest.json")]])

        let folder = buckets.appendingPathComponent("out/jobs/\(id)")
        let manifest = try JSONValue.parse(try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8))
        let results = try String(contentsOf: folder.appendingPathComponent("SUCCEEDED_0.json"), encoding: .utf8)
        XCTAssertEqual(manifest["ResultFiles"]?["SUCCEEDED"], [["Key": .string("jobs/\(id)/SUCCEEDED_0.json"), "Size": .int(Int64(results.utf8.count))]])
        let entries = try XCTUnwrap(JSONValue.parse(results).arrayValue)
        XCTAssertEqual(Set(entries.compactMap { $0["Output"]?.stringValue }), [#"{"count":2}"#, #"{"count":1}"#])
        XCTAssertEqual(Set(entries.compactMap { $0["Input"]?.stringValue }), [
            #"{"Items":[{"title":"Up, Up","year":"2020"},{"title":"Down","year":"2021"}]}"#, #"{"Items":[{"title":"Side","year":"2022"}]}"#,
        ])

        let described = try JSONValue.parse(try hostSucceeds("executions", "describe", "titles").stdout)
        let mapRun = try XCTUnwrap(described["mapRuns"]?.arrayValue?.first)
        XCTAssertEqual(mapRun["itemCounts"], ["pending": 0, "running": 0, "succeeded": 3, "failed": 0, "timedOut": 0, "aborted": 0,
                                              "total": 3, "resultsWritten": 3, "failuresNotRedrivable": 0, "pendingRedrive": 0])
        XCTAssertEqual(mapRun["executionCounts"], ["pending": 0, "running": 0, "succeeded": 2, "failed": 0, "timedOut": 0, "aborted": 0,
                                                   "total": 2, "resultsWritten": 2, "failuresNotRedrivable": 0, "pendingRedrive": 0])
    }

    /// `host executions describe` of a parent shows its Map Run with its counts, worked out
    /// by hand: of 4 items, "fail" fails its child and one failure is tolerated, so 3
    /// succeeded and 1 failed; `host executions list --map-run` lists that Map Run's children.
    func testDescribeShowsTheMapRunsCountsAndListsItsChildren() throws {
        let path = "machines/Tolerant.json"
        try """
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Items", "ToleratedFailureCount": 1,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "fail", "Next": "Fail"}], "Default": "Done"},
                  "Fail": {"Type": "Fail", "Error": "ItemFailed"},
                  "Done": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """.write(to: workspace.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        let run = try runMachine(path, input: #"["a", "fail", "b", "c"]"#, name: "parent", status: 0)
        let mapRunArn = try XCTUnwrap(run.events.first { $0.type == "MapRunStarted" }?.details?["mapRunArn"]?.stringValue)

        let text = try hostSucceeds("executions", "describe", "parent", "--output", "text").stdout
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("mapRun\t") })
        XCTAssertEqual(String(line), "mapRun\t\(mapRunArn)\tSUCCEEDED\ttotal 4: pending 0, running 0, succeeded 3, failed 1, timedOut 0, aborted 0")

        let described = try JSONValue.parse(try hostSucceeds("executions", "describe", "parent").stdout)
        let mapRun = try XCTUnwrap(described["mapRuns"]?.arrayValue?.first)
        XCTAssertEqual(described["mapRuns"]?.arrayValue?.count, 1)
        XCTAssertEqual(mapRun["mapRunArn"]?.stringValue, mapRunArn)
        XCTAssertEqual(mapRun["status"], "SUCCEEDED")
        XCTAssertEqual(mapRun["toleratedFailureCount"], 1)
        for counts in ["itemCounts", "executionCounts"] {
            XCTAssertEqual(mapRun[counts], ["pending": 0, "running": 0, "succeeded": 3, "failed": 1, "timedOut": 0, "aborted": 0,
                                            "total": 4, "resultsWritten": 0, "failuresNotRedrivable": 0, "pendingRedrive": 0])
        }

        let listed = try JSONValue.parse(try hostSucceeds("executions", "list", "--map-run", mapRunArn, "--output", "json").stdout)
        let children = try XCTUnwrap(listed["executions"]?.arrayValue)
        XCTAssertEqual(children.compactMap { $0["status"]?.stringValue }.sorted(), ["FAILED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
        XCTAssertEqual(Set(children.compactMap { $0["mapRunArn"]?.stringValue }), [mapRunArn])
        let failed = try hostSucceeds("executions", "list", "--map-run", mapRunArn, "--status", "FAILED").stdout
        XCTAssertEqual(failed.split(separator: "\n").count, 1)
        // A child's DescribeExecution names its Map Run.
        let child = try XCTUnwrap(children.first?["executionArn"]?.stringValue)
        XCTAssertEqual(try JSONValue.parse(try hostSucceeds("executions", "describe", child).stdout)["mapRunArn"]?.stringValue, mapRunArn)

        let unknown = try host("executions", "list", "--map-run", "arn:aws:states:us-east-1:123456789012:mapRun:Tolerant/Items:none")
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("Resource not found: 'arn:aws:states:us-east-1:123456789012:mapRun:Tolerant/Items:none'"), unknown.stderr)
        let both = try host("executions", "list", "--map-run", mapRunArn, "--machine", "Tolerant")
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.contains("give --machine or --map-run, not both"), both.stderr)
    }
}
