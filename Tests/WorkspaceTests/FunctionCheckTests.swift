import Foundation
import Functions
import JSONValue
import TestSupport
import Workspace
import XCTest

/// The functions a definition names in its text, found before anything runs, and what
/// `host run` and `host validate` say of them.
final class FunctionCheckTests: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        workspace = Workspace(root: folder.root)
    }

    override func tearDown() {
        workspace = nil
        folder = nil
    }

    /// A value's column is that of its opening quote (the lines lose the eight spaces of
    /// the literal's indentation).
    static let definition = """
        {
          "StartAt": "Call",
          "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Good", "Next": "Invoke"},
            "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Late:prod", "Payload.$": "$"},
                       "Next": "Dynamic"},
            "Dynamic": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName.$": "$.function"}, "Next": "Fan"},
            "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
              {"StartAt": "Inner", "States": {"Inner": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Missing", "End": true}}}]},
            "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Item", "States": {
              "Item": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Broken", "End": true}}}}
          }
        }
        """

    func write(_ text: String, to name: String) throws -> URL {
        let url = folder.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testReferencesAreFoundInEveryScopeWithTheirPlaces() throws {
        let references = FunctionReference.all(in: try JSONDocument.parse(Self.definition))
        XCTAssertEqual(references.map(\.name), ["Good", "Late", "Missing", "Broken"])
        XCTAssertEqual(references.map(\.path.jsonPathDescription), [
            "$.States.Call.Resource",
            "$.States.Invoke.Parameters.FunctionName",
            "$.States.Fan.Branches[0].States.Inner.Resource",
            "$.States.Each.ItemProcessor.States.Item.Resource",
        ])
        XCTAssertEqual(references.map(\.location), [
            SourceLocation(line: 4, column: 42), SourceLocation(line: 6, column: 47),
            SourceLocation(line: 11, column: 77), SourceLocation(line: 13, column: 44),
        ])
    }

    /// A JSONata state writes FunctionName in Arguments; an expression names nothing yet.
    func testJSONataArguments() throws {
        let references = FunctionReference.all(in: try JSONDocument.parse("""
            {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "Plain"}, "Next": "B"},
              "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "{% $states.input.f %}"}, "End": true}}}
            """))
        XCTAssertEqual(references.map(\.name), ["Plain"])
        XCTAssertEqual(references.first?.path, ["States", "A", "Arguments", "FunctionName"])
    }

    func testRunRefusesOnlyUnusableSidecars() throws {
        try folder.addFunction("Good", "function handler() return 1 end")
        try folder.addFunction("Late", "function handler() return 1 end", configuration: #"{"timeout": 1000}"#)
        // A script that does not parse is the call's Runtime.UserCodeSyntaxError, as on AWS.
        try folder.addFunction("Broken", "function handler( return 1 end")
        let url = try write(Self.definition, to: "machines/flow.json")
        let machine = try Workspace.loadMachine(at: url, displayPath: "machines/flow.json")
        XCTAssertEqual(workspace.unusableFunctions(of: machine),
                       ["functions/Late.json:1:13: error: 'timeout' must be a whole number from 1 to 900"])
    }

    func testValidateReportsMissingFunctionsScriptsAndSidecars() throws {
        try folder.addFunction("Good", "function handler() return 1 end")
        try folder.addFunction("Late", "function handler() return 1 end", configuration: #"{"timeout": 1000}"#)
        try folder.addFunction("Broken", "function handler()\n  return (1\nend\n", configuration: #"{"memorySize": 64}"#)
        let check = workspace.checkFunctions(inDefinitionAt: try write(Self.definition, to: "machines/flow.json"))
        XCTAssertEqual(check.missing.map { $0.formatted(file: "machines/flow.json") }, [
            "machines/flow.json:11:77: error: no function 'Missing': functions/Missing.lua does not exist (at $.States.Fan.Branches[0].States.Inner.Resource)",
        ])
        XCTAssertEqual(check.functions.map(\.name), ["Late", "Broken"])
        XCTAssertEqual(check.functions.first?.problems, ["functions/Late.json:1:13: error: 'timeout' must be a whole number from 1 to 900"])
        // `(1` is not closed when `end` (line 3, column 1) comes; `memorySize` 64 is under 128.
        let broken = check.functions.last?.problems ?? []
        XCTAssertEqual(broken.count, 2, "\(broken)")
        XCTAssertTrue(broken.first?.hasPrefix("functions/Broken.json:1:16: error: ") ?? false, "\(broken)")
        XCTAssertTrue(broken.last?.hasPrefix("functions/Broken.lua:3:1: error: ") ?? false, "\(broken)")
        XCTAssertTrue(broken.last?.hasSuffix("near 'end'") ?? false, "\(broken)")
    }

    func testAValidWorkspaceHasNothingToSay() throws {
        for name in ["Good", "Late", "Missing", "Broken"] { try folder.addFunction(name, "function handler() return 1 end") }
        XCTAssertTrue(workspace.checkFunctions(inDefinitionAt: try write(Self.definition, to: "machines/flow.json")).isEmpty)
    }
}
