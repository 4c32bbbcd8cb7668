import Foundation
import JSONValue
import TestSupport
import XCTest

/// `host validate FILE...`: every problem of each definition, one line each,
/// `FILE:LINE:COLUMN: error: MESSAGE (at PATH)`; exit 0 when all files are valid, 1 otherwise.
final class ValidateTests: HostCLITestCase {
    /// A diagnostic line, split up.
    struct Printed: Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var path: String
        var description: String { "\(line):\(column): \(message) (at \(path))" }
    }

    /// The lines `host validate` printed for `file`; every line about it must have the form.
    func diagnostics(_ output: String, file: String, sourceFile: StaticString = #filePath, sourceLine: UInt = #line) -> [Printed] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(file + ":") }.compactMap { text in
            let pattern = NSRegularExpression.escapedPattern(for: file) + #":(\d+):(\d+): error: (.+) \(at (\$.*)\)"#
            guard let groups = Self.match(pattern, text) else {
                XCTFail("not FILE:LINE:COLUMN: error: MESSAGE (at PATH): \(text.debugDescription)", file: sourceFile, line: sourceLine)
                return nil
            }
            return Printed(line: Int(groups[1])!, column: Int(groups[2])!, message: groups[3], path: groups[4])
        }
    }

    private func write(_ text: String, to name: String) throws {
        let url = workspace.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    // MARK: - Seed 004: JSON errors

    /// The pasted text starts with `  "Comment": ...`: the string `"Comment"` (columns 3 to 11
    /// of line 1) is a whole JSON text, and the `:` in column 12 is the first character that
    /// cannot continue one.
    func testSeed004PastedDefinitionIsLocated() throws {
        try write(Seeds.definition004, to: "pasted.json")
        let result = try host("validate", "pasted.json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let found = diagnostics(result.stdout, file: "pasted.json")
        XCTAssertEqual(found.count, 1, "a syntax error stops the parse: \(result.stdout)")
        XCTAssertEqual(found.first?.line, 1, result.stdout)
        XCTAssertEqual(found.first?.column, 12, result.stdout)
        XCTAssertTrue(found.first?.message.contains("JSON") ?? false, result.stdout)
        assertNoState()
    }

    /// With the outer braces put back, the next break is in Catch (line 15 of the paste, 16
    /// here): `"Catch": [` is followed by `"ErrorEquals": [...]` without its `{`, so after the
    /// string `"ErrorEquals"` (columns 11 to 23) the `:` in column 24 cannot continue the array.
    func testSeed004WithItsOuterBracesRestored() throws {
        try write("{\n" + Seeds.definition004 + "\n}\n", to: "pasted.json")
        let result = try host("validate", "pasted.json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let found = diagnostics(result.stdout, file: "pasted.json")
        XCTAssertEqual(found.count, 1, result.stdout)
        XCTAssertEqual(found.first?.line, 16, result.stdout)
        XCTAssertEqual(found.first?.column, 24, result.stdout)
        XCTAssertTrue(found.first?.message.contains("JSON") ?? false, result.stdout)
    }

    /// `host run` refuses the pasted definition the same way, exit 2, and runs nothing.
    func testRunRefusesThePastedDefinition() throws {
        try write(Seeds.definition004, to: "machines/Pasted.json")
        let result = try host("run", "machines/Pasted.json", "--input", #"{"statuscode":"200"}"#)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("machines/Pasted.json:1:12: error: "), result.stderr)
        assertNoState()
    }

    // MARK: - Several mistakes at once

    /// Valid JSON with eight problems; each place counted by hand (two spaces an indentation
    /// level: a key at indentation n starts in column n + 1).
    static let manyMistakes = """
        {
          "StartAt": "First",
          "TimeoutSeconds": 0,
          "States": {
            "First": {
              "Type": "Pass",
              "Next": "Nowhere"
            },
            "Pause": {
              "Type": "Wait",
              "Next": "Call"
            },
            "Call": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work",
              "Retry": [ { "ErrorEquals": ["States.ALL", "Custom"] } ],
              "End": true
            },
            "Done": {
              "Type": "Fail",
              "Error": "Oops",
              "Next": "First"
            }
          }
        }
        """

    /// The function Many.json's Task names, so that only the definition's own mistakes count.
    private func addWork() throws {
        try workspace.addFunction("Work", "function handler(event, context) return event end")
    }

    func testEveryMistakeIsListedWithItsPlace() throws {
        try addWork()
        try write(Self.manyMistakes, to: "machines/Many.json")
        let result = try host("validate", "machines/Many.json")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let found = diagnostics(result.stdout, file: "machines/Many.json")
        // (line, column, path, words the message must hold)
        let expected: [(Int, Int, String, [String])] = [
            // `  "TimeoutSeconds": 0`: at least 1 s.
            (3, 21, "$.TimeoutSeconds", ["TimeoutSeconds"]),
            // Next names no state. Where it was meant to go is unknown, so the states nothing
            // else leads to are not also called unreachable: "one wrong Next gives one error,
            // not a cascade of "unreachable" ones" (the issue).
            (7, 15, "$.States.First.Next", ["Nowhere"]),
            // A Wait needs one of Seconds, Timestamp, SecondsPath, TimestampPath; its `{` is
            // in column 14 of `    "Pause": {`.
            (9, 14, "$.States.Pause", ["Seconds"]),
            // "States.ALL must stand alone": the first name is in column 36.
            (16, 36, "$.States.Call.Retry[0].ErrorEquals[0]", ["States.ALL"]),
            // A Fail state is terminal: it has no Next (reported at the key).
            (22, 7, "$.States.Done.Next", ["Next"]),
        ]
        XCTAssertEqual(found.count, expected.count, "every mistake, once each:\n\(result.stdout)")
        for (line, column, path, words) in expected {
            let match = found.first { $0.line == line && $0.column == column && $0.path == path }
            XCTAssertNotNil(match, "no diagnostic at \(line):\(column) (at \(path)) in\n\(result.stdout)")
            for word in words {
                XCTAssertTrue(match?.message.contains(word) ?? true, "\(line):\(column) should mention \(word): \(match?.message ?? "")")
            }
        }
    }

    // MARK: - Several files

    func testSeveralFiles() throws {
        for file in ["machines/MyAPIStateMachine.json", "machines/TestErrorHandling.json", "functions/MockAPIFunction.lua",
                     "functions/Test.lua", "functions/Error.lua"] {
            try workspace.copy(fromRepository: file)
        }
        try addWork()
        let valid = try host("validate", "machines/MyAPIStateMachine.json", "machines/TestErrorHandling.json")
        XCTAssertEqual(valid.status, 0, valid.stdout + valid.stderr)
        XCTAssertFalse(valid.stdout.contains("error:"), valid.stdout)
        XCTAssertEqual(valid.stdout.split(separator: "\n").count, 2, "one line a file: \(valid.stdout)")

        try write(Self.manyMistakes, to: "machines/Many.json")
        try write(Seeds.definition004, to: "pasted.json")
        let mixed = try host("validate", "machines/MyAPIStateMachine.json", "machines/Many.json", "pasted.json", "missing.json")
        XCTAssertEqual(mixed.status, 1)
        XCTAssertEqual(diagnostics(mixed.stdout, file: "machines/Many.json").count, 5, mixed.stdout)
        XCTAssertEqual(diagnostics(mixed.stdout, file: "pasted.json").count, 1, mixed.stdout)
        XCTAssertTrue((mixed.stdout + mixed.stderr).contains("missing.json"), "the unreadable file is named")
        XCTAssertFalse(mixed.stdout.split(separator: "\n").contains { $0.hasPrefix("machines/MyAPIStateMachine.json:") && $0.contains("error") },
                       mixed.stdout)
        assertNoState()
    }

    func testNoFileIsAUsageError() throws {
        assertUsageError(try host("validate"))
    }

    // MARK: - host machines list

    /// ListStateMachines: each definition in machines/ with its ARN (docs/history.md defaults);
    /// one that does not validate is flagged.
    func testMachinesList() throws {
        for file in ["machines/MyAPIStateMachine.json", "machines/TestErrorHandling.json", "functions/MockAPIFunction.lua",
                     "functions/Test.lua", "functions/Error.lua"] {
            try workspace.copy(fromRepository: file)
        }
        try addWork()
        try write(Self.manyMistakes, to: "machines/Many.json")
        let text = try hostSucceeds("machines", "list")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, text.stdout)
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:"
        for name in ["MyAPIStateMachine", "TestErrorHandling", "Many"] {
            let line = lines.first { $0.hasPrefix(name + "\t") }
            XCTAssertTrue(line?.contains(arn + name) ?? false, "\(name): \(text.stdout)")
            XCTAssertEqual(line?.contains("invalid"), name == "Many", "\(name): \(text.stdout)")
        }

        let json = try JSONValue.parse(try hostSucceeds("machines", "list", "--output", "json").stdout)
        let machines = try XCTUnwrap(json["stateMachines"]?.arrayValue)
        XCTAssertEqual(Set(machines.compactMap { $0["name"]?.stringValue }), ["MyAPIStateMachine", "TestErrorHandling", "Many"])
        for machine in machines {
            XCTAssertEqual(machine["stateMachineArn"]?.stringValue, arn + (machine["name"]?.stringValue ?? "?"))
            XCTAssertEqual(machine["type"], "STANDARD")
            XCTAssertNotNil(machine["creationDate"]?.doubleValue)
        }
        assertNoState()
    }
}
