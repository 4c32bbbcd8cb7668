import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Synchronization
import XCTest

/// What the engine tells an observer that a history does not say exactly (docs/testing.md,
/// "Coverage"): which retrier granted a retry, which catcher took an error, which Choice rule
/// matched when two lead to the same state.
final class StateDecisionTests: XCTestCase {
    /// Fails with ErrorX on the first call and ErrorY on the second.
    final class FlakyInvoker: TaskInvoker {
        let calls = Mutex(0)

        func invoke(_ call: FunctionCall) async -> FunctionCallResult {
            let number = calls.withLock { count in
                count += 1
                return count
            }
            return .failure(StatesError(number == 1 ? "ErrorX" : "ErrorY", cause: "call \(number)"))
        }
    }

    /// Keeps the decisions in the order they were told.
    final class Decisions: ExecutionObserver {
        let told = Mutex<[String]>([])

        func record(_ event: HistoryEvent) {}

        func decided(_ decision: StateDecision, state: String) {
            told.withLock { $0.append("\(state) \(decision)") }
        }
    }

    /// By hand: ErrorX is not matched by Retry[0] (ErrorY) but by Retry[1], which retries
    /// once; ErrorY is matched by Retry[0], whose MaxAttempts 0 never retries, so Catch[1]
    /// (States.ALL; Catch[0] is ErrorX) takes it. Both rules of Pick lead to Each, and the
    /// second matches. The Map's two iterations each end at Item, then the Map ends.
    static let definition = """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Flaky",
                   "Retry": [{"ErrorEquals": ["ErrorY"], "MaxAttempts": 0},
                             {"ErrorEquals": ["ErrorX"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                   "Catch": [{"ErrorEquals": ["ErrorX"], "Next": "Never"},
                             {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Pick"}],
                   "Next": "Never"},
          "Never": {"Type": "Fail", "Error": "Never"},
          "Pick": {"Type": "Choice", "Choices": [
                     {"Variable": "$.error.Error", "StringEquals": "ErrorX", "Next": "Each"},
                     {"Variable": "$.error.Error", "StringEquals": "ErrorY", "Next": "Each"}],
                   "Default": "Each"},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                   "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}, "End": true}}}
        """

    func testTheRetrierCatcherAndRuleTakenAreTold() async throws {
        let decisions = Decisions()
        let execution = Execution(machine: try StateMachine.parse(Self.definition).get(),
                                  identity: ExecutionIdentity(machineName: "M", executionName: "e"), input: ["items": [1, 2]],
                                  clock: VirtualClock(start: Date(timeIntervalSince1970: 1_714_564_800)), invoker: FlakyInvoker(),
                                  observer: decisions)
        let result = await execution.run()
        XCTAssertEqual(result.status, .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        XCTAssertEqual(decisions.told.withLock { $0 }, ["Call retrier(1)", "Call catcher(1)", "Pick choice(1)", "Item end", "Item end", "Each end"])
    }

    /// No rule matches: the Default is told, and a Next is told as such.
    func testTheDefaultAndNextAreTold() async throws {
        let decisions = Decisions()
        let definition = """
            {"StartAt": "First", "States": {
              "First": {"Type": "Pass", "Next": "Pick"},
              "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}], "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """
        let execution = Execution(machine: try StateMachine.parse(definition).get(), identity: ExecutionIdentity(machineName: "M", executionName: "e"),
                                  input: ["n": 2], clock: VirtualClock(start: Date(timeIntervalSince1970: 0)), invoker: FlakyInvoker(),
                                  observer: decisions)
        _ = await execution.run()
        XCTAssertEqual(decisions.told.withLock { $0 }, ["First next", "Pick defaultRule", "Done end"])
    }
}
