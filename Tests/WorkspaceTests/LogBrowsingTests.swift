import Foundation
import JSONValue
import Store
import TestSupport
import Workspace
import XCTest

/// The reads `host logs` and `host invoke` make through CloudWatchLogs and LambdaService.
final class LogBrowsingTests: XCTestCase {
    var folder: TemporaryWorkspace!
    var workspace: Workspace!

    override func setUpWithError() throws {
        folder = try TemporaryWorkspace()
        try folder.addFunction("audit", """
            function handler(event) print("audited " .. event.order) return "ok" end
            """)
        workspace = Workspace(root: folder.root, storage: .memory(MemoryStore()))
    }

    override func tearDownWithError() throws {
        try workspace?.close()
        workspace = nil
        folder = nil
    }

    /// The error `body` throws, failing the test when it throws none.
    private func serviceError<T>(_ body: () throws(ServiceError) -> T, line: UInt = #line) -> ServiceError? {
        do {
            let value = try body()
            XCTFail("expected an error, got \(value)", line: line)
            return nil
        } catch {
            return error
        }
    }

    func testAnInvocationsLinesAreInItsFunctionsGroupStartToReport() throws {
        let invocation = try workspace.lambda.invokeFunction("audit", event: ["order": "A-1"])
        XCTAssertEqual(invocation.outcome, .success("ok"))
        let events = try workspace.logs.events(group: "/aws/lambda/audit")
        // docs/lambda.md: START, the function's own lines, END, REPORT, each an event.
        XCTAssertEqual(events.count, 4)
        XCTAssertEqual(events.first?.message, "START RequestId: \(invocation.requestId) Version: $LATEST")
        XCTAssertEqual(events[1].message.trimmingCharacters(in: .newlines), "audited A-1")
        XCTAssertEqual(events[2].message.trimmingCharacters(in: .newlines), "END RequestId: \(invocation.requestId)")
        XCTAssertTrue(events[3].message.hasPrefix("REPORT RequestId: \(invocation.requestId)\tDuration: "), events[3].message)
        // A follower asks for what came after the last event it showed: nothing yet.
        XCTAssertEqual(try workspace.logs.events(group: "/aws/lambda/audit", after: events.last?.id), [])
        let filtered = try workspace.logs.events(group: "/aws/lambda/audit", filter: LogEventFilter("audited"))
        XCTAssertEqual(filtered.map(\.id), [events[1].id])
    }

    func testAFunctionsNameGivenAsAGroupIsNotFoundAndNamesTheFunctionsGroup() throws {
        _ = try workspace.lambda.invokeFunction("audit", event: ["order": "A-1"])
        let error = serviceError { () throws(ServiceError) in try workspace.logs.logStreams(group: "audit") }
        XCTAssertEqual(error?.code, .resourceNotFoundException)
        XCTAssertEqual(error?.message, "The specified log group does not exist: audit (a function's log group is /aws/lambda/audit)")
        let other = serviceError { () throws(ServiceError) in try workspace.logs.events(group: "/nowhere") }
        XCTAssertEqual(other?.message, "The specified log group does not exist: /nowhere")
    }

    func testRetentionTakesOnlyTheDaysCloudWatchLogsAllows() throws {
        _ = try workspace.lambda.invokeFunction("audit", event: ["order": "A-1"])
        // docs/logs.md, Retention: 1, 3, 5, 7, 14, ... and nothing else.
        let refused = serviceError { () throws(ServiceError) in try workspace.logs.changeRetention(group: "/aws/lambda/audit", days: 8) }
        XCTAssertEqual(refused?.code, .invalidParameter)
        try workspace.logs.changeRetention(group: "/aws/lambda/audit", days: 7)
        XCTAssertEqual(try workspace.logs.logGroups(prefix: "/aws/lambda/").map(\.retentionInDays), [7])
        try workspace.logs.changeRetention(group: "/aws/lambda/audit", days: nil)
        XCTAssertEqual(try workspace.logs.logGroups(prefix: "/aws/lambda/").map(\.retentionInDays), [nil])
    }

    func testAnUnusableSidecarIsReportedBeforeAnythingRuns() throws {
        try folder.addFunction("slow", "function handler(event) return 1 end", configuration: #"{"timeout": 0}"#)
        do {
            _ = try workspace.lambda.invokeFunction("slow", event: [:])
            XCTFail("a timeout of 0 was accepted")
        } catch {
            guard case .configuration(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(problems.hasPrefix("functions/slow.json:1:"), problems)
        }
        XCTAssertEqual(try workspace.logs.logGroups(), [])
    }

    func testReadingAWorkspaceWhereNothingRanCreatesNothing() throws {
        let onDisk = Workspace(root: folder.root)
        XCTAssertEqual(try onDisk.logs.logGroups(), [])
        XCTAssertEqual(try onDisk.stepFunctions.storedExecutions(), [])
        XCTAssertEqual(try onDisk.eventBridge.storedEvents().count, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: onDisk.stateDirectory.path))
    }
}
