import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// A parent whose process died while its Map Run ran resumes like any execution
/// (docs/durable-executions.md): it takes its recorded MapRunStarted and finds its children
/// again under the same Map Run; a child that had ended is not run again, one that was running
/// resumes from its history, one that had not started starts (docs/distributed-map.md).
final class DistributedMapResumeTests: XCTestCase {
    static let definition = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "Label": "Each",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Add", "States": {
              "Add": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Add",
                      "Parameters": {"a.$": "$", "b": 1}, "Next": "Nap"},
              "Nap": {"Type": "Wait", "Seconds": 1, "End": true}}},
          "End": true}}}
        """

    private func execution(history: [HistoryEvent] = [], clockStart: Date, invoker: some TaskInvoker,
                           children: ChildRecorder) throws -> Execution {
        Execution(machine: try StateMachine.parse(Self.definition).get(), identity: ExecutionIdentity(machineName: "M", executionName: "e"),
                  input: [1, 2, 3], clock: VirtualClock(start: clockStart), invoker: invoker, resuming: history, mapRuns: children)
    }

    func testResumingWhileTheSecondChildRunsFinishesTheSameMapRun() async throws {
        let first = ChildRecorder()
        let firstCalls = ResumeTests.CountingInvoker()
        let whole = try await execution(clockStart: ResumeTests.start, invoker: firstCalls, children: first).run()
        XCTAssertEqual(whole.status, .succeeded)
        XCTAssertEqual(whole.output, [2, 3, 4])
        XCTAssertEqual(firstCalls.calls, 3)
        // The children by item: with MaxConcurrency 1 they ran in item order.
        let arns = try [1, 2, 3].map { value in try XCTUnwrap(first.children.first { $0.input == .int(Int64(value)) }?.identity.executionArn) }
        let secondEvents = first.events(of: arns[1])
        XCTAssertEqual(secondEvents.last?.type, .executionSucceeded)
        // The parent had recorded up to its MapRunStarted when the process died.
        let parentCut = try XCTUnwrap(whole.history.firstIndex { $0.type == .mapRunStarted }) + 1
        let parentPrefix = Array(whole.history.prefix(parentCut))

        for cut in 1..<secondEvents.count {
            let secondPrefix = Array(secondEvents.prefix(cut))
            let continued = ChildRecorder(resumable: [
                arns[0]: .ended(status: .succeeded, output: 2, error: nil, cause: nil),
                arns[1]: .running(history: secondPrefix, observer: Collector()),
            ])
            let calls = ResumeTests.CountingInvoker()
            let resumed = try await execution(history: parentPrefix, clockStart: secondPrefix.last!.timestamp, invoker: calls,
                                              children: continued).run()
            XCTAssertEqual(resumed.status, .succeeded, "cut \(cut)")
            XCTAssertEqual(resumed.output, [2, 3, 4], "cut \(cut)")
            XCTAssertEqual(resumed.history.map(\.type), whole.history.map(\.type), "cut \(cut)")
            XCTAssertEqual(Array(resumed.history.prefix(parentCut)), parentPrefix, "cut \(cut)")
            // The same Map Run: the first child is not run again, the second resumes under its
            // own name, the third starts under the name it had in the first run.
            XCTAssertEqual(continued.children.map(\.identity.executionArn), [arns[1], arns[2]], "cut \(cut)")
            XCTAssertEqual(Set(continued.ended.map(\.arn)), [arns[1], arns[2]], "cut \(cut)")
            // The second child's history goes on from where it stopped, as the first run's did.
            let second = try XCTUnwrap(continued.ended.first { $0.arn == arns[1] }?.history)
            XCTAssertEqual(Array(second.prefix(cut)), secondPrefix, "cut \(cut)")
            XCTAssertEqual(second.map(\.type), secondEvents.map(\.type), "cut \(cut)")
            XCTAssertEqual(second.map(\.id), Array(1...secondEvents.count), "cut \(cut)")
            // Only the calls whose answers were not recorded are made: the third child's, and
            // the second's when its answer had not been recorded.
            let answered = secondPrefix.contains { $0.type == .lambdaFunctionSucceeded }
            XCTAssertEqual(calls.calls, answered ? 1 : 2, "cut \(cut)")
        }
    }
}

/// Where a resumed child's new events go; nothing to check there.
private struct Collector: ExecutionObserver {
    func record(_ event: HistoryEvent) {}
}
