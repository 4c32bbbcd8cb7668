import Clocks
import Engine
import Foundation
import JSONValue
import Store
import TestSupport
import Workspace
import XCTest

/// The Task integrations that reach Step Functions, EventBridge and Lambda's asynchronous
/// invocations (docs/integrations.md): `states:startExecution` and its `.sync`, `.sync:2` and
/// `.waitForTaskToken` patterns ("Start a new AWS Step Functions state machine from a running
/// execution", with its examples' `HelloWorld` child and `{"Comment": "Hello world!"}` input),
/// `events:putEvents` ("Add EventBridge events with Step Functions", its example entry), and
/// `lambda:invoke` with `InvocationType: Event` and `DryRun` (Lambda's Invoke: 202 and 204).
final class NestedIntegrationTests: EventBridgeTestCase {
    static let child = """
        {"StartAt": "Wait", "States": {
          "Wait": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.Comment", "StringEquals": "fail", "Next": "Fail"}], "Default": "Done"},
          "Fail": {"Type": "Fail", "Error": "Child.Failed", "Cause": "asked to"},
          "Done": {"Type": "Pass", "Parameters": {"greeting.$": "$.Comment"}, "End": true}}}
        """

    override func setUpWithError() throws {
        try super.setUpWithError()
        try write(Self.child, to: "machines/HelloWorld.json")
        // A virtual clock: the child's 30-second Wait passes at once, while the parent waits.
        workspace = workspace.with(clock: VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000)))
    }

    private func write(_ text: String, to path: String) throws {
        let url = folder.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs a machine of one Task state, with the machine's own `TimeoutSeconds`, and its end.
    private func runTask(_ resource: String, _ parameters: String, timeout: Int = 3600) async throws -> ExecutionResult {
        try write(#"{"TimeoutSeconds": \#(timeout), "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\#(resource)", "Parameters": \#(parameters), "End": true}}}"#,
                  to: "machines/parent.json")
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:parent", name: UUID().uuidString)
        return try await XCTUnwrap(running).result.get()
    }

    private static let start = #"{"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld", "Input": {"Comment": "Hello world!"}, "Name": "ExecutionName"}"#

    // MARK: states:startExecution

    /// Request-response: `{"ExecutionArn", "StartDate"}` once the child is stored; the child runs
    /// on as an execution of its own.
    func testStartExecutionAnswersTheChildsArnAndStartDate() async throws {
        let result = try await runTask("arn:aws:states:::states:startExecution", Self.start)
        XCTAssertEqual(result.status, .succeeded, "\(result.error ?? ""): \(result.cause ?? "")")
        let arn = "arn:aws:states:us-east-1:123456789012:execution:HelloWorld:ExecutionName"
        XCTAssertEqual(result.output?["ExecutionArn"], .string(arn))
        XCTAssertEqual(result.output?["StartDate"], .int(result.startDate.epochMilliseconds))
        XCTAssertEqual(result.output?.objectValue?.count, 2)
        let child = try await workspace.stepFunctions.describeExecution(arn: arn)
        XCTAssertEqual(child.json["input"], #"{"Comment":"Hello world!"}"#)
    }

    /// `.sync`: the parent waits for the child (its 30 s Wait passing on the virtual clock,
    /// within the parent's own 60 s limit) and its result is the child's description, `Output`
    /// as JSON text; `.sync:2` gives `Output` as JSON.
    func testSyncWaitsForTheChildAndAnswersItsDescription() async throws {
        let sync = try await runTask("arn:aws:states:::states:startExecution.sync", Self.start, timeout: 60)
        XCTAssertEqual(sync.status, .succeeded, "\(sync.error ?? ""): \(sync.cause ?? "")")
        let output = try XCTUnwrap(sync.output)
        XCTAssertEqual(output["Status"], "SUCCEEDED")
        XCTAssertEqual(output["Output"], #"{"greeting":"Hello world!"}"#)
        XCTAssertEqual(output["Input"], #"{"Comment":"Hello world!"}"#)
        XCTAssertEqual(output["Name"], "ExecutionName")
        XCTAssertEqual(output["StateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld")
        // The child's Wait took 30 s of its time, and the parent's end came after it.
        let start = try XCTUnwrap(output["StartDate"]?.intValue), stop = try XCTUnwrap(output["StopDate"]?.intValue)
        XCTAssertEqual(stop - start, 30_000)
        XCTAssertGreaterThanOrEqual(sync.stopDate.epochMilliseconds, stop)

        let second = Self.start.replacingOccurrences(of: "ExecutionName", with: "Second")
        let sync2 = try await runTask("arn:aws:states:::states:startExecution.sync:2", second)
        XCTAssertEqual(sync2.output?["Output"], ["greeting": "Hello world!"])
        // The Task events name the resource with its pattern (docs/history.md).
        let scheduled = try XCTUnwrap(sync2.history.first { $0.type == .taskScheduled })
        XCTAssertEqual(scheduled.details?["resourceType"], "states")
        XCTAssertEqual(scheduled.details?["resource"], "startExecution.sync:2")
    }

    /// A child that fails fails the `.sync` Task with `States.TaskFailed`, its description (with
    /// the child's `Error` and `Cause`) the cause.
    func testAFailedChildFailsTheSyncTaskWithStatesTaskFailed() async throws {
        let result = try await runTask("arn:aws:states:::states:startExecution.sync",
                                       Self.start.replacingOccurrences(of: "Hello world!", with: "fail"))
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.TaskFailed")
        let cause = try JSONValue.parse(try XCTUnwrap(result.cause))
        XCTAssertEqual(cause["Status"], "FAILED")
        XCTAssertEqual(cause["Error"], "Child.Failed")
        XCTAssertEqual(cause["Cause"], "asked to")
    }

    /// The Task's TimeoutSeconds bounds its wait for the child: at 10 s of the child's 30 s Wait
    /// the Task times out (`States.Timeout`), and its child is stopped.
    func testTheTasksTimeoutBoundsTheWaitForTheChild() async throws {
        try write(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "TimeoutSeconds": 10, "Parameters": \#(Self.start), "End": true}}}"#,
                  to: "machines/parent.json")
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:parent", name: "timeout")
        let result = try await XCTUnwrap(running).result.get()
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.error, "States.Timeout")
        let timedOut = try XCTUnwrap(result.history.first { $0.type == .taskTimedOut })
        XCTAssertEqual(timedOut.timestamp.timeIntervalSince(result.startDate), 10, accuracy: 0.001)
        // The child's stop is its own to record: wait for it, with a deadline.
        let childArn = "arn:aws:states:us-east-1:123456789012:execution:HelloWorld:ExecutionName"
        let deadline = Date().addingTimeInterval(30)
        var status = try await workspace.stepFunctions.describeExecution(arn: childArn).json["status"]
        while status == "RUNNING", Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            status = try await workspace.stepFunctions.describeExecution(arn: childArn).json["status"]
        }
        XCTAssertEqual(status, "ABORTED")
    }

    /// A machine that does not exist, and a second start of a name with another input:
    /// StartExecution's errors, `StepFunctions.<Code>`.
    func testStartExecutionErrorsAreStepFunctionsErrors() async throws {
        let missing = try await runTask("arn:aws:states:::states:startExecution",
                                        #"{"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Nowhere"}"#)
        XCTAssertEqual(missing.error, "StepFunctions.StateMachineDoesNotExist")
        XCTAssertTrue(missing.cause?.hasPrefix("State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:Nowhere' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ") == true,
                      missing.cause ?? "")
        _ = try await runTask("arn:aws:states:::states:startExecution.sync", Self.start)
        let again = try await runTask("arn:aws:states:::states:startExecution",
                                      Self.start.replacingOccurrences(of: "Hello world!", with: "other"))
        XCTAssertEqual(again.error, "StepFunctions.ExecutionAlreadyExists")
    }

    /// `.waitForTaskToken`: the child gets the token in its input and answers it with
    /// SendTaskSuccess (here, once it has run); the parent's result is that output.
    func testWaitForTaskTokenTakesTheChildsAnswer() async throws {
        let parameters = #"{"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld", "Input": {"Comment": "Hello world!", "token.$": "$$.Task.Token"}}"#
        try write(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken", "Parameters": \#(parameters), "End": true}}}"#,
                  to: "machines/parent.json")
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:parent", name: "callback")
        let parent = try XCTUnwrap(running)
        // Wait (with a deadline) for the child to have ended, then answer its token.
        let deadline = Date().addingTimeInterval(30)
        var token: String?
        while token == nil, Date() < deadline {
            let children = try workspace.stores().executions.executions(machineName: "HelloWorld", status: "SUCCEEDED", limit: nil)
            token = children.first.flatMap { try? JSONValue.parse($0.input) }?["token"]?.stringValue
            if token == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        try workspace.stepFunctions.sendTaskSuccess(token: try XCTUnwrap(token), output: #"{"answered": true}"#)
        let result = try await parent.result.get()
        XCTAssertEqual(result.output, ["answered": true])
        let submitted = try XCTUnwrap(result.history.first { $0.type == .taskSubmitted })
        XCTAssertEqual(submitted.details?["resource"], "startExecution.waitForTaskToken")
    }

    /// A test case's mock answers a `.sync` Task as it answers any integration's (docs/testing.md):
    /// its `Throw` is the Task's error, which Catch takes, and no child starts.
    func testAMockedSyncTaskStartsNoChild() async throws {
        try write(#"""
            {"StateMachines": {"parent": {"TestCases": {"ChildFails": {"T": "ChildFailed"}}}},
             "MockedResponses": {"ChildFailed": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "mocked"}}}}}
            """#, to: "workflow-tests/MockConfigFile.json")
        try write(#"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "Parameters": \#(Self.start),
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Pass", "End": true}}}
            """#, to: "machines/parent.json")
        let (_, running) = try await workspace.stepFunctions.startExecution(
            stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:parent#ChildFails", name: "mocked")
        let result = try await XCTUnwrap(running).result.get()
        XCTAssertEqual(result.output?["error"], ["Error": "States.TaskFailed", "Cause": "mocked"])
        XCTAssertEqual(try workspace.stores().executions.executions(machineName: "HelloWorld", status: nil, limit: nil).count, 0)
    }

    // MARK: events:putEvents

    /// The documentation's entry: routed by the workspace's rules like any PutEvents, its
    /// `Detail` object sent as JSON text, the execution's and its machine's ARNs appended to
    /// its `Resources`; the result PutEvents' response.
    func testPutEventsRoutesTheEntryAndAnswersItsEventId() async throws {
        _ = try bridge.putRule(name: "orders", eventPattern: Self.pattern)
        _ = try bridge.putTargets(rule: "orders", targets: [target("audit", function: "audit")])
        let result = try await runTask("arn:aws:states:::events:putEvents",
                                       #"{"Entries": [{"Detail": {"order": 42}, "DetailType": "Order Placed", "Source": "shop"}]}"#)
        XCTAssertEqual(result.status, .succeeded, "\(result.error ?? ""): \(result.cause ?? "")")
        XCTAssertEqual(result.output?["FailedEntryCount"], 0)
        let id = try XCTUnwrap(result.output?["Entries"]?[0]?["EventId"]?.stringValue)
        await workspace.drainEvents()
        let stored = try JSONValue.parse(try XCTUnwrap(try workspace.stores().events.event(id: id)).body)
        XCTAssertEqual(stored["detail"], ["order": 42])
        let resources = try XCTUnwrap(stored["resources"]?.arrayValue?.compactMap(\.stringValue))
        XCTAssertEqual(resources.count, 2)
        XCTAssertTrue(resources[0].hasPrefix("arn:aws:states:us-east-1:123456789012:execution:parent:"), "\(resources)")
        XCTAssertEqual(resources[1], "arn:aws:states:us-east-1:123456789012:stateMachine:parent")
        XCTAssertTrue(try logMessages(of: "audit").contains { $0.hasPrefix("audit Order Placed from shop: 42") })
    }

    /// "If the response from PutEvents contains a non-zero FailedEntryCount then the Task state
    /// fails with the error EventBridge.FailedEntry"; too many entries is the request's error.
    func testAFailedEntryFailsTheTask() async throws {
        let result = try await runTask("arn:aws:states:::events:putEvents",
                                       #"{"Entries": [{"Detail": {"a": 1}, "DetailType": "t", "Source": "aws.states"}]}"#)
        XCTAssertEqual(result.error, "EventBridge.FailedEntry")
        XCTAssertEqual(try JSONValue.parse(try XCTUnwrap(result.cause))["FailedEntryCount"], 1)
        let entries = JSONValue.array(Array(repeating: ["Detail": ["a": 1], "DetailType": "t", "Source": "shop"], count: 11))
        let tooMany = try await runTask("arn:aws:states:::events:putEvents", #"{"Entries": \#(entries.compactString())}"#)
        XCTAssertEqual(tooMany.error, "EventBridge.ValidationException")
    }

    // MARK: lambda:invoke InvocationType

    /// "For the Event invocation type, this status code is 202. For the DryRun invocation type,
    /// the status code is 204" (Lambda's Invoke): the Task does not wait for an Event's function,
    /// which still runs (its log lines appear); a DryRun runs nothing.
    func testEventAndDryRunInvocations() async throws {
        let dryRun = try await runTask("arn:aws:states:::lambda:invoke", #"{"FunctionName": "broken", "InvocationType": "DryRun"}"#)
        XCTAssertEqual(dryRun.status, .succeeded, "a DryRun runs nothing, so the failing function does not fail it")
        XCTAssertEqual(dryRun.output?["StatusCode"], 204)

        let event = try await runTask("arn:aws:states:::lambda:invoke",
                                      #"{"FunctionName": "audit", "InvocationType": "Event", "Payload": {"detail-type": "Async", "source": "task", "detail": {"order": 5}}}"#)
        XCTAssertEqual(event.status, .succeeded, "\(event.error ?? ""): \(event.cause ?? "")")
        XCTAssertEqual(event.output?["StatusCode"], 202)
        XCTAssertEqual(event.output?["Payload"], "")
        // A function that does not exist is refused at once, as Invoke refuses it.
        let missing = try await runTask("arn:aws:states:::lambda:invoke", #"{"FunctionName": "nowhere", "InvocationType": "Event"}"#)
        XCTAssertEqual(missing.error, "Lambda.ResourceNotFoundException")
        // The function ran on its own: its log lines are there once the workspace has let its
        // queued invocations end (`logMessages` closes it).
        XCTAssertTrue(try logMessages(of: "audit").contains { $0.hasPrefix("audit Async from task: 5") })
    }
}
