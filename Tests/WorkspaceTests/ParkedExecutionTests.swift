import Engine
import Foundation
import JSONValue
import TestSupport
import Workspace
import XCTest

/// Executions parked in a Wait (`Workspace.parkWaits`, as `host serve` parks them) continue
/// from their stored history with the history an execution that stayed in memory records:
/// the same events, ids and details, and the Wait's end no earlier than its time.
final class ParkedExecutionTests: XCTestCase {
    private static let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:park"

    private func workspace(waitSeconds: Int, parks: Bool) throws -> (Workspace, TemporaryWorkspace) {
        let folder = try TemporaryWorkspace()
        let machines = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: machines, withIntermediateDirectories: true)
        try #"{"StartAt": "Park", "States": {"Park": {"Type": "Wait", "Seconds": \#(waitSeconds), "Next": "Done"}, "Done": {"Type": "Pass", "End": true}}}"#
            .write(to: machines.appendingPathComponent("park.json"), atomically: true, encoding: .utf8)
        let workspace = Workspace(root: folder.root)
        if parks { workspace.parkWaits(longerThan: 0.5) }
        return (workspace, folder)
    }

    /// Polls until `condition` holds, failing after 20 s.
    private func waitFor(_ what: String, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(20)
        while try !condition() {
            guard Date() < deadline else { return XCTFail("no \(what) within 20 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private func events(_ workspace: Workspace, _ arn: String) throws -> [JSONValue] {
        try workspace.stepFunctions.getExecutionHistory(arn: arn, maxResults: 1000).items
    }

    /// The events without their timestamps, which differ from run to run.
    private func untimed(_ events: [JSONValue]) -> [JSONValue] {
        events.map { event in
            guard case .object(var object) = event else { return event }
            object["timestamp"] = nil
            return .object(object)
        }
    }

    func testAParkedExecutionContinuesAfterItsWaitWithTheHistoryOfOneKeptInMemory() async throws {
        let (parking, parkingFolder) = try workspace(waitSeconds: 1, parks: true)
        let (plain, plainFolder) = try workspace(waitSeconds: 1, parks: false)
        defer { try? parking.close(); try? plain.close(); _ = (parkingFolder, plainFolder) }
        let (started, running) = try await parking.stepFunctions.startExecution(stateMachineArn: Self.machine, name: "parked", input: #"{"n":1}"#)
        let execution = try XCTUnwrap(running)
        // Parked: nothing of the engine's execution is held while it waits.
        try await waitFor("parking") { execution.execution == nil }
        let parked = try await parking.stepFunctions.describeExecution(arn: started.executionArn)
        XCTAssertEqual(parked.status, .running)
        let result = try await execution.result.get()
        XCTAssertEqual(result.status, .succeeded)
        XCTAssertEqual(result.output, ["n": 1])

        let (reference, referenceRunning) = try await plain.stepFunctions.startExecution(stateMachineArn: Self.machine, name: "parked", input: #"{"n":1}"#)
        let referenceResult = try await XCTUnwrap(referenceRunning).result.get()
        XCTAssertEqual(referenceResult.status, .succeeded)
        let parkedEvents = try events(parking, started.executionArn)
        XCTAssertEqual(parkedEvents.compactMap { $0["type"]?.stringValue },
                       ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        XCTAssertEqual(untimed(parkedEvents), untimed(try events(plain, reference.executionArn)))
        // The Wait ends its 1 s after it was entered, not before.
        let entered = try XCTUnwrap(parkedEvents[1]["timestamp"]?.doubleValue)
        let exited = try XCTUnwrap(parkedEvents[2]["timestamp"]?.doubleValue)
        XCTAssertGreaterThanOrEqual(exited - entered, 1 - 0.0005)
    }

    func testStopExecutionOfAParkedExecutionEndsItAsOneKeptInMemoryEnds() async throws {
        let (parking, parkingFolder) = try workspace(waitSeconds: 600, parks: true)
        let (plain, plainFolder) = try workspace(waitSeconds: 600, parks: false)
        defer { try? parking.close(); try? plain.close(); _ = (parkingFolder, plainFolder) }
        let (started, running) = try await parking.stepFunctions.startExecution(stateMachineArn: Self.machine, name: "stopped")
        let execution = try XCTUnwrap(running)
        try await waitFor("parking") { execution.execution == nil }
        _ = try await parking.stepFunctions.stopExecution(arn: started.executionArn, error: "Operator.Stop", cause: "no longer needed")
        let result = try await execution.result.get()
        XCTAssertEqual(result.status, .aborted)
        XCTAssertEqual(result.error, "Operator.Stop")
        XCTAssertEqual(result.cause, "no longer needed")

        let (reference, referenceRunning) = try await plain.stepFunctions.startExecution(stateMachineArn: Self.machine, name: "stopped")
        try await waitFor("WaitStateEntered stored") { try events(plain, reference.executionArn).count == 2 }
        _ = try await plain.stepFunctions.stopExecution(arn: reference.executionArn, error: "Operator.Stop", cause: "no longer needed")
        let referenceResult = try await XCTUnwrap(referenceRunning).result.get()
        XCTAssertEqual(referenceResult.status, .aborted)
        let parkedEvents = try events(parking, started.executionArn)
        XCTAssertEqual(parkedEvents.last?["type"], "ExecutionAborted")
        XCTAssertEqual(parkedEvents.last?["previousEventId"], 2)
        XCTAssertEqual(untimed(parkedEvents), untimed(try events(plain, reference.executionArn)))
        let stopped = try await parking.stepFunctions.describeExecution(arn: started.executionArn)
        XCTAssertEqual(stopped.status, .aborted)
    }

    /// More executions than wake at once (`ParkedExecutions.awakeLimit`, 256), whose Waits end
    /// within a second or two of each other: every one wakes, and ends after its Wait.
    func testMoreParkedExecutionsThanWakeAtOnceAllEndAfterTheirWait() async throws {
        let (parking, folder) = try workspace(waitSeconds: 1, parks: true)
        defer { try? parking.close(); _ = folder }
        var running: [RunningExecution] = []
        for index in 0..<300 {
            let (_, execution) = try await parking.stepFunctions.startExecution(stateMachineArn: Self.machine, name: "many-\(index)",
                                                                                input: #"{"index":\#(index)}"#)
            running.append(try XCTUnwrap(execution))
        }
        for (index, execution) in running.enumerated() {
            let result = try await execution.result.get()
            XCTAssertEqual(result.status, .succeeded)
            XCTAssertEqual(result.output, ["index": .int(Int64(index))])
            XCTAssertGreaterThanOrEqual(result.stopDate.timeIntervalSince(result.startDate), 1 - 0.0005)
        }
    }
}
