import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Synchronization
import XCTest

/// The engine keeps a state's Entered and Exited events and a Map iteration's events as their
/// parts and writes their details only when read or stored: what is read and what is stored
/// must be the objects GetExecutionHistory gives (docs/history.md), written by hand here.
final class EventDetailsTests: XCTestCase {
    /// Keeps the details text of each event as the store would receive it.
    final class Texts: ExecutionObserver {
        let texts = Mutex<[String?]>([])
        func record(_ event: HistoryEvent) { texts.withLock { $0.append(event.detailsText) } }
        func decided(_ decision: StateDecision, state: String) {}
    }

    static let definition = """
        {"StartAt": "First", "States": {
          "First": {"Type": "Pass", "Parameters": {"items": [1, 2], "quote.$": "$.k"},
                    "Assign": {"x": 1, "s": "a\\"b"}, "Next": "Each"},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                   "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}, "End": true}}}
        """

    func testDetailsReadAndStoredAreTheObjectsOfTheHistory() async throws {
        let texts = Texts()
        let input: JSONValue = ["k": "v\n\u{e9}"]
        let result = await Execution(machine: try StateMachine.parse(Self.definition).get(),
                                     identity: ExecutionIdentity(machineName: "m", executionName: "e"), input: input,
                                     clock: VirtualClock(start: Date(timeIntervalSince1970: 0)), invoker: NoInvoker(),
                                     observer: texts).run()
        XCTAssertEqual(result.status, .succeeded)
        let history = result.history

        let entered = try XCTUnwrap(history.first { $0.type == .passStateEntered })
        XCTAssertEqual(entered.details, ["name": "First", "input": "{\"k\":\"v\\n\u{e9}\"}", "inputDetails": ["truncated": false]])
        let exited = try XCTUnwrap(history.first { $0.type == .passStateExited })
        XCTAssertEqual(exited.details, [
            "name": "First",
            "output": "{\"items\":[1,2],\"quote\":\"v\\n\u{e9}\"}",
            "outputDetails": ["truncated": false],
            "assignedVariables": ["x": "1", "s": "\"a\\\"b\""],
            "assignedVariablesDetails": ["truncated": false],
        ])
        let iterations = history.filter { $0.type == .mapIterationStarted }
        XCTAssertEqual(iterations.map(\.details), [["name": "Each", "index": 0], ["name": "Each", "index": 1]])
        let itemExited = try XCTUnwrap(history.last { $0.type == .passStateExited })
        XCTAssertEqual(itemExited.details, ["name": "Item", "output": "2", "outputDetails": ["truncated": false]])

        // What the store keeps is each object's compact JSON text, members in the same order.
        let written = history.map { $0.details.map { JSONValue.object($0).compactString() } }
        XCTAssertEqual(texts.texts.withLock { $0 }, written)
        XCTAssertEqual(history.map(\.detailsText), written)
        XCTAssertEqual(entered.detailsText, #"{"name":"First","input":"{\"k\":\"v\\n\#u{e9}\"}","inputDetails":{"truncated":false}}"#)
    }

    func testARecordedEventEqualsTheSameEventMadeFromItsObject() async throws {
        let result = await Execution(machine: try StateMachine.parse(Self.definition).get(),
                                     identity: ExecutionIdentity(machineName: "m", executionName: "e"), input: ["k": "v"],
                                     clock: VirtualClock(start: Date(timeIntervalSince1970: 0)), invoker: NoInvoker()).run()
        for event in result.history {
            let made = HistoryEvent(id: event.id, previousEventId: event.previousEventId, timestamp: event.timestamp,
                                    type: event.type, details: event.details)
            XCTAssertEqual(made, event)
            var changed = made
            changed.details?["name"] = "Other"
            if event.details?["name"] != nil { XCTAssertNotEqual(changed, event) }
        }
    }
}

/// No Task runs in these machines.
private struct NoInvoker: TaskInvoker {
    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        .failure(StatesError("Test.NoFunctions", cause: call.function))
    }
}
