import Engine
import Foundation
import GRDB
import Store
import TestSupport
@testable import Workspace
import XCTest

/// DescribeExecution of an execution this process ran and ended is answered from memory
/// (`EndedExecutions`): it must be what the store answers to any reader, and an execution
/// another process runs is read from the store each time, so that its end is seen.
final class EndedDescriptionTests: XCTestCase {
    private static let machines = [
        "pass": #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"done": true}, "End": true}}}"#,
        "boom": #"{"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "on purpose"}}}"#,
        "park": #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": true}}}"#,
        "tick": #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}"#,
    ]

    private func workspaceFolder() throws -> TemporaryWorkspace {
        let folder = try TemporaryWorkspace()
        let directory = folder.root.appendingPathComponent("machines")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, definition) in Self.machines {
            try definition.write(to: directory.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    private func machineArn(_ name: String) -> String { "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)" }

    /// Waits until this process keeps the end of `arn` (its end is kept right after the
    /// waiters of its result are answered).
    private func waitUntilKept(_ arn: String, by service: StepFunctions) async throws {
        let deadline = Date().addingTimeInterval(30)
        while service.ended[arn] == nil {
            guard Date() < deadline else { return XCTFail("the end of \(arn) was not kept") }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }

    func testAnEndedExecutionIsDescribedAsAnotherProcessReadsItFromTheStore() async throws {
        let folder = try workspaceFolder()
        let workspace = Workspace(root: folder.root)
        defer { try? workspace.close() }
        let service = workspace.stepFunctions

        let (passed, passing) = try await service.startExecution(stateMachineArn: machineArn("pass"), name: "p", input: #"{"a": 1}"#)
        _ = try await XCTUnwrap(passing).result.get()
        let (failed, failing) = try await service.startExecution(stateMachineArn: machineArn("boom"), name: "b", input: "{}")
        _ = try await XCTUnwrap(failing).result.get()
        let (stopped, parked) = try await service.startExecution(stateMachineArn: machineArn("park"), name: "w", input: "[1]")
        _ = try await service.stopExecution(arn: stopped.executionArn, error: "Halt", cause: "by the test")
        _ = try await XCTUnwrap(parked).result.get()

        // Another process (a workspace of its own over the same folder) reads the store.
        let other = Workspace(root: folder.root)
        defer { try? other.close() }
        for arn in [passed.executionArn, failed.executionArn, stopped.executionArn] {
            try await waitUntilKept(arn, by: service)
            let answered = try await service.describeExecution(arn: arn)
            let read = try await other.stepFunctions.describeExecution(arn: arn)
            XCTAssertEqual(answered, read)
            XCTAssertEqual(answered.json, read.json)
        }

        // What each says, from the Pass, Fail and StopExecution above (docs/history.md).
        let pass = try await service.describeExecution(arn: passed.executionArn)
        XCTAssertEqual(pass.status, .succeeded)
        XCTAssertEqual(pass.input, #"{"a":1}"#)
        XCTAssertEqual(pass.output, #"{"done":true}"#)
        XCTAssertEqual(pass.redriveStatus, .notRedrivable)
        let boom = try await service.describeExecution(arn: failed.executionArn)
        XCTAssertEqual(boom.status, .failed)
        XCTAssertEqual(boom.error, "Custom.Boom")
        XCTAssertEqual(boom.cause, "on purpose")
        XCTAssertNil(boom.output)
        XCTAssertEqual(boom.redriveStatus, .redrivable)
        let stop = try await service.describeExecution(arn: stopped.executionArn)
        XCTAssertEqual(stop.status, .aborted)
        XCTAssertEqual(stop.error, "Halt")
        XCTAssertEqual(stop.cause, "by the test")
        XCTAssertEqual(stop.input, "[1]")
    }

    /// A DescribeExecution that comes while the execution's end is on its way to the store is
    /// answered with that end once the store has it. Read from the store meanwhile, it would
    /// say RUNNING just before the store says otherwise.
    func testAnExecutionWhoseEndIsBeingStoredIsDescribedByThatEnd() async throws {
        let folder = try workspaceFolder()
        let workspace = Workspace(root: folder.root)
        defer { try? workspace.close() }
        let service = workspace.stepFunctions
        let (started, running) = try await service.startExecution(stateMachineArn: machineArn("tick"), name: "ending")
        // Another connection holds the store's write lock on a thread of its own: the end,
        // once the Wait is over, waits for it (the store's busy timeout is 30 s).
        let other = try DatabaseQueue(path: folder.root.appendingPathComponent(".host/host.sqlite").path)
        let (held, release) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        DispatchQueue(label: "lock holder").async {
            try? other.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    held.signal()
                    release.wait()
                    return .commit
                }
            }
        }
        held.wait()
        var released = false
        defer { if !released { release.signal() } }
        let deadline = Date().addingTimeInterval(30)
        while service.running[started.executionArn]?.isEnding != true {
            guard Date() < deadline else { return XCTFail("the end was never handed to the store") }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let status = try await withThrowingTaskGroup(of: ExecutionStatus?.self) { group in
            group.addTask { try await service.describeExecution(arn: started.executionArn).status }
            // The lock is let go when the answer came first (RUNNING, read from the store), or
            // after 2 s: either way the answer must be the end.
            group.addTask {
                try await Task.sleep(nanoseconds: 2_000_000_000)
                return nil
            }
            var answer: ExecutionStatus?
            while answer == nil, let next = try await group.next() {
                answer = next
                if !released { released = true; release.signal() }
            }
            group.cancelAll()
            return answer
        }
        XCTAssertEqual(status, .succeeded)
        _ = try await XCTUnwrap(running).result.get()
    }

    func testAnExecutionAnotherProcessRunsIsReadFromTheStoreUntilItsEnd() async throws {
        let folder = try workspaceFolder()
        let runner = Workspace(root: folder.root)
        defer { try? runner.close() }
        let reader = Workspace(root: folder.root)
        defer { try? reader.close() }

        let (started, running) = try await runner.stepFunctions.startExecution(stateMachineArn: machineArn("park"), name: "elsewhere")
        let whileRunning = try await reader.stepFunctions.describeExecution(arn: started.executionArn)
        XCTAssertEqual(whileRunning.status, .running)
        _ = try await runner.stepFunctions.stopExecution(arn: started.executionArn)
        _ = try await XCTUnwrap(running).result.get()
        // The reader saw it RUNNING; it must now say what the store says.
        let afterItsEnd = try await reader.stepFunctions.describeExecution(arn: started.executionArn)
        XCTAssertEqual(afterItsEnd.status, .aborted)
        XCTAssertNil(reader.stepFunctions.ended[started.executionArn])
    }

    func testAtMostTwoGenerationsOfEndsAreKept() {
        func record(_ index: Int, input: String = "{}") -> ExecutionRecord {
            ExecutionRecord(executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:\(index)", stateMachineArn: "s",
                            machineName: "m", name: "\(index)", status: "SUCCEEDED", startDate: 0, stopDate: 1, input: input,
                            output: "{}", definition: String(repeating: "x", count: 1000))
        }
        let ends = EndedExecutions(limit: 2, byteLimit: 1 << 20)
        for index in 0..<5 { ends.add(record(index)) }
        // 0 and 1 filled the first generation, 2 and 3 the second; 4 started a third, and
        // the first was dropped.
        XCTAssertNil(ends[record(0).executionArn])
        XCTAssertNil(ends[record(1).executionArn])
        for index in 2..<5 { XCTAssertEqual(ends[record(index).executionArn]?.name, "\(index)") }
        XCTAssertNil(ends[record(4).executionArn]?.definition, "the definition is not kept")

        // By bytes: each record below is 50 bytes of ARN and about 100 of input.
        let sized = EndedExecutions(limit: 100, byteLimit: 400)
        let big = String(repeating: "1", count: 100)
        for index in 0..<6 { sized.add(record(index, input: big)) }
        XCTAssertNil(sized[record(0).executionArn])
        XCTAssertNotNil(sized[record(5).executionArn])
        // One larger than a generation is not kept at all.
        sized.add(record(9, input: String(repeating: "1", count: 500)))
        XCTAssertNil(sized[record(9).executionArn])
    }
}
