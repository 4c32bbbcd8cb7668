import Engine
import Foundation
import TestSupport
import Workspace
import XCTest

/// StartExecution of a machine of `machines/` reads and validates its file once, and again
/// whenever the file changes: an execution always runs the file as it is when it starts.
final class MachineFileCacheTests: XCTestCase {
    private let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:answer"

    func testAChangedFileIsRunAsItIsNowAndARemovedOneIsNoLongerFound() async throws {
        let folder = try TemporaryWorkspace()
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        let file = machines.appendingPathComponent("answer.json")
        try Self.definition(result: "first").write(to: file, atomically: true, encoding: .utf8)
        let workspace = Workspace(root: folder.root)
        defer { try? workspace.close() }
        let service = workspace.stepFunctions

        let one = try await output(of: service, name: "one")
        XCTAssertEqual(one, #""first""#)
        let two = try await output(of: service, name: "two")
        XCTAssertEqual(two, #""first""#)

        // Another Result, another size: the next start runs the new definition.
        try Self.definition(result: "second and longer").write(to: file, atomically: true, encoding: .utf8)
        let three = try await output(of: service, name: "three")
        XCTAssertEqual(three, #""second and longer""#)

        // A definition that does not validate is refused, with where it fails.
        try #"{"StartAt": "Missing", "States": {"Answer": {"Type": "Pass", "End": true}}}"#.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try await service.startExecution(stateMachineArn: arn, name: "four")
            XCTFail("an invalid machines/answer.json was started")
        } catch {
            XCTAssertEqual(error.code, .invalidDefinition)
            XCTAssertTrue(error.message.contains("machines/answer.json"), error.message)
        }

        try FileManager.default.removeItem(at: file)
        do {
            _ = try await service.startExecution(stateMachineArn: arn, name: "five")
            XCTFail("a removed machines/answer.json was started")
        } catch {
            XCTAssertEqual(error.code, .stateMachineDoesNotExist)
        }
    }

    private func output(of service: StepFunctions, name: String) async throws -> String? {
        let (started, running) = try await service.startExecution(stateMachineArn: arn, name: name)
        let result = try await XCTUnwrap(running).result.get()
        XCTAssertEqual(result.status, .succeeded)
        return try await service.describeExecution(arn: started.executionArn).output
    }

    private static func definition(result: String) -> String {
        #"{"StartAt": "Answer", "States": {"Answer": {"Type": "Pass", "Result": "\#(result)", "End": true}}}"#
    }
}
