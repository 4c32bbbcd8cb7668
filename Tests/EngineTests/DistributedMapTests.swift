import Clocks
import Engine
import Foundation
import JSONValue
import StatesLanguage
import Synchronization
import XCTest

/// A Distributed Map over its input (docs/distributed-map.md): the parent's Map Run events and
/// the child executions, as recorded on AWS (LocalStack's AWS-validated snapshots of
/// test_base_scenarios.py, named per test), and the tolerated-failure rules of AWS's "Tolerated
/// failure threshold for Distributed Map state".
final class DistributedMapTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    private func run(_ definition: String, input: JSONValue, children: ChildRecorder? = nil) async throws -> ExecutionResult {
        let machine = try StateMachine.parse(definition).get()
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"), input: input,
                                  clock: VirtualClock(start: start), invoker: NoFunctions(), mapRuns: children)
        return await execution.run()
    }

    /// A Distributed Map whose item processor fails on items that are `"fail"`, and waits
    /// `wait` seconds on the others; `fields` are the Map's further fields.
    private func machine(_ fields: String = "", executionType: String = "STANDARD", wait: Int = 0) -> String {
        """
        {"StartAt": "Map", "States": {"Map": {"Type": "Map", \(fields)
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "\(executionType)"},
            "StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "fail", "Next": "Fail"}], "Default": "Wait"},
              "Fail": {"Type": "Fail", "Error": "ItemFailed", "Cause": "the item said so"},
              "Wait": {"Type": "Wait", "Seconds": \(wait), "End": true}}},
          "End": true}}}
        """
    }

    /// test_map_state_config_distributed_item_selector: the parent records the Map Run and no
    /// iteration; the output is the children's outputs in item order.
    func testTheParentRecordsTheMapRunAndNoIterations() async throws {
        let result = try await run(#"""
            {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", "MaxConcurrency": 1,
              "ItemSelector": {"constantValue": "constant", "mapValue.$": "$$.Map.Item.Value", "fromInput.$": "$"},
              "ItemProcessor": {"StartAt": "IteratorInner", "States": {"IteratorInner": {"Type": "Pass", "End": true}},
                                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
              "Next": "Finish"}, "Finish": {"Type": "Succeed"}}}
            """#, input: ["Hello", "World"])
        XCTAssertEqual(result.status, .succeeded)
        XCTAssertEqual(result.output, [
            ["constantValue": "constant", "mapValue": "Hello", "fromInput": ["Hello", "World"]],
            ["constantValue": "constant", "mapValue": "World", "fromInput": ["Hello", "World"]],
        ])
        XCTAssertEqual(result.history.map(\.type), [
            .executionStarted, .mapStateEntered, .mapStateStarted, .mapRunStarted, .mapRunSucceeded, .mapStateSucceeded,
            .mapStateExited, .succeedStateEntered, .succeedStateExited, .executionSucceeded,
        ])
    }

    /// Each item is a child execution with a history of its own, named under the Map Run:
    /// "arn:...:mapRun:<machine>/<label>:<id>", and its children
    /// "arn:...:execution:<machine>/<label>:<name>" (docs/distributed-map.md).
    func testChildrenAreExecutionsOfTheirOwnUnderTheMapRun() async throws {
        let children = ChildRecorder()
        let result = try await run(machine(#""Label": "Run","#), input: ["a", "b", "c"], children: children)
        XCTAssertEqual(result.status, .succeeded)
        XCTAssertEqual(result.output, ["a", "b", "c"])
        let started = try XCTUnwrap(result.history.first { $0.type == .mapRunStarted })
        let mapRunArn = try XCTUnwrap(started.details?["mapRunArn"]?.stringValue)
        XCTAssertTrue(mapRunArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:M/Run:"), mapRunArn)

        let recorded = children.children
        XCTAssertEqual(recorded.count, 3)
        XCTAssertEqual(Set(recorded.map(\.mapRunArn)), [mapRunArn])
        XCTAssertEqual(Set(recorded.map(\.input)), ["a", "b", "c"])
        for child in recorded {
            XCTAssertTrue(child.identity.executionArn.hasPrefix("arn:aws:states:us-east-1:123456789012:execution:M/Run:"), child.identity.executionArn)
            XCTAssertEqual(child.identity.stateMachineArn, "arn:aws:states:us-east-1:123456789012:stateMachine:M/Run")
            XCTAssertEqual(children.events(of: child.identity.executionArn).map(\.type), [
                .executionStarted, .choiceStateEntered, .choiceStateExited, .waitStateEntered, .waitStateExited, .executionSucceeded,
            ])
        }
        XCTAssertEqual(Set(recorded.map(\.identity.executionName)).count, 3, "each child has a name of its own")
        XCTAssertEqual(Set(children.ended.map(\.arn)), Set(recorded.map(\.identity.executionArn)))
        XCTAssertEqual(Set(children.ended.map(\.status)), [.succeeded])
    }

    /// EXPRESS children have Express execution ARNs.
    func testExpressChildrenHaveExpressArns() async throws {
        let children = ChildRecorder()
        _ = try await run(machine(#""Label": "Fast","#, executionType: "EXPRESS"), input: ["a"], children: children)
        let child = try XCTUnwrap(children.children.first)
        XCTAssertTrue(child.identity.executionArn.hasPrefix("arn:aws:states:us-east-1:123456789012:express:M/Fast:"), child.identity.executionArn)
    }

    /// MaxConcurrency 1: the children run one after another, so three 10-second children take
    /// 30 seconds of the virtual clock; without a limit they run at once.
    func testMaxConcurrencyRunsChildrenInTurn() async throws {
        let one = try await run(machine(#""MaxConcurrency": 1,"#, wait: 10), input: ["a", "b", "c"])
        XCTAssertEqual(one.stopDate.timeIntervalSince(one.startDate), 30, accuracy: 0.001)
        let all = try await run(machine(wait: 10), input: ["a", "b", "c"])
        XCTAssertEqual(all.stopDate.timeIntervalSince(all.startDate), 10, accuracy: 0.001)
    }

    /// "The default percentage value is zero, which means that the workflow fails if any one of
    /// its child workflow executions fails": States.ExceedToleratedFailureThreshold, with
    /// MapRunFailed then MapStateFailed in the parent.
    func testAnyFailedChildFailsTheMapRunByDefault() async throws {
        let result = try await run(machine(), input: ["a", "fail", "c"])
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.ExceedToleratedFailureThreshold")
        XCTAssertEqual(result.history.map(\.type), [
            .executionStarted, .mapStateEntered, .mapStateStarted, .mapRunStarted, .mapRunFailed, .mapStateFailed, .executionFailed,
        ])
        XCTAssertEqual(result.history.first { $0.type == .mapRunFailed }?.details?["error"], "States.ExceedToleratedFailureThreshold")
    }

    /// ToleratedFailureCount: the Map Run fails once more children fail than it allows.
    func testToleratedFailureCount() async throws {
        let within = try await run(machine(#""ToleratedFailureCount": 1,"#), input: ["a", "fail", "c"])
        XCTAssertEqual(within.status, .succeeded)
        XCTAssertTrue(within.history.contains { $0.type == .mapRunSucceeded })
        let beyond = try await run(machine(#""ToleratedFailureCount": 1,"#), input: ["fail", "fail", "c"])
        XCTAssertEqual(beyond.error, "States.ExceedToleratedFailureThreshold")
    }

    /// ToleratedFailurePercentage: "the total number of failed or timed out items divided by the
    /// total number of items"; with both settings, "the workflow fails when it exceeds either".
    func testToleratedFailurePercentageAndBoth() async throws {
        let third = try await run(machine(#""ToleratedFailurePercentage": 34,"#), input: ["a", "fail", "c"])
        XCTAssertEqual(third.status, .succeeded)
        let twoThirds = try await run(machine(#""ToleratedFailurePercentage": 50,"#), input: ["fail", "fail", "c"])
        XCTAssertEqual(twoThirds.error, "States.ExceedToleratedFailureThreshold")
        let both = try await run(machine(#""ToleratedFailureCount": 5, "ToleratedFailurePercentage": 10,"#), input: ["a", "fail", "c"])
        XCTAssertEqual(both.error, "States.ExceedToleratedFailureThreshold")
    }

    /// test_map_state_tolerated_failure_percentage_path[100.1] and _count_path[-1]: a bad value
    /// fails after MapStateStarted, before the Map Run starts, with AWS's recorded causes.
    func testBadToleratedValuesFailBeforeTheMapRun() async throws {
        let percentage = try await run(machine(#""ToleratedFailurePercentagePath": "$.p", "ItemsPath": "$.items","#),
                                       input: ["p": 100.1, "items": [0]])
        XCTAssertEqual(percentage.error, "States.Runtime")
        XCTAssertEqual(percentage.cause, "An error occurred while executing the state 'Map' (entered at the event id #2). ToleratedFailurePercentage must be between 0 and 100.")
        XCTAssertEqual(percentage.history.map(\.type), [.executionStarted, .mapStateEntered, .mapStateStarted, .executionFailed])
        let count = try await run(machine(#""ToleratedFailureCountPath": "$.c", "ItemsPath": "$.items","#), input: ["c": -1, "items": [0]])
        XCTAssertEqual(count.cause, "An error occurred while executing the state 'Map' (entered at the event id #2). ToleratedFailureCount cannot be negative.")
        XCTAssertEqual(count.history.map(\.type), [.executionStarted, .mapStateEntered, .mapStateStarted, .executionFailed])
    }

    /// MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH (test_assign_reference_variables.py): the
    /// variables hold the texts "1", which count as the numbers.
    func testToleratedPathsTakeTheTextOfANumber() async throws {
        let result = try await run(#"""
            {"StartAt": "Start", "States": {
              "Start": {"Type": "Pass", "Assign": {"toleratedFailurePercentage": "1", "toleratedFailureCount": "1"},
                        "Result": {"Values": [1, 2, 3]}, "Next": "MapState"},
              "MapState": {"Type": "Map", "ItemsPath": "$.Values", "MaxConcurrency": 1,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                  "StartAt": "HandleItem", "States": {"HandleItem": {"Type": "Pass", "End": true}}},
                "ToleratedFailurePercentagePath": "$toleratedFailurePercentage", "ToleratedFailureCountPath": "$toleratedFailureCount",
                "End": true}}}
            """#, input: [:])
        XCTAssertEqual(result.status, .succeeded)
        XCTAssertEqual(result.output, [1, 2, 3])
    }

    /// test_map_state_nested_config_distributed: a child's own Distributed Map is a Map Run of
    /// the child; the parent records only its own.
    func testNestedDistributedMaps() async throws {
        let children = ChildRecorder()
        let result = try await run(#"""
            {"StartAt": "Outer", "States": {"Outer": {"Type": "Map",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Inner",
                "States": {"Inner": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}},
              "End": true}}}
            """#, input: [[1, 2], [3]], children: children)
        XCTAssertEqual(result.status, .succeeded)
        XCTAssertEqual(result.output, [[1, 2], [3]])
        XCTAssertEqual(result.history.filter { $0.type == .mapRunStarted }.count, 1)
        XCTAssertEqual(children.children.count, 5, "two children of the outer Map Run, three of the inner ones")
    }

    /// StopExecution while the children run: they are aborted, and so is the parent.
    func testAbortingTheParentAbortsTheChildren() async throws {
        let children = ChildRecorder()
        let machine = try StateMachine.parse(machine(wait: 100)).get()
        let execution = Execution(machine: machine, identity: ExecutionIdentity(machineName: "M", executionName: "e"), input: ["a", "b"],
                                  clock: SystemClock(), invoker: NoFunctions(), mapRuns: children)
        async let result = execution.run()
        // Abort once both children are waiting.
        let deadline = Date().addingTimeInterval(30)
        while children.children.map({ children.events(of: $0.identity.executionArn).last?.type }).filter({ $0 == .waitStateEntered }).count < 2 {
            guard Date() < deadline else { return XCTFail("the children never reached their Wait states") }
            try await Task.sleep(for: .milliseconds(10))
        }
        execution.abort()
        let ended = await result
        XCTAssertEqual(ended.status, .aborted)
        XCTAssertEqual(ended.history.suffix(2).map(\.type), [.mapRunAborted, .executionAborted])
        for child in children.children {
            XCTAssertEqual(children.events(of: child.identity.executionArn).last?.type, .executionAborted)
        }
    }
}

/// Keeps what a Map Run reports of its children, and their events; answers a resumed
/// parent's questions from `resumable`.
final class ChildRecorder: MapRunObserver {
    struct Child: Sendable {
        var identity: ExecutionIdentity
        /// nil for a resumed child.
        var input: JSONValue?
        var mapRunArn: String?
    }

    /// What a resumed parent finds of its children, by execution ARN.
    let resumable: [String: RecordedChild]

    init(resumable: [String: RecordedChild] = [:]) { self.resumable = resumable }

    func recorded(_ identity: ExecutionIdentity) -> RecordedChild? {
        guard let found = resumable[identity.executionArn] else { return nil }
        if case .running = found { self.state.withLock { $0.children.append(Child(identity: identity, input: nil, mapRunArn: nil)) } }
        return found
    }

    private let state = Mutex<(children: [Child], events: [String: [HistoryEvent]], ended: [(arn: String, status: ExecutionStatus, history: [HistoryEvent])])>(([], [:], []))

    var children: [Child] { state.withLock { $0.children } }
    func events(of arn: String) -> [HistoryEvent] { state.withLock { $0.events[arn] ?? [] } }

    func child(_ identity: ExecutionIdentity, input: JSONValue, mapRunArn: String, state: String) -> (any ExecutionObserver)? {
        self.state.withLock { $0.children.append(Child(identity: identity, input: input, mapRunArn: mapRunArn)) }
        return Events(recorder: self, arn: identity.executionArn)
    }

    func childEnded(_ identity: ExecutionIdentity, _ result: ExecutionResult) async {
        state.withLock { $0.ended.append((identity.executionArn, result.status, result.history)) }
    }

    private let progress = Mutex<(changes: [MapRunProgress], ended: [MapRunProgress])>(([], []))

    func mapRunChanged(_ progress: MapRunProgress) { self.progress.withLock { $0.changes.append(progress) } }
    func mapRunEnded(_ progress: MapRunProgress) async { self.progress.withLock { $0.ended.append(progress) } }

    /// How the Map Runs stood each time they changed, and as they ended.
    var mapRunChanges: [MapRunProgress] { progress.withLock { $0.changes } }
    var mapRunsEnded: [MapRunProgress] { progress.withLock { $0.ended } }

    /// The children that ended, with their statuses, in the order they ended.
    var ended: [(arn: String, status: ExecutionStatus, history: [HistoryEvent])] { state.withLock { $0.ended } }

    fileprivate func add(_ event: HistoryEvent, to arn: String) {
        state.withLock { $0.events[arn, default: []].append(event) }
    }

    private struct Events: ExecutionObserver {
        let recorder: ChildRecorder
        let arn: String
        func record(_ event: HistoryEvent) { recorder.add(event, to: arn) }
    }
}

struct NoFunctions: TaskInvoker {
    func invoke(_ call: FunctionCall) async -> FunctionCallResult {
        .failure(StatesError("Lambda.ResourceNotFoundException", cause: "no functions here"))
    }
}
