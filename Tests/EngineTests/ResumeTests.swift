import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import XCTest

/// An execution whose process died resumes from its recorded history (the issue's durable
/// executions): run again over any prefix of its history, it ends with the same history as a
/// run that never stopped — no event lost or written twice, ids continuing — and the work whose
/// outcome was recorded is not done again.
final class ResumeTests: XCTestCase {
    /// Counts calls, and answers as GoldenInvoker does.
    final class CountingInvoker: TaskInvoker, @unchecked Sendable {
        let lock = NSLock()
        var calls = 0

        func invoke(_ call: FunctionCall) async -> FunctionCallResult {
            lock.withLock { calls += 1 }
            return await GoldenInvoker().invoke(call)
        }
    }

    static let start = Date(timeIntervalSince1970: 1_714_564_800)

    /// A Wait, a retried Task, a Map of three items with a limited concurrency and a Parallel.
    static let definition = """
        {"StartAt": "Pause", "States": {
          "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Call"},
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:FailByAttempt",
                   "Parameters": {"attempt.$": "$$.State.RetryCount", "errors": ["Oops", "Oops"]},
                   "Retry": [{"ErrorEquals": ["Oops"], "IntervalSeconds": 2, "MaxAttempts": 3}], "ResultPath": "$.call", "Next": "Each"},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": "$.each",
                   "ItemProcessor": {"StartAt": "Add", "States": {
                     "Add": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Add",
                             "Parameters": {"a.$": "$", "b": 1}, "Next": "Nap"},
                     "Nap": {"Type": "Wait", "Seconds": 1, "End": true}}}, "Next": "Both"},
          "Both": {"Type": "Parallel", "ResultPath": "$.both", "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": "l", "End": true}}},
            {"StartAt": "Right", "States": {"Right": {"Type": "Wait", "Seconds": 3, "End": true}}}], "End": true}}}
        """

    private func execution(history: [HistoryEvent] = [], clockStart: Date = start, invoker: some TaskInvoker) throws -> Execution {
        Execution(machine: try StateMachine.parse(Self.definition).get(), identity: ExecutionIdentity(machineName: "M", executionName: "e"),
                  input: ["items": [1, 2, 3]], clock: VirtualClock(start: clockStart), invoker: invoker, resuming: history)
    }

    func testResumingFromAnyPrefixGivesTheWholeHistory() async throws {
        let first = CountingInvoker()
        let whole = await try execution(invoker: first).run()
        XCTAssertEqual(whole.status, .succeeded)
        let events = whole.history
        XCTAssertEqual(events.map(\.id), Array(1...events.count))
        for cut in 1..<events.count {
            let prefix = Array(events.prefix(cut))
            let invoker = CountingInvoker()
            // The process died just after the last event it recorded.
            let resumed = await try execution(history: prefix, clockStart: prefix.last!.timestamp, invoker: invoker).run()
            XCTAssertEqual(resumed.status, .succeeded, "resumed after event \(cut)")
            XCTAssertEqual(resumed.output, whole.output, "resumed after event \(cut)")
            XCTAssertEqual(resumed.history.count, events.count, "resumed after event \(cut)")
            // What was recorded stays as it was; ids run on from it without a gap or a repeat.
            XCTAssertEqual(Array(resumed.history.prefix(cut)), prefix, "resumed after event \(cut)")
            XCTAssertEqual(resumed.history.map(\.id), Array(1...resumed.history.count), "resumed after event \(cut)")
            // Concurrent branches and iterations may interleave otherwise after the cut, as in
            // any two runs: compared as trees, each event with the path of events that led to
            // it, the histories are the same, times included (a Wait keeps its end, a retry
            // its interval).
            XCTAssertEqual(Self.tree(resumed.history), Self.tree(events), "resumed after event \(cut)")
            // Calls whose answers were recorded are not made again.
            let answered = prefix.filter { [.lambdaFunctionSucceeded, .lambdaFunctionFailed].contains($0.type) }.count
            XCTAssertEqual(invoker.calls, first.calls - answered, "resumed after event \(cut)")
        }
    }

    /// Each event as the chain of events that led to it (type, state, item), with its details
    /// and time: the history without its ids. A limited Map's iteration starts after whichever
    /// running iteration ended first, which differs between runs when two end at the same
    /// time: its start is chained to its Map's MapStateStarted instead.
    static func tree(_ events: [HistoryEvent]) -> [String] {
        var byId: [Int: HistoryEvent] = [:]
        for event in events { byId[event.id] = event }
        func chain(_ event: HistoryEvent) -> String {
            let key = "\(event.type.rawValue)(\(event.details?["name"]?.compactString() ?? "")\(event.details?["index"]?.compactString() ?? ""))"
            guard var parent = byId[event.previousEventId], event.previousEventId != 0 else { return key }
            if event.type == .mapIterationStarted {
                while parent.type != .mapStateStarted, let up = byId[parent.previousEventId] { parent = up }
            }
            return chain(parent) + " > " + key
        }
        return events.map { "\(chain($0)) \(JSONValue.object($0.details ?? [:]).compactString()) @\($0.timestamp.timeIntervalSince1970)" }.sorted()
    }
}
