import Foundation
import TestSupport
import Workspace
import XCTest

/// Execution and state machine names, as docs/history.md ("Execution names") gives
/// StartExecution's rules: 1 to 80 characters, no whitespace, none of
/// `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /`, no control characters (U+0000–001F,
/// U+007F–009F, U+FFFE–FFFF), no U+10FFFF.
final class ResourceNameTests: XCTestCase {
    func testTheUsualNamesAndOtherLettersAreValid() {
        for name in ["run-1_A", "0", String(repeating: "a", count: 80), "café", "заказ", "订单-7", "a.b(c)@d!e'f=g+h"] {
            XCTAssertNil(ResourceName.problem(with: name), name)
        }
    }

    func testEachForbiddenCharacterWhitespaceAndControlCharacterIsRefused() {
        let refused = Array("<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)
            + [" ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}",
               "\u{10FFFF}"]
        for scalar in refused {
            let name = "run" + String(Character(scalar)) + "1"
            XCTAssertEqual(ResourceName.problem(with: name), "a name cannot contain '\(scalar.escaped(asASCII: true))'",
                           "U+\(String(scalar.value, radix: 16))")
        }
    }

    /// The characters just outside the refused ranges are letters like any other.
    func testTheNeighboursOfTheRefusedRangesAreValid() {
        for scalar: Unicode.Scalar in ["\u{A1}", "\u{FFFD}", "\u{10000}", "\u{10FFFD}"] {
            XCTAssertNil(ResourceName.problem(with: "run" + String(Character(scalar))), "U+\(String(scalar.value, radix: 16))")
        }
    }

    /// StartExecution and CreateStateMachine answer such a name with InvalidName, and start or
    /// create nothing.
    func testStartExecutionAndCreateStateMachineRefuseANonCharacterWithInvalidName() async throws {
        let folder = try TemporaryWorkspace()
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        let definition = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        try definition.write(to: machines.appendingPathComponent("pass.json"), atomically: true, encoding: .utf8)
        let workspace = Workspace(root: folder.root)
        defer { try? workspace.close() }
        let service = workspace.stepFunctions
        let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:pass"
        for name in ["run\u{FFFE}", "run\u{FFFF}", "\u{10FFFF}"] {
            do {
                _ = try await service.startExecution(stateMachineArn: machineArn, name: name, input: "{}")
                XCTFail("StartExecution took the name \(name.debugDescription)")
            } catch {
                XCTAssertEqual(error, ServiceError(.invalidName, "Invalid Name: '\(name)'"))
            }
            do {
                _ = try service.createStateMachine(name: name, definition: definition, roleArn: "arn:aws:iam::123456789012:role/R")
                XCTFail("CreateStateMachine took the name \(name.debugDescription)")
            } catch {
                XCTAssertEqual(error, ServiceError(.invalidName, "Invalid Name: '\(name)'"))
            }
        }
        XCTAssertEqual(try service.listExecutions(stateMachineArn: machineArn).items.count, 0)
    }

    func testLengthIsOneToEightyCharacters() {
        XCTAssertEqual(ResourceName.problem(with: ""), "a name has 1 to 80 characters")
        XCTAssertEqual(ResourceName.problem(with: String(repeating: "a", count: 81)), "a name has 1 to 80 characters")
    }
}
