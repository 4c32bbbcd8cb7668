import Engine
import Foundation
import TestSupport
import Workspace
import XCTest

/// DescribeExecution of an execution running in this process is answered from memory: it must
/// be what the store answers, and an ended execution never reads as RUNNING.
final class RunningDescriptionTests: XCTestCase {
    func testARunningExecutionIsDescribedAsTheStoreDescribesItAndEndedOnceItsEndIsAnswered() async throws {
        let folder = try TemporaryWorkspace()
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try #"{"StartAt": "Park", "States": {"Park": {"Type": "Wait", "Seconds": 600, "End": true}}}"#
            .write(to: machines.appendingPathComponent("park.json"), atomically: true, encoding: .utf8)
        let workspace = Workspace(root: folder.root)
        defer { try? workspace.close() }
        let service = workspace.stepFunctions
        let (started, running) = try await service.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:park", name: "described", input: #"{"a":[1,2]}"#)
        let described = try await service.describeExecution(arn: started.executionArn)
        let stored = try workspace.describeExecution(try XCTUnwrap(try workspace.stores().executions.execution(arn: started.executionArn)))
        XCTAssertEqual(described, stored)
        XCTAssertEqual(described.status, .running)
        XCTAssertEqual(described.input, #"{"a":[1,2]}"#)
        XCTAssertEqual(described.startDate, started.startDate)

        // StopExecution answers once the end is stored; DescribeExecution then says so.
        _ = try await service.stopExecution(arn: started.executionArn)
        let stopped = try await service.describeExecution(arn: started.executionArn)
        XCTAssertEqual(stopped.status, .aborted)
        _ = try await XCTUnwrap(running).result.get()
        let ended = try await service.describeExecution(arn: started.executionArn)
        XCTAssertEqual(ended.status, .aborted)
    }
}
