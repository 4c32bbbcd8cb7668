import Foundation
import TestSupport
import XCTest

/// `host validate` accepts folders (every `*.json` in them) and checks that every function a
/// Task names exists in `functions/`, that its Lua compiles and that its sidecar is valid;
/// each problem is one line `FILE:LINE:COLUMN: error: MESSAGE`, and the status is 1 when
/// anything is invalid.
final class ValidateFunctionsTests: HostCLITestCase {
    /// The repository's seed machines with the functions they name.
    static let seedFiles = ["machines/MyAPIStateMachine.json", "machines/TestErrorHandling.json",
                            "functions/MockAPIFunction.lua", "functions/Test.lua", "functions/Error.lua"]

    /// Seed 004's script as pasted: the `error(...)` on line 6 follows a `return`, which
    /// must end its block; `error` begins in column 5, after four spaces.
    static let seed004Script = """
        local UnknownException = exception("UnknownException")
        function handler(event, context)
          local statuscode = event.statuscode
          if statuscode == "200" then
            return "200 OK"
            error(UnknownException("Unknown error"))
          end
        end
        """

    /// A definition naming a function `Gone` twice: by ARN (the value begins at 6:19) and as
    /// lambda:invoke's FunctionName (12:38), columns counted from each line's start.
    static let namesGone = """
        {
          "StartAt": "Call",
          "States": {
            "Call": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Gone",
              "Next": "Again"
            },
            "Again": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "Gone", "Payload.$": "$"},
              "End": true
            }
          }
        }
        """

    func write(_ text: String, to name: String) throws {
        let url = workspace.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func lines(_ output: String) -> [String] { output.split(separator: "\n").map(String.init) }

    func testAFolderIsEveryJSONFileInIt() throws {
        for file in Self.seedFiles { try workspace.copy(fromRepository: file) }
        try write("not a definition", to: "machines/notes.txt")
        let result = try hostSucceeds("validate", "machines/")
        XCTAssertEqual(lines(result.stdout), ["machines/MyAPIStateMachine.json: valid", "machines/TestErrorHandling.json: valid"])
        // Without the trailing slash, the same.
        XCTAssertEqual(try hostSucceeds("validate", "machines").stdout, result.stdout)
        assertNoState()
    }

    func testAMissingFunctionIsReportedWhereTheDefinitionNamesIt() throws {
        try write(Self.namesGone, to: "machines/Gone.json")
        let result = try host("validate", "machines/Gone.json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let found = lines(result.stdout)
        XCTAssertEqual(found.count, 2, result.stdout)
        XCTAssertTrue(found[0].hasPrefix("machines/Gone.json:6:19: error: "), result.stdout)
        XCTAssertTrue(found[0].hasSuffix("(at $.States.Call.Resource)"), result.stdout)
        XCTAssertTrue(found[1].hasPrefix("machines/Gone.json:12:38: error: "), result.stdout)
        XCTAssertTrue(found[1].hasSuffix("(at $.States.Again.Parameters.FunctionName)"), result.stdout)
        for line in found { XCTAssertTrue(line.contains("Gone") && line.contains("functions/Gone.lua"), line) }
    }

    func testAScriptThatDoesNotCompileIsLocated() throws {
        for file in Self.seedFiles { try workspace.copy(fromRepository: file) }
        try write(Self.seed004Script, to: "functions/MockAPIFunction.lua")
        let result = try host("validate", "machines/MyAPIStateMachine.json", "machines/TestErrorHandling.json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let found = lines(result.stdout)
        XCTAssertEqual(found.count, 2, result.stdout)
        XCTAssertTrue(found[0].hasPrefix("functions/MockAPIFunction.lua:6:5: error: "), result.stdout)
        XCTAssertTrue(found[0].hasSuffix("near 'error'"), result.stdout)
        XCTAssertEqual(found[1], "machines/TestErrorHandling.json: valid")
    }

    /// Each function's problems are printed once, however many definitions name it.
    func testAFunctionsProblemsArePrintedOnce() throws {
        try workspace.addFunction("Shared", "function handler() return 1 end", configuration: #"{"timeout": 1000}"#)
        for name in ["One", "Two"] {
            try write(#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Shared", "End": true}}}"#,
                      to: "machines/\(name).json")
        }
        let result = try host("validate", "machines")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(lines(result.stdout).filter { $0.hasPrefix("functions/Shared.json:1:13: error: ") }.count, 1, result.stdout)
        XCTAssertFalse(result.stdout.contains(": valid"), result.stdout)
    }

    /// A function's own files, or the functions/ folder, check the functions themselves.
    func testFunctionFilesCheckTheirFunction() throws {
        try workspace.addFunction("Good", "function handler() return 1 end")
        try workspace.addFunction("Broken", Self.seed004Script, configuration: #"{"memorySize": 64}"#)
        XCTAssertEqual(try hostSucceeds("validate", "functions/Good.lua").stdout, "functions/Good.lua: valid\n")
        let broken = try host("validate", "functions/Broken.json")
        XCTAssertEqual(broken.status, 1)
        // `{"memorySize": 64}`: 64 begins in column 16, and is under Lambda's 128.
        XCTAssertEqual(lines(broken.stdout).map { $0.components(separatedBy: ": error: ").first ?? "" },
                       ["functions/Broken.json:1:16", "functions/Broken.lua:6:5"])
        let folder = try host("validate", "functions/")
        XCTAssertEqual(folder.status, 1)
        XCTAssertEqual(lines(folder.stdout).map { $0.components(separatedBy: ": ").first ?? "" },
                       ["functions/Broken.json:1:16", "functions/Broken.lua:6:5", "functions/Good.lua"])
    }

    /// Problems of a function's files are named from where the command runs.
    func testPlacesAreNamedFromTheCurrentFolder() throws {
        try write(Self.namesGone, to: "machines/Gone.json")
        try workspace.addFunction("Gone", "function handler(", configuration: #"{"timeout": 0}"#)
        let result = try runHost(["validate", "Gone.json"], in: workspace.root.appendingPathComponent("machines"))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(lines(result.stdout).map { $0.components(separatedBy: ": error: ").first ?? "" },
                       ["../functions/Gone.json:1:13", "../functions/Gone.lua:1:18"])
    }

    /// Outside any workspace the definition is still checked, and the command says that the
    /// functions were not.
    func testWithoutAWorkspaceTheFunctionsAreNotChecked() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("host-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try Self.namesGone.write(to: elsewhere.appendingPathComponent("Gone.json"), atomically: true, encoding: .utf8)
        let result = try runHost(["validate", "Gone.json"], in: elsewhere)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "Gone.json: valid\n")
        XCTAssertTrue(result.stderr.hasPrefix("host: no workspace"), result.stderr)
        XCTAssertTrue(result.stderr.contains("not checked"), result.stderr)
        // Given a workspace, they are.
        let given = try runHost(["validate", "--workspace", workspace.root.path, "Gone.json"], in: elsewhere)
        XCTAssertEqual(given.status, 1, given.stderr)
        XCTAssertTrue(given.stdout.hasPrefix("Gone.json:6:19: error: "), given.stdout)
    }
}
